import { type Kysely, sql } from 'kysely';

/**
 * The directory: organizations, their service points and services, with one search document
 * per service (full text in English and French, unaccented, plus trigrams for misspellings)
 * and distance through earthdistance. A confidential location's street address is sealed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE EXTENSION IF NOT EXISTS unaccent;
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE EXTENSION IF NOT EXISTS cube;
    CREATE EXTENSION IF NOT EXISTS earthdistance;

    -- unaccent() is only STABLE; naming its dictionary makes a version usable in indexes.
    CREATE FUNCTION harbour_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

    CREATE TEXT SEARCH CONFIGURATION harbour_en (COPY = english);
    ALTER TEXT SEARCH CONFIGURATION harbour_en ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
    CREATE TEXT SEARCH CONFIGURATION harbour_fr (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION harbour_fr ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

    CREATE TABLE organization (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agency_id uuid,
      name text NOT NULL,
      description_en text NOT NULL DEFAULT '',
      description_fr text NOT NULL DEFAULT '',
      website text,
      is_member boolean NOT NULL DEFAULT false,
      is_sample boolean NOT NULL DEFAULT false,
      source text,
      last_verified_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT organization_agency_fk FOREIGN KEY (agency_id) REFERENCES agency (id)
    );
    CREATE INDEX organization_agency_idx ON organization (agency_id);

    CREATE TABLE service_point (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      name text NOT NULL,
      city text NOT NULL,
      province text NOT NULL,
      is_confidential boolean NOT NULL DEFAULT false,
      address text,
      address_sealed bytea,
      latitude double precision,
      longitude double precision,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT service_point_organization_fk FOREIGN KEY (organization_id) REFERENCES organization (id) ON DELETE CASCADE,
      CONSTRAINT service_point_province_code CHECK
        (province IN ('AB','BC','MB','NB','NL','NS','NT','NU','ON','PE','QC','SK','YT')),
      CONSTRAINT service_point_confidential_address CHECK (NOT is_confidential OR address IS NULL),
      CONSTRAINT service_point_coordinates CHECK
        ((latitude IS NULL) = (longitude IS NULL) AND (latitude IS NULL OR (latitude BETWEEN 41 AND 84 AND longitude BETWEEN -142 AND -52)))
    );
    CREATE INDEX service_point_organization_idx ON service_point (organization_id);

    CREATE TABLE service (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      service_point_id uuid,
      name_en text NOT NULL,
      name_fr text NOT NULL,
      description_en text NOT NULL DEFAULT '',
      description_fr text NOT NULL DEFAULT '',
      categories text[] NOT NULL DEFAULT '{}',
      populations text[] NOT NULL DEFAULT '{}',
      languages text[] NOT NULL DEFAULT '{}',
      area_provinces text[] NOT NULL DEFAULT '{}',
      serves_remote_communities boolean NOT NULL DEFAULT false,
      serves_without_status boolean NOT NULL DEFAULT false,
      trafficking_trained boolean NOT NULL DEFAULT false,
      accessibility text NOT NULL DEFAULT '',
      fees text NOT NULL DEFAULT '',
      eligibility text NOT NULL DEFAULT '',
      intake text NOT NULL DEFAULT '',
      hours jsonb,
      capacity_beds integer,
      -- A copy of the service point's coordinates, so "near" filters services on their own index.
      latitude double precision,
      longitude double precision,
      capacity_updated_at timestamptz,
      last_verified_at timestamptz NOT NULL DEFAULT now(),
      search_text text NOT NULL DEFAULT '',
      search_norm text GENERATED ALWAYS AS (harbour_unaccent(lower(search_text))) STORED,
      search_en tsvector GENERATED ALWAYS AS (to_tsvector('harbour_en'::regconfig, search_text)) STORED,
      search_fr tsvector GENERATED ALWAYS AS (to_tsvector('harbour_fr'::regconfig, search_text)) STORED,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT service_organization_fk FOREIGN KEY (organization_id) REFERENCES organization (id) ON DELETE CASCADE,
      CONSTRAINT service_service_point_fk FOREIGN KEY (service_point_id) REFERENCES service_point (id) ON DELETE SET NULL,
      CONSTRAINT service_capacity_positive CHECK (capacity_beds IS NULL OR capacity_beds >= 0)
    );
    CREATE INDEX service_organization_idx ON service (organization_id);
    CREATE INDEX service_search_en_idx ON service USING gin (search_en);
    CREATE INDEX service_search_fr_idx ON service USING gin (search_fr);
    -- Every word of every search document, for correcting misspelt query words to real ones
    -- (trigram similarity on a short word list is fast; on every long document it is not).
    CREATE TABLE search_word (word text PRIMARY KEY);
    CREATE INDEX search_word_trgm_idx ON search_word USING gin (word gin_trgm_ops);
    CREATE FUNCTION service_collect_words() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO search_word (word)
        SELECT DISTINCT w FROM regexp_split_to_table(NEW.search_norm, '[^[:alnum:]]+') AS w WHERE length(w) >= 3
        ON CONFLICT DO NOTHING;
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER service_collect_words AFTER INSERT OR UPDATE OF search_text ON service
      FOR EACH ROW EXECUTE FUNCTION service_collect_words();

    CREATE INDEX service_earth_idx ON service USING gist (ll_to_earth(latitude, longitude)) WHERE latitude IS NOT NULL;
    CREATE INDEX service_unlocated_idx ON service USING gin (area_provinces) WHERE latitude IS NULL;
    CREATE INDEX service_categories_idx ON service USING gin (categories);
    CREATE INDEX service_languages_idx ON service USING gin (languages);
    CREATE INDEX service_populations_idx ON service USING gin (populations);

    -- Weekly opening hours: {"timezone": "America/Toronto", "alwaysOpen": false,
    -- "weekly": {"1": [["09:00","17:00"]], ...}} with ISO weekdays 1 (Monday) to 7 (Sunday).
    CREATE FUNCTION harbour_is_open(hours jsonb, at timestamptz) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
    DECLARE
      local_time timestamp;
      slot jsonb;
    BEGIN
      IF hours IS NULL THEN RETURN false; END IF;
      IF coalesce((hours->>'alwaysOpen')::boolean, false) THEN RETURN true; END IF;
      local_time := at AT TIME ZONE coalesce(hours->>'timezone', 'America/Toronto');
      FOR slot IN SELECT * FROM jsonb_array_elements(coalesce(hours->'weekly'->(extract(isodow FROM local_time)::int::text), '[]'::jsonb)) LOOP
        IF local_time::time >= (slot->>0)::time AND local_time::time < (slot->>1)::time THEN RETURN true; END IF;
      END LOOP;
      RETURN false;
    END;
    $$;

    CREATE TABLE listing_report (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      service_id uuid NOT NULL,
      message text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz,
      CONSTRAINT listing_report_service_fk FOREIGN KEY (service_id) REFERENCES service (id) ON DELETE CASCADE
    );
  `.execute(db);
}
