/** The public face of referrals: their routes and the jobs that flag overdue ones and purge finished ones. */
export { flagOverdueReferrals, purgeFinishedReferrals } from './notices.js';
export { referralRoutes } from './routes.js';
