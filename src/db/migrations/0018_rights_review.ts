import { type Kysely, sql } from 'kysely';

/**
 * Who checked a translation of a rights page, and when, for the text it was checked against
 * (its hash): once the text changes, the page says it is a draft again until someone checks it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE rights_review (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      language text NOT NULL,
      topic text NOT NULL,
      content_hash text NOT NULL,
      reviewer text NOT NULL CHECK (length(reviewer) BETWEEN 1 AND 200),
      reviewed_on date NOT NULL,
      recorded_by uuid NOT NULL REFERENCES account (id),
      recorded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX rights_review_page_idx ON rights_review (language, topic, recorded_at DESC);
  `.execute(db);
}
