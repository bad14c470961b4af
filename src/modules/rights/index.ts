/** The public face of the rights pages: the only file another module imports. */
export { type Language, rightsContent, type UiWords } from './content.js';
export { esc, frame, helpNow, stateNotice } from './render.js';
export { rightsRoutes } from './routes.js';
export { negotiate } from './service.js';
