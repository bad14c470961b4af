import { type Kysely, sql } from 'kysely';

/**
 * The network's working groups — national, regional and city, each city or regional group
 * reporting to a parent — their members from member agencies, and their meetings: when, how to
 * join the call or where to go, the agenda, who comes (within a capacity), the minutes and the
 * action items. A member's meeting calendar is read at a secret address whose hash alone is kept.
 * An email may now carry attachments (a meeting's .ics with its confirmation).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE working_group (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      level text NOT NULL CHECK (level IN ('national', 'regional', 'city')),
      parent_id uuid REFERENCES working_group (id),
      name_en text NOT NULL,
      name_fr text NOT NULL,
      description_en text NOT NULL DEFAULT '',
      description_fr text NOT NULL DEFAULT '',
      province text,
      city text,
      created_by uuid REFERENCES account (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((level = 'national') = (parent_id IS NULL))
    );
    CREATE INDEX working_group_parent_idx ON working_group (parent_id);

    CREATE TABLE group_member (
      group_id uuid NOT NULL REFERENCES working_group (id),
      account_id uuid NOT NULL REFERENCES account (id),
      role text NOT NULL CHECK (role IN ('member', 'coordinator')),
      joined_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (group_id, account_id)
    );
    CREATE INDEX group_member_account_idx ON group_member (account_id);

    CREATE TABLE meeting (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      group_id uuid NOT NULL REFERENCES working_group (id),
      title text NOT NULL,
      agenda text NOT NULL DEFAULT '',
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
      time_zone text NOT NULL,
      mode text NOT NULL CHECK (mode IN ('virtual', 'in-person', 'hybrid')),
      call_url text,
      place text,
      capacity integer CHECK (capacity > 0),
      minutes text NOT NULL DEFAULT '',
      created_by uuid NOT NULL REFERENCES account (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      cancelled_at timestamptz
    );
    CREATE INDEX meeting_group_idx ON meeting (group_id, starts_at);

    CREATE TABLE meeting_rsvp (
      meeting_id uuid NOT NULL REFERENCES meeting (id),
      account_id uuid NOT NULL REFERENCES account (id),
      answer text NOT NULL CHECK (answer IN ('yes', 'no', 'maybe')),
      answered_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (meeting_id, account_id)
    );

    CREATE TABLE meeting_action (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL REFERENCES meeting (id),
      text text NOT NULL,
      owner_id uuid REFERENCES account (id),
      due date,
      done_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX meeting_action_meeting_idx ON meeting_action (meeting_id, created_at);

    CREATE TABLE meeting_feed (
      account_id uuid PRIMARY KEY REFERENCES account (id),
      key_hash bytea NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    ALTER TABLE email_outbox ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]';
  `.execute(db);
}
