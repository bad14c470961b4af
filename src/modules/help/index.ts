/** The public face of help requests: the only file another module imports. */
export { helpRoutes } from './routes.js';
export { loadSampleHelpKeys } from './sample.js';
export { routeHelpRequests } from './service.js';
