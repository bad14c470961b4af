import { type Kysely, sql } from 'kysely';

/** When an account last signed in (a session was started for it): shown to its agency's admins. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE account ADD COLUMN last_sign_in_at timestamptz`.execute(db);
}
