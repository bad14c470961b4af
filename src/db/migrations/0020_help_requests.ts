import { type Kysely, sql } from 'kysely';

/**
 * Help requests the server cannot read. The person's browser seals each request (HPKE, X25519)
 * to the chosen agency's intake key and to the network's fallback key; the server keeps the
 * envelopes and routing facts only. Private keys live with staff: each holder's own key pair is
 * wrapped in the browser by a passphrase the server never sees, and an intake private key is
 * kept only sealed to its holders' own public keys.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE staff_key (
      account_id uuid PRIMARY KEY REFERENCES account (id),
      public_key bytea NOT NULL CHECK (length(public_key) = 32),
      wrapped_private text NOT NULL CHECK (length(wrapped_private) < 2000),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- agency_id NULL is the network's fallback key, held by network admins.
    CREATE TABLE intake_key (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agency_id uuid REFERENCES agency (id),
      public_key bytea NOT NULL UNIQUE CHECK (length(public_key) = 32),
      fingerprint text NOT NULL,
      created_by uuid NOT NULL REFERENCES account (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      retired_at timestamptz
    );
    CREATE UNIQUE INDEX intake_key_current_idx
      ON intake_key (coalesce(agency_id, '00000000-0000-0000-0000-000000000000'::uuid)) WHERE retired_at IS NULL;

    CREATE TABLE intake_key_share (
      intake_key_id uuid NOT NULL REFERENCES intake_key (id) ON DELETE CASCADE,
      account_id uuid NOT NULL REFERENCES account (id),
      sealed_private bytea NOT NULL,
      shared_by uuid NOT NULL REFERENCES account (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (intake_key_id, account_id)
    );

    CREATE TABLE help_request (
      id uuid PRIMARY KEY,
      agency_id uuid REFERENCES agency (id),
      state text NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'accepted', 'closed')),
      lookup_hash text NOT NULL UNIQUE,
      received_at timestamptz NOT NULL,
      -- when the agency it waits on was given it: on arrival, or when the network passed it on
      routed_at timestamptz NOT NULL,
      declined_at timestamptz,
      fallback_at timestamptz,
      fallback_reason text CHECK (fallback_reason IN ('unanswered', 'declined', 'network-chooses')),
      accepted_agency_id uuid REFERENCES agency (id),
      accepted_inbox text CHECK (accepted_inbox IN ('agency', 'network')),
      accepted_by uuid REFERENCES account (id),
      accepted_at timestamptz,
      closed_at timestamptz,
      CHECK ((fallback_at IS NULL) = (fallback_reason IS NULL))
    );
    CREATE INDEX help_request_agency_idx ON help_request (agency_id, received_at DESC);
    CREATE INDEX help_request_waiting_idx ON help_request (routed_at) WHERE state = 'waiting' AND fallback_at IS NULL;
    CREATE INDEX help_request_closed_idx ON help_request (closed_at) WHERE state = 'closed';

    CREATE TABLE help_envelope (
      request_id uuid NOT NULL REFERENCES help_request (id) ON DELETE CASCADE,
      intake_key_id uuid NOT NULL REFERENCES intake_key (id),
      enc bytea NOT NULL,
      ciphertext bytea NOT NULL,
      PRIMARY KEY (request_id, intake_key_id)
    );

    CREATE TABLE help_reply (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      request_id uuid NOT NULL REFERENCES help_request (id) ON DELETE CASCADE,
      iv bytea NOT NULL CHECK (length(iv) = 12),
      ciphertext bytea NOT NULL,
      sent_by uuid NOT NULL REFERENCES account (id),
      sent_at timestamptz NOT NULL
    );
    CREATE INDEX help_reply_request_idx ON help_reply (request_id, sent_at);
  `.execute(db);
}
