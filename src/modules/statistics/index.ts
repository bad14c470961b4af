/** The public face of pooled statistics: their routes. */
export { statisticsRoutes } from './routes.js';
