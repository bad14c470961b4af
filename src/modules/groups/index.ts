/** The public face of working groups and their meetings: the only file another module imports. */

export { groupRoutes } from './routes.js';
