import { type Kysely, sql } from 'kysely';

/**
 * An organization's application to join the network, and what the network and the applicant
 * said to each other about it. Approval makes the agency; the application keeps which one.
 * When the network asks for more, only the hash of the one-time answer link is kept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE membership_application (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_name text NOT NULL,
      province text NOT NULL,
      city text NOT NULL,
      website text,
      work text[] NOT NULL,
      what_it_does text NOT NULL,
      how_it_meets_criteria text NOT NULL,
      contact_name text NOT NULL,
      contact_email text NOT NULL,
      contact_phone text,
      contact_role text,
      language text NOT NULL CHECK (language IN ('en', 'fr')),
      state text NOT NULL DEFAULT 'submitted' CHECK (state IN ('submitted', 'needs-more', 'approved', 'declined')),
      answer_token_hash text UNIQUE,
      answer_expires_at timestamptz,
      agency_id uuid REFERENCES agency (id),
      submitted_at timestamptz NOT NULL DEFAULT now(),
      decided_at timestamptz,
      decided_by uuid REFERENCES account (id)
    );
    CREATE INDEX membership_application_state_idx ON membership_application (state, submitted_at);

    CREATE TABLE membership_message (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL REFERENCES membership_application (id),
      kind text NOT NULL CHECK (kind IN ('question', 'answer', 'decline', 'approve')),
      body text NOT NULL,
      account_id uuid REFERENCES account (id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX membership_message_application_idx ON membership_message (application_id, created_at);
  `.execute(db);
}
