/** The public face of agencies and accounts: the only file another module imports. */

export { inviteAccount, reinvite } from './invitations.js';
export { accountRoutes } from './routes.js';
export { isEmpty, loadSampleNetwork, readSampleSignIn } from './sample.js';
export { newAgencyBody } from './schema.js';
export {
  accountsOfAgency,
  accountsWithRole,
  activeAccountByEmail,
  agenciesById,
  contactableAccounts,
  createAgency,
  disableAccount,
  everyActiveAccount,
  findAccountIdByEmail,
  findAgencyIdBySlug,
  getAgency,
  isAgencySlugTaken,
  staffWithRoles,
} from './service.js';
