/** The public face of the health check. */
export { healthRoutes } from './routes.js';
