import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { BulletinTable, Database } from '../../db/tables.js';

type Db = Kysely<Database>;

export const insertBulletin = (db: Db, row: Insertable<BulletinTable>) =>
  db.insertInto('bulletin').values(row).returningAll().executeTakeFirstOrThrow();

export const findBulletin = (db: Db, id: string) => db.selectFrom('bulletin').selectAll().where('id', '=', id).executeTakeFirst();

/** Drafts (for those who write them) first, then the published, newest first. */
export const listBulletins = (db: Db, withDrafts: boolean) =>
  db
    .selectFrom('bulletin')
    .selectAll()
    .$if(!withDrafts, (query) => query.where('state', '=', 'published'))
    .orderBy('state')
    .orderBy('publishedAt', 'desc')
    .orderBy('updatedAt', 'desc')
    .limit(200)
    .execute();

export const publicBulletins = (db: Db, limit: number) =>
  db
    .selectFrom('bulletin')
    .selectAll()
    .where('state', '=', 'published')
    .where('audience', '=', 'public')
    .orderBy('publishedAt', 'desc')
    .limit(limit)
    .execute();

/** Compare-and-set: changes a draft only if it is still the revision the editor saw. */
export const changeDraft = (db: Db, id: string, was: number, changes: Updateable<BulletinTable>) =>
  db
    .updateTable('bulletin')
    .set({ ...changes, revision: sql<number>`revision + 1` })
    .where('id', '=', id)
    .where('state', '=', 'draft')
    .where('revision', '=', was)
    .returningAll()
    .executeTakeFirst();

/** The members who stopped the email edition. */
export const mailRefusers = async (db: Db) =>
  new Set((await db.selectFrom('bulletinMailRefusal').select('accountId').execute()).map((row) => row.accountId));

export const refusesMail = async (db: Db, accountId: string) =>
  (await db.selectFrom('bulletinMailRefusal').select('accountId').where('accountId', '=', accountId).executeTakeFirst()) !== undefined;

/** Stops or restarts the email edition for one member; stopping twice changes nothing. */
export async function setMail(db: Db, accountId: string, byEmail: boolean) {
  if (byEmail) await db.deleteFrom('bulletinMailRefusal').where('accountId', '=', accountId).execute();
  else
    await db
      .insertInto('bulletinMailRefusal')
      .columns(['accountId'])
      .expression(db.selectFrom('account').select('id').where('id', '=', accountId))
      .onConflict((c) => c.column('accountId').doNothing())
      .execute();
}
