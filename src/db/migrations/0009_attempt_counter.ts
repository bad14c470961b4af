import { type Kysely, sql } from 'kysely';

/**
 * Counters of attempts (sign-in, second factor, public forms) in the database rather than in a
 * process's memory: they survive a restart and hold across processes. Subjects are keyed hashes,
 * never an email or a client address in the clear.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE attempt_counter (
      scope text NOT NULL,
      subject text NOT NULL,
      window_start timestamptz NOT NULL,
      count integer NOT NULL,
      CONSTRAINT attempt_counter_pkey PRIMARY KEY (scope, subject)
    );
    CREATE INDEX attempt_counter_window_start ON attempt_counter (window_start);
  `.execute(db);
}
