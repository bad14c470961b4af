/** The public face of the directory: the only file another module imports. */
export { confidentialAddress, getService, loadSampleDirectory, serviceForReferral, vocabularies } from './service.js';
