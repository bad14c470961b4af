/** The public face of joining the network: the only file another module imports. */

export { membershipRoutes } from './routes.js';
export { loadSampleApplication } from './sample.js';
