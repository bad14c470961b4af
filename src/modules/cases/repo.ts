import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { CaseRecordTable, Database } from '../../db/tables.js';

/**
 * All of the cases module's SQL. Every function takes the executor — the root handle or a unit
 * of work's transaction — so one transaction can span several of them. What is stored here is
 * already sealed: this file never sees a name or a note in the clear.
 */
type Db = Kysely<Database>;
type FactValues = Insertable<Database['caseFact']>;

export function findRecord(db: Db, id: string) {
  return db.selectFrom('caseRecord').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The agency's 200 most recently changed cases, those whose name tokens hold all of `tokens` when given. */
export function recentRecords(db: Db, agencyId: string, tokens?: string[]) {
  let query = db.selectFrom('caseRecord').selectAll().where('agencyId', '=', agencyId).orderBy('updatedAt', 'desc').limit(200);
  if (tokens) query = query.where(sql<boolean>`name_tokens @> ${sql.val(tokens)}::text[]`);
  return query.execute();
}

export function openRecordsOf(db: Db, agencyId: string) {
  return db.selectFrom('caseRecord').selectAll().where('agencyId', '=', agencyId).where('status', '=', 'open').execute();
}

export function allOpenRecords(db: Db) {
  return db.selectFrom('caseRecord').select(['id', 'agencyId', 'coordinatorAccountId', 'sealed']).where('status', '=', 'open').execute();
}

export function allRecordsForFacts(db: Db) {
  return db.selectFrom('caseRecord').select(['id', 'agencyId', 'sealed', 'factSealed', 'createdAt']).execute();
}

export async function insertCase(
  db: Db,
  record: Insertable<CaseRecordTable>,
  key: { caseId: string; agencyId: string; sealedKey: Buffer },
  team: string[],
) {
  await db.insertInto('caseRecord').values(record).execute();
  await db.insertInto('caseKey').values(key).execute();
  await replaceTeam(db, key.caseId, team, false);
}

export async function updateRecord(db: Db, id: string, changes: Updateable<CaseRecordTable>) {
  await db.updateTable('caseRecord').set(changes).where('id', '=', id).execute();
}

/** Compare-and-set on the case's status; says whether it changed. */
export async function updateIfStatus(db: Db, id: string, seen: 'open' | 'closed', changes: Updateable<CaseRecordTable>): Promise<boolean> {
  const result = await db.updateTable('caseRecord').set(changes).where('id', '=', id).where('status', '=', seen).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function currentStatus(db: Db, id: string) {
  return (await db.selectFrom('caseRecord').select('status').where('id', '=', id).executeTakeFirst())?.status;
}

export async function replaceTeam(db: Db, caseId: string, team: string[], clearFirst = true) {
  if (clearFirst) await db.deleteFrom('caseMember').where('caseId', '=', caseId).execute();
  const members = [...new Set(team)];
  if (members.length > 0)
    await db
      .insertInto('caseMember')
      .values(members.map((accountId) => ({ caseId, accountId })))
      .execute();
}

export async function teamOf(db: Db, caseId: string): Promise<string[]> {
  return (await db.selectFrom('caseMember').select('accountId').where('caseId', '=', caseId).execute()).map((m) => m.accountId);
}

/** Of `caseIds`, those whose team includes the account. */
export async function onTeam(db: Db, caseIds: string[], accountId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('caseMember')
    .select('caseId')
    .where(sql<boolean>`case_id = ANY(${sql.val(caseIds)}::uuid[])`)
    .where('accountId', '=', accountId)
    .execute();
  return new Set(rows.map((row) => row.caseId));
}

export function grantsOf(db: Db, caseId: string) {
  return db.selectFrom('caseAccessGrant').selectAll().where('caseId', '=', caseId).orderBy('grantedAt', 'desc').execute();
}

/** Of `caseIds`, those the account holds a break-the-glass grant for that is still running. */
export async function liveGrants(db: Db, caseIds: string[], accountId: string, now: Date): Promise<Set<string>> {
  const rows = await db
    .selectFrom('caseAccessGrant')
    .select('caseId')
    .where(sql<boolean>`case_id = ANY(${sql.val(caseIds)}::uuid[])`)
    .where('accountId', '=', accountId)
    .where('expiresAt', '>', now)
    .execute();
  return new Set(rows.map((row) => row.caseId));
}

export async function insertGrant(db: Db, grant: Insertable<Database['caseAccessGrant']>) {
  await db.insertInto('caseAccessGrant').values(grant).execute();
}

export function sealedKeyOf(db: Db, caseId: string) {
  return db.selectFrom('caseKey').select('sealedKey').where('caseId', '=', caseId).executeTakeFirst();
}

export function sealedKeysOf(db: Db, caseIds: string[]) {
  return db
    .selectFrom('caseKey')
    .select(['caseId', 'sealedKey'])
    .where(sql<boolean>`case_id = ANY(${sql.val(caseIds)}::uuid[])`)
    .execute();
}

export async function updateFact(db: Db, factId: string, values: FactValues) {
  await db.updateTable('caseFact').set(values).where('id', '=', factId).execute();
}

export async function insertFact(db: Db, values: FactValues): Promise<string> {
  return (await db.insertInto('caseFact').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function factsNeedAgency(db: Db): Promise<boolean> {
  return (await db.selectFrom('caseFact').select('id').where('agencyId', 'is', null).limit(1).executeTakeFirst()) !== undefined;
}

/** Crypto-shredding: the fact row (found through the key), the key and the record with all it holds. */
export async function destroy(db: Db, caseId: string, factId: string | undefined) {
  if (factId) await db.deleteFrom('caseFact').where('id', '=', factId).execute();
  await db.deleteFrom('caseKey').where('caseId', '=', caseId).execute();
  await db.deleteFrom('caseRecord').where('id', '=', caseId).execute();
}

export function dueForPurge(db: Db, today: string) {
  return db
    .selectFrom('caseRecord')
    .select(['id', 'agencyId', 'factSealed'])
    .where('status', '=', 'closed')
    .where('purgeOn', '<=', today)
    .execute();
}

export async function insertNote(db: Db, note: Insertable<Database['caseNote']>) {
  await db.insertInto('caseNote').values(note).execute();
}

export function notesOf(db: Db, caseId: string) {
  return db.selectFrom('caseNote').selectAll().where('caseId', '=', caseId).orderBy('createdAt').execute();
}

export async function insertDocument(db: Db, document: Insertable<Database['caseDocument']>) {
  await db.insertInto('caseDocument').values(document).execute();
}

export function documentsOf(db: Db, caseId: string) {
  return db
    .selectFrom('caseDocument')
    .select(['id', 'authorAccountId', 'sealedMeta', 'sizeBytes', 'createdAt'])
    .where('caseId', '=', caseId)
    .orderBy('createdAt')
    .execute();
}

export function findDocument(db: Db, caseId: string, documentId: string) {
  return db.selectFrom('caseDocument').selectAll().where('id', '=', documentId).where('caseId', '=', caseId).executeTakeFirst();
}

export async function insertWithdrawal(db: Db, row: Insertable<Database['caseConsentWithdrawal']>) {
  await db
    .insertInto('caseConsentWithdrawal')
    .values(row)
    .onConflict((oc) => oc.column('caseId').doNothing())
    .execute();
}

export function withdrawalOf(db: Db, caseId: string) {
  return db.selectFrom('caseConsentWithdrawal').selectAll().where('caseId', '=', caseId).executeTakeFirst();
}

/** Of `caseIds`, those where a withdrawal of consent waits for its coordinator's decision. */
export async function undecidedWithdrawals(db: Db, caseIds: string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('caseConsentWithdrawal')
    .select('caseId')
    .where(sql<boolean>`case_id = ANY(${sql.val(caseIds)}::uuid[])`)
    .where('decision', 'is', null)
    .execute();
  return new Set(rows.map((row) => row.caseId));
}

/** Compare-and-set: the decision is kept only if none was taken meanwhile; says whether it was. */
export async function decideIfUndecided(
  db: Db,
  caseId: string,
  decision: { decision: 'consents-directly' | 'erase-shared'; decidedAt: Date; decidedBy: string },
): Promise<boolean> {
  const result = await db
    .updateTable('caseConsentWithdrawal')
    .set(decision)
    .where('caseId', '=', caseId)
    .where('decision', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The open cases an account coordinates or is on the team of: what its own calendar feed covers. */
export function openRecordsOfAccount(db: Db, agencyId: string, accountId: string) {
  return db
    .selectFrom('caseRecord')
    .selectAll()
    .where('agencyId', '=', agencyId)
    .where('status', '=', 'open')
    .where((eb) =>
      eb.or([
        eb('coordinatorAccountId', '=', accountId),
        eb.exists(
          eb
            .selectFrom('caseMember')
            .select('caseId')
            .whereRef('caseMember.caseId', '=', 'caseRecord.id')
            .where('accountId', '=', accountId),
        ),
      ]),
    )
    .execute();
}

export async function replaceFeed(db: Db, feed: Insertable<Database['calendarFeed']>) {
  await db
    .insertInto('calendarFeed')
    .values(feed)
    .onConflict((oc) =>
      oc.column('accountId').doUpdateSet({ keyHash: feed.keyHash, language: feed.language, createdAt: feed.createdAt, lastReadAt: null }),
    )
    .execute();
}

export function feedOf(db: Db, accountId: string) {
  return db
    .selectFrom('calendarFeed')
    .select(['language', 'createdAt', 'lastReadAt'])
    .where('accountId', '=', accountId)
    .executeTakeFirst();
}

export function feedByKeyHash(db: Db, keyHash: Uint8Array) {
  return db.selectFrom('calendarFeed').selectAll().where('keyHash', '=', keyHash).executeTakeFirst();
}

export async function markFeedRead(db: Db, accountId: string, at: Date) {
  await db.updateTable('calendarFeed').set({ lastReadAt: at }).where('accountId', '=', accountId).execute();
}

export async function deleteFeed(db: Db, accountId: string): Promise<boolean> {
  const result = await db.deleteFrom('calendarFeed').where('accountId', '=', accountId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Compare-and-set: the case changes coordinator only if it still has the one the caller saw. */
export async function updateCoordinatorIf(db: Db, id: string, seen: string, to: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('caseRecord')
    .set({ coordinatorAccountId: to, updatedAt: at })
    .where('id', '=', id)
    .where('coordinatorAccountId', '=', seen)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
