import { type Kysely, sql } from 'kysely';

/**
 * One de-identified fact row per case, kept current for the statistics capability. It holds no
 * case id, name, date, free text or anything that leads back: only the case knows, sealed with
 * its own key (case_record.fact_sealed), which row is its own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE case_fact (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      year integer NOT NULL,
      province text NOT NULL,
      age_band text NOT NULL,
      gender text NOT NULL,
      citizenship_region text NOT NULL,
      exploitation text[] NOT NULL DEFAULT '{}',
      sector text NOT NULL,
      came_through text NOT NULL,
      pathways jsonb NOT NULL DEFAULT '{}',
      needs text[] NOT NULL DEFAULT '{}',
      needs_met text[] NOT NULL DEFAULT '{}'
    );
    ALTER TABLE case_record ADD COLUMN fact_sealed bytea;
  `.execute(db);
}
