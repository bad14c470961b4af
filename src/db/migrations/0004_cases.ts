import { type Kysely, sql } from 'kysely';

/**
 * Case records. Everything about the person and their situation is one value sealed with the
 * case's own data key (case_key, itself sealed with the agency's key), so destroying that one
 * key makes the case unreadable. Names are findable only through keyed blind-index tokens.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE case_record (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agency_id uuid NOT NULL,
      coordinator_account_id uuid NOT NULL,
      restricted boolean NOT NULL DEFAULT false,
      status text NOT NULL DEFAULT 'open',
      closed_at timestamptz,
      sealed bytea NOT NULL,
      name_tokens text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT case_record_agency_fk FOREIGN KEY (agency_id) REFERENCES agency (id),
      CONSTRAINT case_record_coordinator_fk FOREIGN KEY (coordinator_account_id) REFERENCES account (id),
      CONSTRAINT case_record_status CHECK (status IN ('open', 'closed'))
    );
    CREATE INDEX case_record_agency_idx ON case_record (agency_id, status);
    CREATE INDEX case_record_name_tokens_idx ON case_record USING gin (name_tokens);

    CREATE TABLE case_key (
      case_id uuid PRIMARY KEY,
      agency_id uuid NOT NULL,
      sealed_key bytea NOT NULL,
      CONSTRAINT case_key_case_fk FOREIGN KEY (case_id) REFERENCES case_record (id) ON DELETE CASCADE
    );

    -- The team: with a restricted case, the only people (besides the coordinator) who may open it.
    CREATE TABLE case_member (
      case_id uuid NOT NULL,
      account_id uuid NOT NULL,
      PRIMARY KEY (case_id, account_id),
      CONSTRAINT case_member_case_fk FOREIGN KEY (case_id) REFERENCES case_record (id) ON DELETE CASCADE,
      CONSTRAINT case_member_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
    );

    -- "Break the glass": time-limited access to a restricted case, with a sealed reason.
    CREATE TABLE case_access_grant (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL,
      account_id uuid NOT NULL,
      reason_sealed bytea NOT NULL,
      granted_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      CONSTRAINT case_access_grant_case_fk FOREIGN KEY (case_id) REFERENCES case_record (id) ON DELETE CASCADE,
      CONSTRAINT case_access_grant_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
    );
    CREATE INDEX case_access_grant_case_idx ON case_access_grant (case_id, account_id, expires_at);
  `.execute(db);
}
