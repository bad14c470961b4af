/** The public face of notices and the outbox: the only file another module imports. */

export { notificationRoutes } from './routes.js';
export { deliverOutbox, forgetSubject, type Notice, notify, pendingEmails, queueEmail } from './service.js';
