import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, ReferralState, ReferralTable } from '../../db/tables.js';

/**
 * All of the referrals module's SQL. Every function takes the executor — the root handle or a
 * unit of work's transaction — so one transaction can span several of them.
 */
type Db = Kysely<Database>;
type EventRow = Insertable<Database['referralEvent']>;
type OutcomeValues = Insertable<Database['referralOutcome']>;

export function findReferral(db: Db, id: string) {
  return db.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSealedKey(db: Db, referralId: string, agencyId: string) {
  return db
    .selectFrom('referralKey')
    .select('sealedKey')
    .where('referralId', '=', referralId)
    .where('agencyId', '=', agencyId)
    .executeTakeFirst();
}

/** An agency's inbox (referrals to it, drafts excepted) or what it sent, newest first. */
export function listBox(db: Db, agencyId: string, box: 'inbox' | 'sent') {
  const query = db.selectFrom('referral').selectAll().orderBy('updatedAt', 'desc').limit(500);
  return (
    box === 'inbox' ? query.where('toAgencyId', '=', agencyId).where('state', '<>', 'draft') : query.where('fromAgencyId', '=', agencyId)
  ).execute();
}

export function eventsOf(db: Db, referralId: string) {
  return db.selectFrom('referralEvent').selectAll().where('referralId', '=', referralId).orderBy('at').execute();
}

export async function insertReferral(
  db: Db,
  referral: Insertable<ReferralTable>,
  keys: Array<{ referralId: string; agencyId: string; sealedKey: Buffer }>,
) {
  await db.insertInto('referral').values(referral).execute();
  await db.insertInto('referralKey').values(keys).execute();
}

export async function insertEvent(db: Db, event: EventRow) {
  await db.insertInto('referralEvent').values(event).execute();
}

/** Compare-and-set: changes the referral only if it is still in `seen`; says whether it did. */
export async function updateIfState(db: Db, id: string, seen: ReferralState, changes: Updateable<ReferralTable>): Promise<boolean> {
  const result = await db.updateTable('referral').set(changes).where('id', '=', id).where('state', '=', seen).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function currentState(db: Db, id: string): Promise<ReferralState | undefined> {
  return (await db.selectFrom('referral').select('state').where('id', '=', id).executeTakeFirst())?.state;
}

export async function setFields(db: Db, id: string, changes: Updateable<ReferralTable>) {
  await db.updateTable('referral').set(changes).where('id', '=', id).execute();
}

/** Takes an agency's copy of the referral's key away; how many keys went (0 or 1). */
export async function deleteKey(db: Db, referralId: string, agencyId: string): Promise<number> {
  const result = await db
    .deleteFrom('referralKey')
    .where('referralId', '=', referralId)
    .where('agencyId', '=', agencyId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteReferral(db: Db, id: string) {
  await db.deleteFrom('referral').where('id', '=', id).execute();
}

export function sentPastDue(db: Db, now: Date) {
  return db.selectFrom('referral').selectAll().where('state', '=', 'sent').where('acknowledgeBy', '<', now).execute();
}

/** Referrals between two agencies whose consent ran out before `today` and was not withdrawn. */
export function consentRunOut(db: Db, today: string) {
  return db
    .selectFrom('referral')
    .select(['id', 'toAgencyId'])
    .where('consentUntil', '<', today)
    .where('consentWithdrawnAt', 'is', null)
    .whereRef('toAgencyId', '<>', 'fromAgencyId')
    .execute();
}

export function finishedBefore(db: Db, before: Date) {
  return db
    .selectFrom('referral')
    .select('id')
    .where('state', 'in', ['completed', 'declined', 'closed'])
    .where('updatedAt', '<', before)
    .execute();
}

export function eventStates(db: Db, referralId: string) {
  return db.selectFrom('referralEvent').select(['state', 'reason']).where('referralId', '=', referralId).execute();
}

export async function updateOutcome(db: Db, outcomeId: string, values: OutcomeValues) {
  await db.updateTable('referralOutcome').set(values).where('id', '=', outcomeId).execute();
}

export async function insertOutcome(db: Db, values: OutcomeValues): Promise<string> {
  return (await db.insertInto('referralOutcome').values(values).returning('id').executeTakeFirstOrThrow()).id;
}
