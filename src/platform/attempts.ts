import crypto from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/tables.js';

/**
 * Fixed-window counters of attempts, kept in the database (so a restart or a second process does
 * not reset them) and written outside any unit of work (so a refused attempt still counts).
 * What is counted — an email, a client address — is stored only as a keyed hash.
 */
export class Attempts {
  readonly #key: Buffer;

  constructor(
    private readonly db: Kysely<Database>,
    secret: Buffer,
    private readonly now: () => Date,
  ) {
    this.#key = crypto.createHmac('sha256', secret).update('harbour:attempt-counter').digest();
  }

  #subject(parts: string[]): string {
    return crypto.createHmac('sha256', this.#key).update(parts.join('\u0000')).digest('base64url');
  }

  /** How many attempts `parts` made in the window that is still running. */
  async count(scope: string, parts: string[], windowMs: number): Promise<number> {
    const cutoff = new Date(this.now().getTime() - windowMs);
    const row = await this.db
      .selectFrom('attemptCounter')
      .select('count')
      .where('scope', '=', scope)
      .where('subject', '=', this.#subject(parts))
      .where('windowStart', '>', cutoff)
      .executeTakeFirst();
    return row?.count ?? 0;
  }

  /** Counts one more attempt; a window that has run out starts again at one. Returns the count. */
  async add(scope: string, parts: string[], windowMs: number): Promise<number> {
    const now = this.now();
    const cutoff = new Date(now.getTime() - windowMs);
    const { rows } = await sql<{ count: number }>`
      INSERT INTO attempt_counter (scope, subject, window_start, count) VALUES (${scope}, ${this.#subject(parts)}, ${now}, 1)
      ON CONFLICT (scope, subject) DO UPDATE SET
        count = CASE WHEN attempt_counter.window_start <= ${cutoff} THEN 1 ELSE attempt_counter.count + 1 END,
        window_start = CASE WHEN attempt_counter.window_start <= ${cutoff} THEN ${now} ELSE attempt_counter.window_start END
      RETURNING count`.execute(this.db);
    return rows[0]?.count ?? 1;
  }

  async clear(scope: string, parts: string[]): Promise<void> {
    await this.db.deleteFrom('attemptCounter').where('scope', '=', scope).where('subject', '=', this.#subject(parts)).execute();
  }

  /** Drops counters whose window ended long ago (the hourly job). */
  async sweep(olderThanMs: number): Promise<number> {
    const result = await this.db
      .deleteFrom('attemptCounter')
      .where('windowStart', '<', new Date(this.now().getTime() - olderThanMs))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
