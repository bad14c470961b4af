/** The public face of notices and the outbox: the only file another module imports. */
export { forgetSubject, notify, queueEmail } from './service.js';
