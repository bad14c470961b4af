import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { Database, FallbackReason, HelpRequestState } from '../../db/tables.js';

/** All of the help module's SQL: keys, envelopes and routing facts — never anything readable. */
type Db = Kysely<Database>;

/** Whose inbox: one agency's, or the network's fallback inbox. */
export type Inbox = { agencyId: string } | { network: true };
const ownerIs = (inbox: Inbox) =>
  'network' in inbox ? sql<boolean>`ik.agency_id IS NULL` : sql<boolean>`ik.agency_id = ${inbox.agencyId}`;

export const staffKey = (db: Db, accountId: string) =>
  db.selectFrom('staffKey').select(['publicKey', 'wrappedPrivate', 'createdAt']).where('accountId', '=', accountId).executeTakeFirst();

export async function putStaffKey(db: Db, accountId: string, publicKey: Uint8Array, wrappedPrivate: string) {
  await db
    .insertInto('staffKey')
    .values({ accountId, publicKey, wrappedPrivate })
    .onConflict((oc) => oc.column('accountId').doUpdateSet({ publicKey, wrappedPrivate }))
    .execute();
  // Shares sealed to the replaced key can no longer be opened by anyone.
  await db.deleteFrom('intakeKeyShare').where('accountId', '=', accountId).execute();
}

/** Every key in use: the agencies' current keys and the network's, for the person's browser to seal to. */
export function currentIntakeKeys(db: Db) {
  return db
    .selectFrom('intakeKey as ik')
    .leftJoin('agency as a', 'a.id', 'ik.agencyId')
    .select(['ik.id', 'ik.agencyId', 'ik.publicKey', 'ik.fingerprint', 'a.name as agencyName', 'a.province'])
    .where('ik.retiredAt', 'is', null)
    .orderBy('a.name')
    .execute();
}

export function currentIntakeKey(db: Db, inbox: Inbox) {
  return db.selectFrom('intakeKey as ik').selectAll('ik').where('ik.retiredAt', 'is', null).where(ownerIs(inbox)).executeTakeFirst();
}

