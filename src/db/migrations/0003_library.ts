import { type Kysely, sql } from 'kysely';

/**
 * The tools library: resources (a link or a stored file), with one search document each in both
 * languages, and collections of them (the start-up toolkit for new groups is the first).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE library_resource (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- The agency of the author; null when the network keeps it.
      agency_id uuid,
      title_en text NOT NULL,
      title_fr text NOT NULL,
      summary_en text NOT NULL DEFAULT '',
      summary_fr text NOT NULL DEFAULT '',
      category text NOT NULL,
      kind text NOT NULL,
      audiences text[] NOT NULL DEFAULT '{}',
      languages text[] NOT NULL DEFAULT '{}',
      region text NOT NULL DEFAULT 'CA',
      link text,
      members_only boolean NOT NULL DEFAULT false,
      is_sample boolean NOT NULL DEFAULT false,
      search_text text NOT NULL DEFAULT '',
      search_en tsvector GENERATED ALWAYS AS (to_tsvector('harbour_en'::regconfig, search_text)) STORED,
      search_fr tsvector GENERATED ALWAYS AS (to_tsvector('harbour_fr'::regconfig, search_text)) STORED,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT library_resource_agency_fk FOREIGN KEY (agency_id) REFERENCES agency (id),
      CONSTRAINT library_resource_category CHECK (category IN ('awareness', 'service-provision')),
      CONSTRAINT library_resource_region CHECK
        (region IN ('CA','AB','BC','MB','NB','NL','NS','NT','NU','ON','PE','QC','SK','YT'))
    );
    CREATE INDEX library_resource_search_en_idx ON library_resource USING gin (search_en);
    CREATE INDEX library_resource_search_fr_idx ON library_resource USING gin (search_fr);

    -- Files live in the database: no path on disk to traverse, one backup holds them, and they
    -- are never served from a place a browser could run them.
    CREATE TABLE library_file (
      resource_id uuid PRIMARY KEY,
      name text NOT NULL,
      media_type text NOT NULL,
      size integer NOT NULL,
      sha256 text NOT NULL,
      content bytea NOT NULL,
      uploaded_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT library_file_resource_fk FOREIGN KEY (resource_id) REFERENCES library_resource (id) ON DELETE CASCADE
    );

    CREATE TABLE library_collection (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE,
      title_en text NOT NULL,
      title_fr text NOT NULL,
      description_en text NOT NULL DEFAULT '',
      description_fr text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE library_collection_item (
      collection_id uuid NOT NULL,
      resource_id uuid NOT NULL,
      position integer NOT NULL,
      PRIMARY KEY (collection_id, resource_id),
      CONSTRAINT library_collection_item_collection_fk FOREIGN KEY (collection_id) REFERENCES library_collection (id) ON DELETE CASCADE,
      CONSTRAINT library_collection_item_resource_fk FOREIGN KEY (resource_id) REFERENCES library_resource (id) ON DELETE CASCADE
    );
  `.execute(db);
}
