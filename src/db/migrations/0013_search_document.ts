import { type Kysely, sql } from 'kysely';

/**
 * Search at national scale: one search document per service that one inverted index answers
 * whole — its words stemmed in English and in French, and, as words of their own, its
 * categories, populations, languages, provinces and where it is (grid cells at nine sizes, the
 * same as `src/modules/directory/cells.ts` makes for a search). A search "near" a place used to
 * walk every service in the place's box and unpack each one's text to check the words; now the
 * index intersects the words, the filters and the cells, and only the services found are read.
 *
 * The document stays inside the row (STORAGE MAIN) so ranking never fetches it from TOAST, and
 * the row loses what only the old search used: the two per-language vectors, the normalised text
 * (the word list's trigger normalises itself) and the box index on earth coordinates.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The province of the service's location, copied from it as its coordinates are.
    ALTER TABLE service ADD COLUMN province text;
    UPDATE service s SET province = sp.province FROM service_point sp WHERE sp.id = s.service_point_id;

    -- Qualified names throughout: a restore or a maintenance task may run this with another search_path.
    CREATE FUNCTION harbour_search_document(
      search_text text, latitude float8, longitude float8, province text,
      area_provinces text[], categories text[], populations text[], languages text[]
    ) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT pg_catalog.to_tsvector('public.harbour_en'::regconfig, search_text)
        || pg_catalog.to_tsvector('public.harbour_fr'::regconfig, search_text)
        || pg_catalog.array_to_tsvector(
          ARRAY(SELECT 'category ' || c FROM unnest(categories) c)
          || ARRAY(SELECT 'population ' || p FROM unnest(populations) p)
          || ARRAY(SELECT 'language ' || l FROM unnest(languages) l)
          || ARRAY(SELECT 'province ' || v FROM unnest(array_append(area_provinces, province)) v WHERE v IS NOT NULL)
          -- A service with no location is found near any place of a province it serves.
          || ARRAY(SELECT 'area ' || a FROM unnest(area_provinces) a WHERE latitude IS NULL)
          || ARRAY(SELECT pg_catalog.format('cell %s %s %s', k,
              pg_catalog.floor(latitude * pg_catalog.power(2::float8, 3 - k)),
              pg_catalog.floor(longitude * pg_catalog.power(2::float8, 3 - k)))
            FROM generate_series(0, 8) k WHERE latitude IS NOT NULL AND longitude IS NOT NULL))
    $$;

    DROP INDEX service_search_en_idx;
    DROP INDEX service_search_fr_idx;
    DROP INDEX service_earth_idx;
    DROP INDEX service_unlocated_idx;
    DROP INDEX service_categories_idx;
    DROP INDEX service_languages_idx;
    DROP INDEX service_populations_idx;
    ALTER TABLE service DROP COLUMN search_en, DROP COLUMN search_fr;

    ALTER TABLE service
      ADD COLUMN search_document tsvector GENERATED ALWAYS AS (harbour_search_document(
        search_text, latitude, longitude, province, area_provinces, categories, populations, languages)) STORED,
      ALTER COLUMN search_document SET STORAGE MAIN;
    -- A short list of pending entries: a search scans all of it until it is merged into the index.
    CREATE INDEX service_search_document_idx ON service USING gin (search_document) WITH (gin_pending_list_limit = 256);
    -- Words are added one at a time and rarely; pending, they made every correction scan the list.
    ALTER INDEX search_word_trgm_idx SET (fastupdate = off);
    SELECT gin_clean_pending_list('search_word_trgm_idx');

    CREATE OR REPLACE FUNCTION service_collect_words() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO search_word (word)
        SELECT DISTINCT w FROM regexp_split_to_table(harbour_unaccent(lower(NEW.search_text)), '[^[:alnum:]]+') AS w
        WHERE length(w) >= 3
        ON CONFLICT DO NOTHING;
      RETURN NULL;
    END;
    $$;
    ALTER TABLE service DROP COLUMN search_norm;
  `.execute(db);
}
