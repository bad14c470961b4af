import fs from 'node:fs';
import path from 'node:path';
import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import type { Db } from './connect.js';
import { migrations } from './migrations/index.js';

type MigrationList = Record<string, Migration>;

function migratorFor(kysely: Kysely<unknown>, list: MigrationList) {
  return new Migrator({ db: kysely, provider: { getMigrations: async () => list } });
}

export async function pendingMigrations(db: Db, list: MigrationList = migrations): Promise<string[]> {
  const all = await migratorFor(db.kysely as Kysely<unknown>, list).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}

/**
 * Brings the schema up to date. On PGlite, which is not crash-safe, an existing database is
 * first copied to `snapshots/` so a migration that fails half-way can be undone by hand.
 */
export async function migrate(db: Db, options: { snapshotDir?: string; list?: MigrationList } = {}): Promise<string[]> {
  const list = options.list ?? migrations;
  const pending = await pendingMigrations(db, list);
  if (pending.length === 0) return [];
  const alreadyMigrated = pending.length < Object.keys(list).length;
  if (db.pglite && options.snapshotDir && alreadyMigrated) {
    await snapshotPglite(db, options.snapshotDir, `before-${pending[0]}`);
  }
  const result: MigrationResultSet = await migratorFor(db.kysely as Kysely<unknown>, list).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`migration ${failed} failed: ${reason}`);
  }
  return result.results?.map((r) => r.migrationName) ?? [];
}

export async function snapshotPglite(db: Db, dir: string, label: string): Promise<string> {
  if (!db.pglite) throw new Error('snapshots are for the embedded database only');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `${stamp}-${label}.tar.gz`);
  const blob = await db.pglite.dumpDataDir('gzip');
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()), { mode: 0o600 });
  return file;
}
