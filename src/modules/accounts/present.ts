import type { Account, Agency } from '../../db/tables.js';
import type { provinces } from './schema.js';

export const presentAgency = (agency: Agency) => ({
  id: agency.id,
  slug: agency.slug,
  name: agency.name,
  province: agency.province as (typeof provinces)[number],
  isSample: agency.isSample,
  state: agency.state,
});

/** Never the password hash, never the second-factor secret. */
export const presentAccount = (account: Account) => ({
  id: account.id,
  agencyId: account.agencyId,
  email: account.email,
  displayName: account.displayName,
  roles: account.roles,
  disabled: account.disabledAt !== null,
  // Invited: the person has not set a password yet (or was sent a new invitation).
  state: account.disabledAt !== null ? ('disabled' as const) : account.passwordHash === null ? ('invited' as const) : ('active' as const),
  secondFactorEnrolled: account.totpConfirmedAt !== null,
  lastSignInAt: account.lastSignInAt ? new Date(account.lastSignInAt).toISOString() : null,
});
