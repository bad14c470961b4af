import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../../db/tables.js';

/** All of the notifications module's SQL; each function takes the executor (root or a unit of work's transaction). */
type Db = Kysely<Database>;

/** Adds notices, each account at most once per dedupe key; returns the accounts that got a new one. */
export async function insertNotices(db: Db, notices: Array<Insertable<Database['notification']>>): Promise<string[]> {
  const added = await db
    .insertInto('notification')
    .values(notices)
    .onConflict((conflict) => conflict.columns(['accountId', 'dedupeKey']).doNothing())
    .returning('accountId')
    .execute();
  return added.map((row) => row.accountId);
}

export function noticesOf(db: Db, accountId: string) {
  return db
    .selectFrom('notification')
    .select(['id', 'kind', 'subjectType', 'subjectId', 'due', 'createdAt', 'readAt'])
    .where('accountId', '=', accountId)
    .orderBy('createdAt', 'desc')
    .limit(200)
    .execute();
}

/** Marks one of the account's notices read; says whether there was one. */
export async function markRead(db: Db, id: string, accountId: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('notification')
    .set({ readAt: at })
    .where('id', '=', id)
    .where('accountId', '=', accountId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteNoticesAbout(db: Db, subjectType: string, subjectId: string) {
  await db.deleteFrom('notification').where('subjectType', '=', subjectType).where('subjectId', '=', subjectId).execute();
}

export async function queueEmail(
  db: Db,
  message: { toAddress: string; subject: string; body: string; attachments: string; headers: string },
) {
  await db.insertInto('emailOutbox').values(message).execute();
}

export function emailsToSend(db: Db, maxAttempts: number) {
  return db
    .selectFrom('emailOutbox')
    .selectAll()
    .where('sentAt', 'is', null)
    .where('attempts', '<', maxAttempts)
    .orderBy('createdAt')
    .limit(200)
    .execute();
}

export async function updateEmail(db: Db, id: string, changes: Updateable<Database['emailOutbox']>) {
  await db.updateTable('emailOutbox').set(changes).where('id', '=', id).execute();
}

export function waitingEmails(db: Db) {
  return db
    .selectFrom('emailOutbox')
    .select(['toAddress', 'subject', 'body', 'attachments', 'headers', 'createdAt', 'attempts', 'lastError'])
    .where('sentAt', 'is', null)
    .orderBy('createdAt')
    .execute();
}
