/** The public face of the identification aid: the only file another module imports. */

export { screeningRoutes } from './routes.js';
export { evaluate } from './service.js';
