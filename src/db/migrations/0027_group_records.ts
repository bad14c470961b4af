import { type Kysely, sql } from 'kysely';

/**
 * What a working group keeps besides its threads and meetings: the documents it works from —
 * tools of the library, linked, never copied — and its decisions, each dated and, where it was
 * taken at a meeting, linked to it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE group_document (
      group_id uuid NOT NULL REFERENCES working_group (id),
      resource_id uuid NOT NULL REFERENCES library_resource (id) ON DELETE CASCADE,
      added_by uuid NOT NULL REFERENCES account (id),
      added_at timestamptz NOT NULL,
      PRIMARY KEY (group_id, resource_id)
    );

    CREATE TABLE group_decision (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      group_id uuid NOT NULL REFERENCES working_group (id),
      meeting_id uuid REFERENCES meeting (id),
      text text NOT NULL,
      decided_on date NOT NULL,
      recorded_by uuid NOT NULL REFERENCES account (id),
      recorded_at timestamptz NOT NULL
    );
    CREATE INDEX group_decision_group_idx ON group_decision (group_id, decided_on DESC);
  `.execute(db);
}
