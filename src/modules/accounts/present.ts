import type { Account, Agency } from '../../db/tables.js';
import type { provinces } from './schema.js';

export const presentAgency = (agency: Agency) => ({
  id: agency.id,
  slug: agency.slug,
  name: agency.name,
  province: agency.province as (typeof provinces)[number],
  isSample: agency.isSample,
});

/** Never the password hash, never the second-factor secret. */
export const presentAccount = (account: Account) => ({
  id: account.id,
  agencyId: account.agencyId,
  email: account.email,
  displayName: account.displayName,
  roles: account.roles,
  disabled: account.disabledAt !== null,
  secondFactorEnrolled: account.totpConfirmedAt !== null,
});
