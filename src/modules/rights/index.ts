/** The public face of the rights pages: the only file another module imports. */
export { HELP_FORM, type Language, rightsContent, type UiWords } from './content.js';
export { esc, frame, helpNow, type ReviewState, stateNotice } from './render.js';
export { rightsRoutes } from './routes.js';
export { negotiate, translationState } from './service.js';
