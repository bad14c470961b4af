/** The public face of the identification aid: the only file another module imports. */
export { evaluate } from './service.js';
