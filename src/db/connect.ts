import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './tables.js';

/** Where the database runs: Harbour's own embedded PostgreSQL, or a server named by DATABASE_URL. */
export type Engine = 'embedded' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
}

const INT8 = 20;
const DATE = 1082;
const asNumber = (value: string) => Number(value);
const asText = (value: string) => value;

/** int8 as number, date as 'YYYY-MM-DD' (never shifted by the process's time zone). */
function pgTypes() {
  return {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === INT8) return asNumber;
      if (oid === DATE) return asText;
      return pg.types.getTypeParser(oid, format as 'text');
    },
  };
}

export function connect(url: string, engine: Engine, options: { max?: number; onClose?: () => Promise<void> } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types: pgTypes() });
  // A connection's error must not crash the process: an idle one's (the pool's 'error'), or one
  // checked out between two statements of a transaction when the server goes away (the client's
  // own 'error', which has no listener otherwise). The next query on it fails and says so.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  return {
    kysely,
    engine,
    close: async () => {
      await kysely.destroy();
      await options.onClose?.();
    },
  };
}

export function connectServer(url: string, options: { max?: number } = {}): Db {
  return connect(url, 'postgres', options);
}

/** The server's version, as it reports it ("18.4", "15.14 (Debian …)"). */
export async function serverVersion(kysely: Kysely<Database>): Promise<string> {
  return (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(kysely)).rows[0]?.v ?? '';
}
