import { type Kysely, sql } from 'kysely';

/**
 * The rest of a case's life: closing and the retention purge, notes and documents (sealed with
 * the case's key), services delivered in the de-identified fact, and the notifications and email
 * outbox that carry reminders. Neither of the last two holds personal data: a notification names
 * its kind, a due date and what it is about by id; an email says there is something to see.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE case_record ADD COLUMN closed_reason text;
    ALTER TABLE case_record ADD COLUMN purge_on date;
    CREATE INDEX case_record_purge_idx ON case_record (purge_on) WHERE purge_on IS NOT NULL;

    ALTER TABLE case_fact ADD COLUMN services text[] NOT NULL DEFAULT '{}';

    CREATE TABLE case_note (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL,
      author_account_id uuid NOT NULL,
      sealed bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT case_note_case_fk FOREIGN KEY (case_id) REFERENCES case_record (id) ON DELETE CASCADE,
      CONSTRAINT case_note_author_fk FOREIGN KEY (author_account_id) REFERENCES account (id)
    );
    CREATE INDEX case_note_case_idx ON case_note (case_id, created_at);

    CREATE TABLE case_document (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL,
      author_account_id uuid NOT NULL,
      sealed_meta bytea NOT NULL,
      sealed_body bytea NOT NULL,
      size_bytes integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT case_document_case_fk FOREIGN KEY (case_id) REFERENCES case_record (id) ON DELETE CASCADE,
      CONSTRAINT case_document_author_fk FOREIGN KEY (author_account_id) REFERENCES account (id)
    );
    CREATE INDEX case_document_case_idx ON case_document (case_id, created_at);

    CREATE TABLE notification (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL,
      kind text NOT NULL,
      subject_type text NOT NULL,
      subject_id uuid NOT NULL,
      due date,
      dedupe_key text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      CONSTRAINT notification_account_fk FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE,
      CONSTRAINT notification_dedupe UNIQUE (account_id, dedupe_key)
    );
    CREATE INDEX notification_account_idx ON notification (account_id, created_at DESC);
    CREATE INDEX notification_subject_idx ON notification (subject_type, subject_id);

    CREATE TABLE email_outbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      to_address text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      last_error text
    );
    CREATE INDEX email_outbox_pending_idx ON email_outbox (created_at) WHERE sent_at IS NULL;
  `.execute(db);
}
