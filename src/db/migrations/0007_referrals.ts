import { type Kysely, sql } from 'kysely';

/**
 * The national referral mechanism. A referral's shared fields are sealed with a key of its own,
 * itself sealed once for each agency that may read them (`referral_key`): withdrawing consent
 * deletes the receiver's row, and the receiver can read nothing from then on. What stays with the
 * sender is sealed with the sender's agency key. `referral_outcome` holds de-identified outcomes
 * for statistics; only the referral knows (sealed) which row is its own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE referral (
      id uuid PRIMARY KEY,
      from_agency_id uuid NOT NULL REFERENCES agency (id),
      from_account_id uuid NOT NULL REFERENCES account (id),
      to_agency_id uuid NOT NULL REFERENCES agency (id),
      to_service_id uuid REFERENCES service (id) ON DELETE SET NULL,
      from_case_id uuid REFERENCES case_record (id) ON DELETE SET NULL,
      to_case_id uuid REFERENCES case_record (id) ON DELETE SET NULL,
      assignee_account_id uuid REFERENCES account (id),
      state text NOT NULL CHECK (state IN ('draft', 'sent', 'accepted', 'declined', 'in-progress', 'completed', 'closed')),
      urgency text NOT NULL CHECK (urgency IN ('urgent', 'normal')),
      restricted boolean NOT NULL DEFAULT false,
      consent_until date,
      consent_withdrawn_at timestamptz,
      sent_at timestamptz,
      acknowledge_by timestamptz,
      acknowledged_at timestamptz,
      shared_sealed bytea NOT NULL,
      sender_sealed bytea NOT NULL,
      outcome_sealed bytea,
      address_sealed bytea,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX referral_from_idx ON referral (from_agency_id, updated_at DESC);
    CREATE INDEX referral_to_idx ON referral (to_agency_id, updated_at DESC) WHERE state <> 'draft';
    CREATE INDEX referral_overdue_idx ON referral (acknowledge_by) WHERE state = 'sent';

    CREATE TABLE referral_key (
      referral_id uuid NOT NULL REFERENCES referral (id) ON DELETE CASCADE,
      agency_id uuid NOT NULL REFERENCES agency (id),
      sealed_key bytea NOT NULL,
      PRIMARY KEY (referral_id, agency_id)
    );

    CREATE TABLE referral_event (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      referral_id uuid NOT NULL REFERENCES referral (id) ON DELETE CASCADE,
      state text NOT NULL,
      reason text,
      note_sealed bytea,
      by_agency_id uuid NOT NULL REFERENCES agency (id),
      by_account_id uuid REFERENCES account (id),
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX referral_event_idx ON referral_event (referral_id, at);

    CREATE TABLE referral_outcome (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      year integer NOT NULL,
      from_province text NOT NULL,
      to_province text NOT NULL,
      service_categories text[] NOT NULL DEFAULT '{}',
      urgency text NOT NULL,
      needs text[] NOT NULL DEFAULT '{}',
      interpreter_needed boolean NOT NULL DEFAULT false,
      hours_to_acknowledge integer,
      accepted boolean,
      completed boolean,
      closed_reason text
    );
  `.execute(db);
}
