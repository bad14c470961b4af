import { type Kysely, sql } from 'kysely';

/**
 * A worker's private calendar feed: a secret address their calendar program reads, naming no
 * person. Only a hash of the address's key is kept, so the table cannot give the address back;
 * making a new address replaces the old one, and revoking deletes it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE calendar_feed (
      account_id uuid PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
      agency_id uuid NOT NULL REFERENCES agency (id),
      key_hash bytea NOT NULL UNIQUE,
      language text NOT NULL CHECK (language IN ('en', 'fr')),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_read_at timestamptz
    );
  `.execute(db);
}
