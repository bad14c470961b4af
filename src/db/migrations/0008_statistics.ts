import { type Kysely, sql } from 'kysely';

/**
 * Pooled statistics. Fact rows say which agency they count for, so an agency can read its own
 * figures (every figure still passes disclosure control); a release is what the network chose to
 * publish: tables already suppressed (and, if asked, noised), with the privacy loss it spent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE case_fact ADD COLUMN agency_id uuid REFERENCES agency (id) ON DELETE CASCADE;
    CREATE INDEX case_fact_agency_idx ON case_fact (agency_id);
    ALTER TABLE referral_outcome ADD COLUMN from_agency_id uuid REFERENCES agency (id) ON DELETE CASCADE;
    ALTER TABLE referral_outcome ADD COLUMN to_agency_id uuid REFERENCES agency (id) ON DELETE CASCADE;

    CREATE TABLE stats_release (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title_en text NOT NULL,
      title_fr text NOT NULL,
      filters jsonb NOT NULL DEFAULT '{}',
      tables jsonb NOT NULL,
      threshold integer NOT NULL,
      epsilon double precision,
      created_by uuid REFERENCES account (id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}
