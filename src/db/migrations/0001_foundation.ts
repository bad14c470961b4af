import { type Kysely, sql } from 'kysely';

/** Agencies, accounts, sessions, per-agency data keys and the append-only audit chain. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE agency (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL,
      name text NOT NULL,
      province text NOT NULL,
      is_sample boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT agency_slug_key UNIQUE (slug),
      CONSTRAINT agency_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      CONSTRAINT agency_province_code CHECK
        (province IN ('AB','BC','MB','NB','NL','NS','NT','NU','ON','PE','QC','SK','YT','CA'))
    );

    CREATE TABLE account (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agency_id uuid NOT NULL,
      email text NOT NULL,
      display_name text NOT NULL,
      password_hash text NOT NULL,
      roles text[] NOT NULL,
      locale text NOT NULL DEFAULT 'en',
      disabled_at timestamptz,
      totp_secret bytea,
      totp_confirmed_at timestamptz,
      totp_last_step bigint,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT account_agency_fk FOREIGN KEY (agency_id) REFERENCES agency (id),
      CONSTRAINT account_email_key UNIQUE (email),
      CONSTRAINT account_email_lowercase CHECK (email = lower(email)),
      CONSTRAINT account_roles_known CHECK (
        cardinality(roles) > 0 AND
        roles <@ ARRAY['network_admin','agency_admin','coordinator','worker','researcher']::text[]
      ),
      CONSTRAINT account_locale_known CHECK (locale IN ('en','fr'))
    );
    CREATE INDEX account_agency_idx ON account (agency_id);

    CREATE TABLE recovery_code (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL,
      code_hash text NOT NULL,
      used_at timestamptz,
      CONSTRAINT recovery_code_account_fk FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE,
      CONSTRAINT recovery_code_unique UNIQUE (account_id, code_hash)
    );

    CREATE TABLE session (
      id_hash text PRIMARY KEY,
      account_id uuid NOT NULL,
      csrf_token text NOT NULL,
      stage text NOT NULL,
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      CONSTRAINT session_account_fk FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE,
      CONSTRAINT session_stage_known CHECK (stage IN ('full','mfa','enrol'))
    );
    CREATE INDEX session_account_idx ON session (account_id);

    CREATE TABLE agency_key (
      agency_id uuid NOT NULL,
      version integer NOT NULL,
      wrapped_key bytea NOT NULL,
      master_version integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT agency_key_pk PRIMARY KEY (agency_id, version),
      CONSTRAINT agency_key_agency_fk FOREIGN KEY (agency_id) REFERENCES agency (id)
    );

    CREATE TABLE audit_event (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_account_id uuid,
      agency_id uuid,
      action text NOT NULL,
      target_type text,
      target_id text,
      outcome text NOT NULL,
      details jsonb NOT NULL DEFAULT '{}'::jsonb,
      prev_hash text NOT NULL,
      hash text NOT NULL,
      CONSTRAINT audit_event_outcome_known CHECK (outcome IN ('ok','refused','failed')),
      CONSTRAINT audit_event_hash_key UNIQUE (hash)
    );

    CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END;
    $$;
    CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
    CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();

    CREATE TABLE app_meta (
      key text PRIMARY KEY,
      value jsonb NOT NULL
    );
  `.execute(db);
}
