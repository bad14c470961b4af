import { type Kysely, sql } from 'kysely';

/**
 * A working group that has done its work ends: it keeps its discussions, meetings, minutes,
 * documents and decisions to read, and takes nothing new — no members, posts, mail, meetings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE working_group ADD COLUMN ended_at timestamptz`.execute(db);
}
