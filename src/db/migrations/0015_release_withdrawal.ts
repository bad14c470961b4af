import { type Kysely, sql } from 'kysely';

/**
 * A published statistics release can be withdrawn, with a reason: it stays listed, as withdrawn,
 * without its figures. The privacy budget it spent stays spent — the figures were public.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE stats_release
      ADD COLUMN withdrawn_at timestamptz,
      ADD COLUMN withdrawn_by uuid REFERENCES account (id),
      ADD COLUMN withdrawn_reason text,
      ADD CONSTRAINT stats_release_withdrawn_with_reason CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL));
  `.execute(db);
}
