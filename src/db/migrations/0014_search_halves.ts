import { type Kysely, sql } from 'kysely';

/**
 * The cost of writing a service, cut for imports of 100,000: its search text is written as an
 * English half and a French half (a form feed between them), each parsed once in its own
 * language instead of the whole text twice — a search asks for both stems of every word, so
 * nothing is lost — and the word list gathers the words of a whole statement's rows at once
 * (a statement trigger with its transition table) instead of one row at a time.
 *
 * Text written before this has no form feed and is still parsed whole in both languages, which
 * is what its stored document already holds, so no row needs rewriting.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION harbour_search_document(
      search_text text, latitude float8, longitude float8, province text,
      area_provinces text[], categories text[], populations text[], languages text[]
    ) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT CASE WHEN pg_catalog.strpos(search_text, pg_catalog.chr(12)) = 0
          THEN pg_catalog.to_tsvector('public.harbour_en'::regconfig, search_text)
            || pg_catalog.to_tsvector('public.harbour_fr'::regconfig, search_text)
          ELSE pg_catalog.to_tsvector('public.harbour_en'::regconfig, pg_catalog.split_part(search_text, pg_catalog.chr(12), 1))
            || pg_catalog.to_tsvector('public.harbour_fr'::regconfig, pg_catalog.split_part(search_text, pg_catalog.chr(12), 2))
        END
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

    DROP TRIGGER service_collect_words ON service;
    DROP FUNCTION service_collect_words();
    CREATE FUNCTION service_collect_words() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO public.search_word (word)
        SELECT DISTINCT w
        FROM written, pg_catalog.regexp_split_to_table(public.harbour_unaccent(pg_catalog.lower(written.search_text)), '[^[:alnum:]]+') AS w
        WHERE pg_catalog.length(w) >= 3
        ON CONFLICT DO NOTHING;
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER service_collect_inserted_words AFTER INSERT ON service
      REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION service_collect_words();
    -- A transition table cannot go with a column list: every update's rows are read, a few words each.
    CREATE TRIGGER service_collect_updated_words AFTER UPDATE ON service
      REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION service_collect_words();
  `.execute(db);
}
