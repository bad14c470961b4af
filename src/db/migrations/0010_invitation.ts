import { type Kysely, sql } from 'kysely';

/**
 * Accounts are made by invitation: nobody chooses another person's password. An invited
 * account has no password until its holder sets one through a one-time link; the link's token
 * is kept only as a hash.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE account ALTER COLUMN password_hash DROP NOT NULL;
    CREATE TABLE invitation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL,
      token_hash text NOT NULL,
      invited_by uuid,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      CONSTRAINT invitation_token_hash_key UNIQUE (token_hash),
      CONSTRAINT invitation_account_fkey FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE,
      CONSTRAINT invitation_invited_by_fkey FOREIGN KEY (invited_by) REFERENCES account (id) ON DELETE SET NULL
    );
    CREATE INDEX invitation_account_idx ON invitation (account_id);
  `.execute(db);
}
