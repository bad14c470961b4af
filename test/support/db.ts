import crypto from 'node:crypto';
import pg from 'pg';
import { type Config, loadConfig } from '../../src/config.js';
import { connectServer, type Db, type Engine, openPglite } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { type Deps, makeDeps } from '../../src/platform/context.js';
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
    traceLastStatement(db);
    await migrate(db);
    return db;
  }
  const server = await createServerDatabase();
  const db = connectServer(server.url, { max: 4 });
  await migrate(db);
  return {
    ...db,
    url: server.url,
    close: async () => {
      await db.close();
      await server.drop();
    },
  };
}

/**
 * For the rare PGlite spin (docs/architecture.md, Tests): the statement each in-memory database
 * was last given is kept on `globalThis.__harbourLastStatement`, so `node inspect -p PID` on a
 * stuck worker can read which statement the backend is spinning on.
 */
function traceLastStatement(db: Db): void {
  const pglite = db.pglite;
  if (!pglite) return;
  const keep = (sql: string) => {
    (globalThis as { __harbourLastStatement?: string }).__harbourLastStatement = sql.slice(0, 2000);
  };
  const query = pglite.query.bind(pglite);
  const exec = pglite.exec.bind(pglite);
  pglite.query = ((sql: string, ...rest: unknown[]) => {
    keep(sql);
    return (query as (...args: unknown[]) => unknown)(sql, ...rest);
  }) as typeof pglite.query;
  pglite.exec = ((sql: string, ...rest: unknown[]) => {
    keep(sql);
    return (exec as (...args: unknown[]) => unknown)(sql, ...rest);
  }) as typeof pglite.exec;
}

async function onServer(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** A new, empty database on the TEST_DATABASE_URL server, and how to drop it. */
export async function createServerDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `harbour_test_${crypto.randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL as string);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
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
  return {
    ...makeDeps(db, config, keyring, () => new Date(current)),
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
    setNow: (date) => {
      current = new Date(date);
    },
  };
}

/** For browser tests: the server's clock is the real one, as the browser's is (TOTP codes agree). */
export function withRealClock<T extends TestDeps>(deps: T): T {
  deps.setNow(new Date());
  return Object.assign(deps, { now: () => new Date() });
}
