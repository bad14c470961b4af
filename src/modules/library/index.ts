/** The public face of the tools library: the only file another module imports. */

export { libraryRoutes } from './routes.js';
export { getResource, loadSampleLibrary } from './service.js';
