import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import type { Database } from './tables.js';

export type Engine = 'pglite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  engine: Engine;
  /** The embedded engine, for snapshots; absent on a server. */
  pglite?: PGlite;
  close(): Promise<void>;
}

const INT8 = 20;
const DATE = 1082;
const asNumber = (value: string) => Number(value);
const asText = (value: string) => value;

/** Both engines hand back the same JavaScript types: int8 as number, date as 'YYYY-MM-DD'. */
function pgTypes() {
  return {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === INT8) return asNumber;
      if (oid === DATE) return asText;
      return pg.types.getTypeParser(oid, format as 'text');
    },
  };
}

function kyselyOver(dialect: PostgresDialect | PGliteDialect): Kysely<Database> {
  return new Kysely<Database>({ dialect, plugins: [new CamelCasePlugin()] });
}

export function connectServer(url: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types: pgTypes() });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const kysely = kyselyOver(new PostgresDialect({ pool }));
  return { kysely, engine: 'postgres', close: () => kysely.destroy() };
}

/** Opens the embedded engine; `dataDir` undefined keeps it in memory (tests). */
export async function openPglite(dataDir?: string): Promise<Db> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: { [DATE]: asText },
    // The same contrib extensions a PostgreSQL server ships, for search and distance.
    extensions: { cube, earthdistance, pg_trgm, unaccent },
  });
  const kysely = kyselyOver(new PGliteDialect(pglite));
  return { kysely, engine: 'pglite', pglite, close: () => kysely.destroy() };
}

export function pgliteDir(dataDir: string): string {
  return path.join(dataDir, 'pgdata');
}
