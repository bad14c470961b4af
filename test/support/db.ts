import crypto from 'node:crypto';
import pg from 'pg';
import { type Config, loadConfig } from '../../src/config.js';
import { connectServer, type Db, type Engine, openPglite } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { type Deps, makeLimits } from '../../src/platform/context.js';
import { createFieldCrypto } from '../../src/platform/crypto.js';
import { type Keyring, parseMasterKeyVariable } from '../../src/platform/keyring.js';

/** PGlite always; the PostgreSQL server too when TEST_DATABASE_URL names one (CI does). */
export const engines: Engine[] = ['pglite', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];

export interface TestDb extends Db {
  /** Where the server database lives, for tests that open a second connection. */
  url?: string;
}

/** A fresh database of its own: an in-memory PGlite, or a new database on the server, migrated. */
export async function openTestDb(engine: Engine): Promise<TestDb> {
  if (engine === 'pglite') {
    const db = await openPglite();
    await migrate(db);
    return db;
  }
  const adminUrl = process.env.TEST_DATABASE_URL as string;
  const name = `harbour_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = connectServer(url.toString(), { max: 4 });
  await migrate(db);
  return {
    ...db,
    url: url.toString(),
    close: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

export function testKeyring(): Keyring {
  return parseMasterKeyVariable(crypto.randomBytes(32).toString('base64'));
}

export interface TestDeps extends Deps {
  /** Moves the injected clock. */
  advance(ms: number): void;
  setNow(date: Date): void;
}

export function testDeps(db: Db, env: Record<string, string> = {}, keyring: Keyring = testKeyring()): TestDeps {
  const config: Config = loadConfig({ HARBOUR_DATA_DIR: '/tmp/harbour-test-unused', LOG_LEVEL: 'silent', ...env });
  let current = new Date('2026-11-23T15:00:00.000Z');
  const now = () => new Date(current);
  return {
    db,
    kysely: db.kysely,
    config,
    keyring,
    crypto: createFieldCrypto(db.kysely, keyring),
    now,
    limits: makeLimits(config, now),
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
    setNow: (date) => {
      current = new Date(date);
    },
  };
}
