import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/tables.js';
import { Attempts } from './attempts.js';
import { createFieldCrypto, type FieldCrypto } from './crypto.js';
import type { Keyring } from './keyring.js';

/** What every service needs, made once at start and passed down; tests build their own. */
export interface Deps {
  db: Db;
  kysely: Kysely<Database>;
  config: Config;
  keyring: Keyring;
  /** The audit chain's HMAC key: `recordAudit(deps, …)` and `recordAudit(tx, …)` take it from here. */
  auditKey: Buffer;
  crypto: FieldCrypto;
  now: () => Date;
  /** Counters of sign-in, second-factor and public-form attempts (platform/attempts.ts). */
  attempts: Attempts;
}

export function makeDeps(db: Db, config: Config, keyring: Keyring, auditKey: Buffer, now: () => Date = () => new Date()): Deps {
  return {
    db,
    kysely: db.kysely,
    config,
    keyring,
    auditKey,
    crypto: createFieldCrypto(db.kysely, keyring),
    now,
    attempts: new Attempts(db.kysely, auditKey, now),
  };
}

/**
 * One unit of work: `work` runs in one transaction with Deps whose `kysely` is that transaction,
 * so every write it makes — its audit rows and notices included — commits or rolls back together.
 * Called inside a unit already open, it joins it. Keys are read through their own connection and
 * cached, so callers seal what they can before opening the unit.
 */
export function unitOfWork<T>(deps: Deps, work: (tx: Deps) => Promise<T>): Promise<T> {
  if (deps.kysely.isTransaction) return work(deps);
  return deps.kysely.transaction().execute((trx) => work({ ...deps, kysely: trx }));
}
