/** The public face of the directory: the only file another module imports. */

export { directoryRoutes } from './routes.js';
export {
  confidentialAddress,
  createOrganization,
  describeProblem,
  exportDirectory,
  getService,
  importDirectory,
  importReport,
  loadSampleDirectory,
  seedSynthetic,
  serviceForReferral,
  vocabularies,
  withholdListings,
} from './service.js';
