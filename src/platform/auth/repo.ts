import type { Insertable, Kysely } from 'kysely';
import type { Database, SessionTable } from '../../db/tables.js';

/** The account and whether its agency is an active member (a suspended or departed member's accounts cannot sign in). */
export function findAccountByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('account')
    .innerJoin('agency', 'agency.id', 'account.agencyId')
    .selectAll('account')
    .select('agency.state as agencyState')
    .where('account.email', '=', email)
    .executeTakeFirst();
}

export function findAgencySummary(db: Kysely<Database>, agencyId: string) {
  return db.selectFrom('agency').select(['id', 'slug', 'name']).where('id', '=', agencyId).executeTakeFirstOrThrow();
}

export async function setPendingTotpSecret(db: Kysely<Database>, accountId: string, sealed: Buffer) {
  await db
    .updateTable('account')
    .set({ totpSecret: sealed, totpLastStep: null, updatedAt: new Date() })
    .where('id', '=', accountId)
    .where('totpConfirmedAt', 'is', null)
    .execute();
}

/** Three writes: call it inside a unit of work. */
export async function confirmTotp(trx: Kysely<Database>, accountId: string, step: number, now: Date, recoveryDigests: string[]) {
  await trx.updateTable('account').set({ totpConfirmedAt: now, totpLastStep: step, updatedAt: now }).where('id', '=', accountId).execute();
  await trx.deleteFrom('recoveryCode').where('accountId', '=', accountId).execute();
  await trx
    .insertInto('recoveryCode')
    .values(recoveryDigests.map((codeHash) => ({ accountId, codeHash })))
    .execute();
}

/** Records `step` as used unless it (or a later one) already was: the update is the replay guard. */
export async function claimTotpStep(db: Kysely<Database>, accountId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('account')
    .set({ totpLastStep: step })
    .where('id', '=', accountId)
    .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function spendRecoveryCode(db: Kysely<Database>, accountId: string, codeHash: string, now: Date) {
  const result = await db
    .updateTable('recoveryCode')
    .set({ usedAt: now })
    .where('accountId', '=', accountId)
    .where('codeHash', '=', codeHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A new session, and the account's last sign-in moved to its start. */
export async function insertSession(db: Kysely<Database>, row: Insertable<SessionTable>): Promise<void> {
  await db.insertInto('session').values(row).execute();
  await db.updateTable('account').set({ lastSignInAt: row.createdAt }).where('id', '=', row.accountId).execute();
}

/** A live session and its account — none when the account's agency is no longer an active member. */
export function sessionWithAccount(db: Kysely<Database>, idHash: string) {
  return db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.accountId')
    .innerJoin('agency', 'agency.id', 'account.agencyId')
    .selectAll('account')
    .select(['session.idHash', 'session.csrfToken', 'session.stage', 'session.lastSeenAt', 'session.expiresAt'])
    .where('session.idHash', '=', idHash)
    .where('agency.state', '=', 'active')
    .executeTakeFirst();
}

/** Ends every session of an agency's accounts at once (the member was suspended or left). */
export async function deleteAgencySessions(db: Kysely<Database>, agencyId: string): Promise<number> {
  const result = await db
    .deleteFrom('session')
    .where('accountId', 'in', db.selectFrom('account').select('id').where('agencyId', '=', agencyId))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function touchSession(db: Kysely<Database>, idHash: string, now: Date): Promise<void> {
  await db.updateTable('session').set({ lastSeenAt: now }).where('idHash', '=', idHash).execute();
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('session').where('idHash', '=', idHash).execute();
}

export async function deleteAccountSessions(db: Kysely<Database>, accountId: string): Promise<number> {
  const result = await db.deleteFrom('session').where('accountId', '=', accountId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
