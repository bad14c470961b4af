import { type Kysely, sql } from 'kysely';

/**
 * A service imported with nothing Harbour can classify is kept "to review" — listed for its
 * keeper with the reason, never found by search — instead of being dropped. Null: listed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE service ADD COLUMN review_note text`.execute(db);
}
