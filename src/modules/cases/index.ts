/** The public face of case records: the only file another module imports. */

export type { CaseFact } from './service.js';
export { createCase, getCase, planHeadings } from './service.js';
