import { type Kysely, sql } from 'kysely';

/**
 * Each working group becomes a mailing list: an address (its list name), threads of posts made on
 * the page or by email, each post's own words apart from what it quoted (kept, folded away), mail
 * from non-members held for a coordinator, and each member's choice of delivery. What a member has
 * seen (on the page or by email) is recorded so a digest never repeats it. An email may carry
 * list headers (List-Id, List-Unsubscribe, threading).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE working_group ADD COLUMN list_name text UNIQUE CHECK (list_name ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
    UPDATE working_group SET list_name = 'group-' || substr(id::text, 1, 8);
    ALTER TABLE working_group ALTER COLUMN list_name SET NOT NULL;

    ALTER TABLE group_member
      ADD COLUMN delivery text NOT NULL DEFAULT 'every' CHECK (delivery IN ('every', 'daily', 'weekly', 'none')),
      ADD COLUMN digest_sent_at timestamptz;

    CREATE TABLE group_thread (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      group_id uuid NOT NULL REFERENCES working_group (id),
      subject text NOT NULL,
      started_by uuid REFERENCES account (id),
      started_at timestamptz NOT NULL,
      last_post_at timestamptz NOT NULL
    );
    CREATE INDEX group_thread_group_idx ON group_thread (group_id, last_post_at DESC);

    CREATE TABLE group_post (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      thread_id uuid NOT NULL REFERENCES group_thread (id),
      author_id uuid NOT NULL REFERENCES account (id),
      body text NOT NULL,
      quoted text NOT NULL DEFAULT '',
      via text NOT NULL CHECK (via IN ('page', 'email')),
      message_id text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX group_post_thread_idx ON group_post (thread_id, created_at);

    CREATE TABLE group_post_seen (
      post_id uuid NOT NULL REFERENCES group_post (id),
      account_id uuid NOT NULL REFERENCES account (id),
      PRIMARY KEY (post_id, account_id)
    );

    CREATE TABLE held_mail (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      group_id uuid NOT NULL REFERENCES working_group (id),
      from_address text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      received_at timestamptz NOT NULL,
      state text NOT NULL DEFAULT 'held' CHECK (state IN ('held', 'released', 'rejected')),
      decided_by uuid REFERENCES account (id),
      decided_at timestamptz
    );
    CREATE INDEX held_mail_group_idx ON held_mail (group_id, state);

    ALTER TABLE email_outbox ADD COLUMN headers jsonb NOT NULL DEFAULT '{}';
  `.execute(db);
}
