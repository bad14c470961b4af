import { type Kysely, sql } from 'kysely';

/**
 * A member agency is active, suspended or has left the network. A suspended or departed member's
 * accounts cannot sign in and its listings are withheld from the public directory; nothing of it
 * is deleted (its cases stay sealed with its own keys).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE agency
      ADD COLUMN state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'suspended', 'left')),
      ADD COLUMN state_changed_at timestamptz;
    ALTER TABLE service ADD COLUMN withheld_at timestamptz;
  `.execute(db);
}