export function intakeKey(db: Db, id: string) {
  return db.selectFrom('intakeKey').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function retireIntakeKey(db: Db, id: string, at: Date) {
  await db.updateTable('intakeKey').set({ retiredAt: at }).where('id', '=', id).where('retiredAt', 'is', null).execute();
}

export async function insertIntakeKey(db: Db, row: Insertable<Database['intakeKey']>): Promise<string> {
  const { id } = await db.insertInto('intakeKey').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function putShare(db: Db, row: Insertable<Database['intakeKeyShare']>) {
  await db
    .insertInto('intakeKeyShare')
    .values(row)
    .onConflict((oc) => oc.columns(['intakeKeyId', 'accountId']).doUpdateSet({ sealedPrivate: row.sealedPrivate, sharedBy: row.sharedBy }))
    .execute();
}

/** The inbox's keys (current and retired) with the signed-in holder's own sealed copy of each, if any. */
export function inboxKeys(db: Db, inbox: Inbox, accountId: string) {
  return db
    .selectFrom('intakeKey as ik')
    .leftJoin('intakeKeyShare as s', (join) => join.onRef('s.intakeKeyId', '=', 'ik.id').on('s.accountId', '=', accountId))
    .select(['ik.id', 'ik.publicKey', 'ik.fingerprint', 'ik.createdAt', 'ik.retiredAt', 's.sealedPrivate'])
    .where(ownerIs(inbox))
    .orderBy('ik.createdAt', 'desc')
    .execute();
}

/** Who holds a copy of a key, and the colleagues who could be given one (they have a key of their own). */
export function holders(db: Db, intakeKeyId: string) {
  return db
    .selectFrom('intakeKeyShare as s')
    .innerJoin('account as a', 'a.id', 's.accountId')
    .select(['a.id', 'a.displayName', 's.createdAt'])
    .where('s.intakeKeyId', '=', intakeKeyId)
    .orderBy('a.displayName')
    .execute();
}

export function colleaguesWithKeys(db: Db, accountIds: string[]) {
  if (accountIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('staffKey as k')
    .innerJoin('account as a', 'a.id', 'k.accountId')
    .select(['a.id', 'a.displayName', 'k.publicKey'])
    .where('a.id', 'in', accountIds)
    .orderBy('a.displayName')
    .execute();
}

export const requestExists = async (db: Db, id: string) =>
  (await db.selectFrom('helpRequest').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

export async function insertRequest(
  db: Db,
  request: Insertable<Database['helpRequest']>,
  envelopes: Array<Insertable<Database['helpEnvelope']>>,
) {
  await db.insertInto('helpRequest').values(request).execute();
  await db.insertInto('helpEnvelope').values(envelopes).execute();
}

export const requestByLookup = (db: Db, lookupHash: string) =>
  db
    .selectFrom('helpRequest as r')
    .leftJoin('agency as chosen', 'chosen.id', 'r.agencyId')
    .leftJoin('agency as accepted', 'accepted.id', 'r.acceptedAgencyId')
    .select(['r.id', 'r.state', 'r.receivedAt', 'r.acceptedAt', 'r.closedAt', 'chosen.name as chosenName', 'accepted.name as acceptedName'])
    .where('r.lookupHash', '=', lookupHash)
    .executeTakeFirst();

export const replies = (db: Db, requestIds: string[]) =>
  requestIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('helpReply as p')
        .innerJoin('account as a', 'a.id', 'p.sentBy')
        .select(['p.id', 'p.requestId', 'p.iv', 'p.ciphertext', 'p.sentAt', 'a.displayName as sentBy'])
        .where('p.requestId', 'in', requestIds)
        .orderBy('p.sentAt')
        .execute();

/**
 * What one inbox holds: an agency's own requests it has not declined, and what it accepted; the
 * network's requests no agency was chosen for, and those that fell back to it, until another
 * inbox accepts them.
 */
function inboxRequests(db: Db, inbox: Inbox) {
  const query = db.selectFrom('helpRequest as r');
  if ('network' in inbox)
    return query.where((eb) =>
      eb.or([
        eb.and([eb.or([eb('r.agencyId', 'is', null), eb('r.fallbackAt', 'is not', null)]), eb('r.acceptedBy', 'is', null)]),
        eb('r.acceptedInbox', '=', 'network'),
      ]),
    );
  return query
    .where('r.agencyId', '=', inbox.agencyId)
    .where((eb) => eb.or([eb.and([eb('r.declinedAt', 'is', null), eb('r.acceptedBy', 'is', null)]), eb('r.acceptedInbox', '=', 'agency')]));
}

export function listInbox(db: Db, inbox: Inbox) {
  return inboxRequests(db, inbox)
    .leftJoin('agency as chosen', 'chosen.id', 'r.agencyId')
    .leftJoin('account as by', 'by.id', 'r.acceptedBy')
    .select([
      'r.id',
      'r.state',
      'r.receivedAt',
      'r.fallbackAt',
      'r.fallbackReason',
      'r.declinedAt',
      'r.acceptedAt',
      'r.closedAt',
      'chosen.name as chosenName',
      'by.displayName as acceptedByName',
    ])
    .orderBy(sql`r.state = 'closed'`)
    .orderBy('r.receivedAt', 'desc')
    .limit(500)
    .execute();
}

export const inboxRequest = (db: Db, inbox: Inbox, id: string) =>
  inboxRequests(db, inbox).selectAll('r').where('r.id', '=', id).forUpdate().executeTakeFirst();

export function envelopesFor(db: Db, inbox: Inbox, requestIds: string[]) {
  if (requestIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('helpEnvelope as e')
    .innerJoin('intakeKey as ik', 'ik.id', 'e.intakeKeyId')
    .select(['e.requestId', 'e.intakeKeyId', 'e.enc', 'e.ciphertext'])
    .where('e.requestId', 'in', requestIds)
    .where(ownerIs(inbox))
    .execute();
}

export async function updateRequest(db: Db, id: string, expectedState: HelpRequestState, changes: Updateable<Database['helpRequest']>) {
  const result = await db
    .updateTable('helpRequest')
    .set(changes)
    .where('id', '=', id)
    .where('state', '=', expectedState)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives a waiting request to an agency (the network passing it on): its envelope for that agency's key, and the clock starts again. */
export async function routeTo(db: Db, id: string, agencyId: string, at: Date, envelope: Insertable<Database['helpEnvelope']>) {
  await db
    .insertInto('helpEnvelope')
    .values(envelope)
    .onConflict((oc) => oc.columns(['requestId', 'intakeKeyId']).doUpdateSet({ enc: envelope.enc, ciphertext: envelope.ciphertext }))
    .execute();
  const result = await db
    .updateTable('helpRequest')
    .set({ agencyId, routedAt: at, declinedAt: null, fallbackAt: null, fallbackReason: null })
    .where('id', '=', id)
    .where('state', '=', 'waiting')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertReply(db: Db, row: Insertable<Database['helpReply']>) {
  await db.insertInto('helpReply').values(row).execute();
}

/** Requests still waiting, with an agency chosen, that nobody took before `before`: they fall back to the network. */
export async function fallBack(db: Db, before: Date, at: Date, reason: FallbackReason) {
  return db
    .updateTable('helpRequest')
    .set({ fallbackAt: at, fallbackReason: reason })
    .where('state', '=', 'waiting')
    .where('fallbackAt', 'is', null)
    .where('agencyId', 'is not', null)
    .where('routedAt', '<=', before)
    .returning('id')
    .execute();
}

/** Requests no one accepted long after they reached the network inbox: closed, to be destroyed in turn. */
export async function closeAbandoned(db: Db, fellBackBefore: Date, at: Date) {
  return db
    .updateTable('helpRequest')
    .set({ state: 'closed', closedAt: at })
    .where('state', '=', 'waiting')
    .where('fallbackAt', '<=', fellBackBefore)
    .returning('id')
    .execute();
}

/** Destroys closed requests, their envelopes and replies (ON DELETE CASCADE). */
export async function destroyClosed(db: Db, closedBefore: Date) {
  return db.deleteFrom('helpRequest').where('state', '=', 'closed').where('closedAt', '<=', closedBefore).returning('id').execute();
}

export function agencyName(db: Db, agencyId: string) {
  return db.selectFrom('agency').select(['name', 'province']).where('id', '=', agencyId).executeTakeFirst();
}
