import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { AppError } from './errors.js';
import { addAttempt, attemptCount, clearAttempts, sweepAttempts } from './repo.js';

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
    return attemptCount(this.db, scope, this.#subject(parts), new Date(this.now().getTime() - windowMs));
  }

  /** Counts one more attempt; a window that has run out starts again at one. Returns the count. */
  async add(scope: string, parts: string[], windowMs: number): Promise<number> {
    const now = this.now();
    return addAttempt(this.db, scope, this.#subject(parts), now, new Date(now.getTime() - windowMs));
  }

  async clear(scope: string, parts: string[]): Promise<void> {
    await clearAttempts(this.db, scope, this.#subject(parts));
  }

  /** Drops counters whose window ended long ago (the hourly job). */
  async sweep(olderThanMs: number): Promise<number> {
    return sweepAttempts(this.db, new Date(this.now().getTime() - olderThanMs));
  }
}

const HOUR = 3_600_000;

/**
 * Every public form (a report on a listing, an application to join) counts against one limit per
 * client address an hour; `refusal` says what was refused. The attempt counts even when refused.
 */
export async function countPublicForm(attempts: Attempts, perHour: number, address: string, refusal: string): Promise<void> {
  if ((await attempts.count('public-form:address', [address], HOUR)) >= perHour) throw new AppError('rate_limited', refusal);
  await attempts.add('public-form:address', [address], HOUR);
}
