/** The public face of case records: the only file another module imports. */

export { mentionsCaseData } from './mentions.js';
export { caseRoutes } from './routes.js';
export type { CaseFact } from './service.js';
export {
  createCase,
  factsNeedRefresh,
  getCase,
  planHeadings,
  purgeDueCases,
  recordReferralWithdrawal,
  refreshCaseFacts,
  remindDeadlines,
} from './service.js';
