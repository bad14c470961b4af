import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/tables.js';

/** All of the rights module's SQL: the record of who checked which translation, and when. */
type Db = Kysely<Database>;

export async function insertReview(db: Db, review: Insertable<Database['rightsReview']>) {
  await db.insertInto('rightsReview').values(review).execute();
}

/** The latest review of each page, newest first within a page. */
export function latestReviews(db: Db) {
  return db
    .selectFrom('rightsReview')
    .distinctOn(['language', 'topic'])
    .select(['language', 'topic', 'contentHash', 'reviewer', 'reviewedOn', 'recordedAt'])
    .orderBy('language')
    .orderBy('topic')
    .orderBy('recordedAt', 'desc')
    .execute();
}

export function latestReview(db: Db, language: string, topic: string) {
  return db
    .selectFrom('rightsReview')
    .select(['contentHash', 'reviewer', 'reviewedOn'])
    .where('language', '=', language)
    .where('topic', '=', topic)
    .orderBy('recordedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
}
