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
 * Brings the schema up to date. PostgreSQL runs each migration in a transaction with its DDL, so a
 * migration that fails leaves the schema as it was.
 */
export async function migrate(db: Db, options: { list?: MigrationList } = {}): Promise<string[]> {
  const list = options.list ?? migrations;
  const pending = await pendingMigrations(db, list);
  if (pending.length === 0) return [];
  const result: MigrationResultSet = await migratorFor(db.kysely as Kysely<unknown>, list).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`migration ${failed} failed: ${reason}`);
  }
  return result.results?.map((r) => r.migrationName) ?? [];
}
