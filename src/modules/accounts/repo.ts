import { type Kysely, sql } from 'kysely';
import type { Database, MemberState, NewAccount, Role } from '../../db/tables.js';
import type { AgencyScope } from '../../platform/policy.js';
import { containsPattern } from '../../platform/text.js';
import type { NewAgency } from './schema.js';

export function listAgencies(db: Kysely<Database>) {
  return db.selectFrom('agency').selectAll().orderBy('name').execute();
}

export function findAgency(db: Kysely<Database>, scope: AgencyScope, id: string) {
  let query = db.selectFrom('agency').selectAll().where('id', '=', id);
  if ('agencyId' in scope) query = query.where('id', '=', scope.agencyId);
  return query.executeTakeFirst();
}

export function findAgencyBySlug(db: Kysely<Database>, slug: string) {
  return db.selectFrom('agency').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function insertAgency(db: Kysely<Database>, agency: NewAgency) {
  return db.insertInto('agency').values(agency).returningAll().executeTakeFirstOrThrow();
}

export function listAccounts(db: Kysely<Database>, scope: AgencyScope, agencyId?: string) {
  let query = db.selectFrom('account').selectAll().orderBy('email');
  if ('agencyId' in scope) query = query.where('agencyId', '=', scope.agencyId);
  if (agencyId) query = query.where('agencyId', '=', agencyId);
  return query.execute();
}

export function findAccount(db: Kysely<Database>, scope: AgencyScope, id: string) {
  let query = db.selectFrom('account').selectAll().where('id', '=', id);
  if ('agencyId' in scope) query = query.where('agencyId', '=', scope.agencyId);
  return query.executeTakeFirst();
}

export function findAccountByEmail(db: Kysely<Database>, email: string) {
  return db.selectFrom('account').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export function insertAccount(db: Kysely<Database>, account: NewAccount) {
  return db.insertInto('account').values(account).returningAll().executeTakeFirstOrThrow();
}

export function updateAccount(
  db: Kysely<Database>,
  id: string,
  changes: { disabledAt?: Date | null; passwordHash?: string | null; roles?: Role[] },
) {
  return db
    .updateTable('account')
    .set({ ...changes, updatedAt: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Every account of an agency that is not disabled, invited or not yet. */
/** The account, locked until the end of the transaction (a change of roles is compare-and-set). */
export function findAccountForUpdate(db: Kysely<Database>, id: string) {
  return db.selectFrom('account').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function activeAccounts(db: Kysely<Database>, agencyId: string) {
  return db.selectFrom('account').select('id').where('agencyId', '=', agencyId).where('disabledAt', 'is', null).execute();
}

/** The admins, not disabled, of one agency or several. */
export function activeAdmins(db: Kysely<Database>, agencyIds: string | string[]) {
  const ids = Array.isArray(agencyIds) ? agencyIds : [agencyIds];
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('account')
    .select(['id', 'agencyId', 'email', 'displayName'])
    .where('agencyId', 'in', ids)
    .where('disabledAt', 'is', null)
    .where(sql<boolean>`'agency_admin' = ANY(roles)`)
    .orderBy('displayName')
    .execute();
}

export async function findInvitation(db: Kysely<Database>, tokenHash: string) {
  const invitation = await db.selectFrom('invitation').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
  if (!invitation) return undefined;
  const account = await db.selectFrom('account').selectAll().where('id', '=', invitation.accountId).executeTakeFirstOrThrow();
  return { ...invitation, account };
}

/** The password stops working (and, when asked, the authenticator app and its recovery codes); the account as it is now. */
export async function resetCredentials(db: Kysely<Database>, id: string, secondFactor: boolean) {
  const account = await db
    .updateTable('account')
    .set({
      passwordHash: null,
      updatedAt: new Date(),
      ...(secondFactor ? { totpSecret: null, totpConfirmedAt: null, totpLastStep: null } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (secondFactor) await db.deleteFrom('recoveryCode').where('accountId', '=', id).execute();
  return account;
}

export function activeAccountsById(db: Kysely<Database>, agencyId: string, ids: string[]) {
  return db
    .selectFrom('account')
    .select(['id', 'displayName', 'roles'])
    .where('agencyId', '=', agencyId)
    .where('id', 'in', ids)
    .where('disabledAt', 'is', null)
    .execute();
}

export function activeEmails(db: Kysely<Database>, ids: string[]) {
  return db.selectFrom('account').select(['id', 'email']).where('id', 'in', ids).where('disabledAt', 'is', null).execute();
}

/** Every account that can sign in: not disabled, of a member agency that is active. */
export function everyActiveAccount(db: Kysely<Database>) {
  return db
    .selectFrom('account')
    .innerJoin('agency', 'agency.id', 'account.agencyId')
    .select(['account.id', 'account.email'])
    .where('account.disabledAt', 'is', null)
    .where('agency.state', '=', 'active')
    .execute();
}

export function activeStaff(db: Kysely<Database>, agencyId: string) {
  return db
    .selectFrom('account')
    .select(['id', 'displayName', 'roles'])
    .where('agencyId', '=', agencyId)
    .where('disabledAt', 'is', null)
    .execute();
}

/** Active accounts holding a role anywhere in the network (the network admins, for the fallback inbox). */
export function activeWithRole(db: Kysely<Database>, role: Role) {
  return db
    .selectFrom('account')
    .select(['id', 'displayName', 'roles', 'agencyId'])
    .where(sql<boolean>`${role} = ANY(roles)`)
    .where('disabledAt', 'is', null)
    .execute();
}

export function agenciesById(db: Kysely<Database>, ids: string[]) {
  return db.selectFrom('agency').select(['id', 'name', 'province']).where('id', 'in', ids).execute();
}

export async function countAgencies(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('agency')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Ends every invitation of the account still open, then records a new one (by its token's hash). */
export async function replaceInvitation(
  db: Kysely<Database>,
  invitation: { accountId: string; tokenHash: string; invitedBy: string | null; createdAt: Date; expiresAt: Date },
) {
  await db
    .updateTable('invitation')
    .set({ usedAt: invitation.createdAt })
    .where('accountId', '=', invitation.accountId)
    .where('usedAt', 'is', null)
    .execute();
  await db.insertInto('invitation').values(invitation).execute();
}

/** Spends an invitation if it is still unused; says whether it was. */
export async function spendInvitation(db: Kysely<Database>, id: string, at: Date): Promise<boolean> {
  const result = await db.updateTable('invitation').set({ usedAt: at }).where('id', '=', id).where('usedAt', 'is', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Member agencies with their active admins and how many accounts they hold, by name, filtered. */
export async function listMembers(db: Kysely<Database>, filter: { q?: string; province?: string; state?: MemberState }) {
  let query = db
    .selectFrom('agency')
    .selectAll('agency')
    .select((eb) => [
      eb.selectFrom('account').select(eb.fn.countAll<string>().as('n')).whereRef('account.agencyId', '=', 'agency.id').as('accounts'),
    ])
    .orderBy('agency.name');
  if (filter.q) query = query.where('agency.name', 'ilike', containsPattern(filter.q));
  if (filter.province) query = query.where('agency.province', '=', filter.province);
  if (filter.state) query = query.where('agency.state', '=', filter.state);
  const agencies = await query.execute();
  const admins = await activeAdmins(
    db,
    agencies.map((agency) => agency.id),
  );
  return agencies.map((agency) => ({ ...agency, admins: admins.filter((admin) => admin.agencyId === agency.id) }));
}

export function findAgencyForUpdate(db: Kysely<Database>, id: string) {
  return db.selectFrom('agency').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function setAgencyState(db: Kysely<Database>, id: string, state: MemberState, at: Date) {
  return db.updateTable('agency').set({ state, stateChangedAt: at }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}
