import { type Kysely, sql } from 'kysely';

/**
 * A meeting's revision as calendars count it (iCalendar SEQUENCE, RFC 5545): each move adds one,
 * so a calendar that has the meeting takes the new time from the .ics instead of ignoring it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE meeting ADD COLUMN sequence integer NOT NULL DEFAULT 0`.execute(db);
}
