import crypto from 'node:crypto';
import { sql } from 'kysely';
import { type Config, loadConfig } from '../../src/config.js';
import { connect, type Db, type Engine } from '../../src/db/connect.js';
import { type Deps, makeDeps } from '../../src/platform/context.js';
import { type Keyring, parseMasterKeyVariable } from '../../src/platform/keyring.js';
import type { TestServers } from './servers.js';
import { copyDatabase, databaseUrl, dropDatabase, onServer } from './templates.js';

/** The run's embedded PostgreSQL always; the PostgreSQL server too when TEST_DATABASE_URL names one (CI does). */
export const engines: Engine[] = ['embedded', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];

export interface TestDb extends Db {
  /** Where the database lives, for tests that open a second connection. */
  url: string;
}

let given: TestServers | undefined;

/** For benchmarks, which run outside Vitest and start their own servers (bench/engines.ts). */
export function setTestServers(servers: TestServers): void {
  given = servers;
}

/** Under Vitest, what test/support/global-setup.ts provides. */
async function servers(): Promise<TestServers> {
  if (given) return given;
  const { inject } = await import('vitest');
  given = { embeddedUrl: inject('embeddedUrl'), templates: inject('templates') };
  return given;
}

async function serverOf(engine: Engine): Promise<string> {
  if (engine === 'embedded') return (await servers()).embeddedUrl;
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return url;
}

const newName = () => `harbour_test_${crypto.randomBytes(6).toString('hex')}`;

/** A fresh, migrated database of its own on `engine` (a copy of the run's template), dropped by close(). */
export async function openTestDb(engine: Engine, options: { max?: number } = {}): Promise<TestDb> {
  const server = await serverOf(engine);
  const template = (await servers()).templates[engine];
  if (!template) throw new Error(`no template database on ${engine}`);
  const name = newName();
  await copyDatabase(server, template, name);
  return withDrop(server, name, engine, options.max);
}

/** A new database with nothing in it, not even the migrations. */
export async function openEmptyDb(engine: Engine): Promise<TestDb> {
  const server = await serverOf(engine);
  const name = newName();
  await onServer(server, `CREATE DATABASE ${name}`);
  return withDrop(server, name, engine);
}

function withDrop(server: string, name: string, engine: Engine, max = 4): TestDb {
  const url = databaseUrl(server, name);
  const db = connect(url, engine, { max, onClose: () => dropDatabase(server, name) });
  return { ...db, url };
}

/**
 * Every row of every table as PostgreSQL prints it (bytea as hex) — what a dump of the database
 * would show someone who took it — for tests that look for plaintext that should not be there.
 */
export async function dumpAsText(db: Db): Promise<string> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(db.kysely);
  const parts: string[] = [];
  for (const { name } of tables.rows) {
    const rows = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(name)} t`.execute(db.kysely);
    parts.push(name, ...rows.rows.map((r) => r.row));
  }
  return parts.join('\n');
}

/** One audit key for every test database, so two Deps over one database verify each other's events. */
export const TEST_AUDIT_KEY = crypto.createHash('sha256').update('harbour test audit key').digest();

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
    ...makeDeps(db, config, keyring, TEST_AUDIT_KEY, () => new Date(current)),
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
