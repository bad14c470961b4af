/** The public face of agencies and accounts: the only file another module imports. */
export { accountsOfAgency, agenciesById, contactableAccounts, getAgency, staffWithRoles } from './service.js';
