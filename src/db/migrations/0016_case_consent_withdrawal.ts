import { type Kysely, sql } from 'kysely';

/**
 * When the person withdraws the consent under which a referral reached another agency, the case
 * that agency opened from it must learn so without the referring agency touching it: this row says
 * only that, when, and who recorded it — nothing sealed, nothing about the person. The case's own
 * coordinator then decides (the person consents with them directly, or what came through is
 * erased), and the decision is kept here too. The referral is not a foreign key: it is purged on
 * its own schedule, while the case keeps the fact of the withdrawal.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE case_consent_withdrawal (
      case_id uuid PRIMARY KEY REFERENCES case_record (id) ON DELETE CASCADE,
      referral_id uuid NOT NULL,
      withdrawn_at timestamptz NOT NULL,
      by_agency_id uuid NOT NULL REFERENCES agency (id),
      by_account_id uuid NOT NULL REFERENCES account (id),
      decision text CHECK (decision IN ('consents-directly', 'erase-shared')),
      decided_at timestamptz,
      decided_by uuid REFERENCES account (id),
      CONSTRAINT case_consent_withdrawal_decided CHECK ((decision IS NULL) = (decided_at IS NULL) AND (decision IS NULL) = (decided_by IS NULL))
    );
  `.execute(db);
}
