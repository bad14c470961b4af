import { type Kysely, sql } from 'kysely';

/**
 * The network's bulletins: written in Markdown in English and French, for members or for the
 * public. Only the Markdown is kept; it is made into safe HTML (no raw HTML, no images, no script
 * links) when read. A published bulletin is not edited.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE bulletin (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title_en text NOT NULL,
      title_fr text NOT NULL,
      body_en text NOT NULL,
      body_fr text NOT NULL,
      audience text NOT NULL CHECK (audience IN ('members', 'public')),
      state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published')),
      created_by uuid NOT NULL REFERENCES account (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      revision integer NOT NULL DEFAULT 1,
      published_at timestamptz,
      published_by uuid REFERENCES account (id)
    );
    CREATE INDEX bulletin_published_idx ON bulletin (published_at DESC) WHERE state = 'published';
  `.execute(db);
}
