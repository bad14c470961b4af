/** The public face of the rights pages: the only file another module imports. */
export { rightsRoutes } from './routes.js';
