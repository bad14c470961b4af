import { type Kysely, sql } from 'kysely';

/**
 * Who stopped the bulletin's email edition: the unsubscribe link of each edition, or the
 * member's own choice on the bulletins page. Gone with the account; turning it back on deletes
 * the row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE bulletin_mail_refusal (
      account_id uuid PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
      refused_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}
