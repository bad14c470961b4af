import { type Kysely, sql } from 'kysely';

/**
 * A tool written in a language other than English and French keeps its title and summary in that
 * language too, and search finds it by them ("derechos" finds a Spanish pamphlet). Any language:
 * the words are indexed as they are, accents forgiven, without a language's stemming.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TEXT SEARCH CONFIGURATION harbour_simple (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION harbour_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
    ALTER TABLE library_resource
      ADD COLUMN own_language text,
      ADD COLUMN title_own text NOT NULL DEFAULT '',
      ADD COLUMN summary_own text NOT NULL DEFAULT '',
      ADD COLUMN search_own tsvector GENERATED ALWAYS AS (to_tsvector('harbour_simple'::regconfig, title_own || ' ' || summary_own)) STORED,
      ADD CONSTRAINT library_resource_own_title CHECK ((own_language IS NULL) = (title_own = ''));
    CREATE INDEX library_resource_search_own_idx ON library_resource USING gin (search_own);
  `.execute(db);
}
