/** The public face of the network's bulletins: the only file another module imports. */

export { bulletinRoutes } from './routes.js';
