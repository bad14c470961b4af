import crypto from 'node:crypto';
import { CamelCasePlugin, type CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './tables.js';

/** Where the database runs: Harbour's own embedded PostgreSQL, or a server named by DATABASE_URL. */
export type Engine = 'embedded' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  engine: Engine;
  /** Reads whose plan is made once per connection (below). */
  planned: PlannedReads;
  close(): Promise<void>;
}

/**
 * Reads whose best plan does not depend on their values — the directory search always starts
 * from its text-search index — run as named prepared statements on connections of their own
 * that keep one generic plan per statement (plan_cache_mode=force_generic_plan), so a search is
 * planned once per connection instead of every time: planning its long condition cost more than
 * reading the index. Every other statement keeps PostgreSQL's own choice of plan; these
 * connections run nothing else. Outside any transaction, so they see only what is committed.
 */
export interface PlannedReads {
  rows<Row>(query: CompiledQuery): Promise<Row[]>;
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
  const camelCase = new CamelCasePlugin();
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [camelCase] });
  const plannedPool = new pg.Pool({
    connectionString: url,
    max: Math.max(2, Math.ceil((options.max ?? 10) / 2)),
    types: pgTypes(),
    options: '-c plan_cache_mode=force_generic_plan',
  });
  plannedPool.on('error', () => {});
  plannedPool.on('connect', (client) => client.on('error', () => {}));
  const planned: PlannedReads = {
    rows: async <Row>(query: CompiledQuery) => {
      // The name is the text's hash: a connection prepares each text once, and never two under one name.
      const name = `planned_${crypto.createHash('sha256').update(query.sql).digest('hex').slice(0, 24)}`;
      const result = await plannedPool.query({ name, text: query.sql, values: [...query.parameters] });
      const camel = await camelCase.transformResult({ queryId: { queryId: name }, result: { rows: result.rows } });
      return camel.rows as Row[];
    },
  };
  return {
    kysely,
    engine,
    planned,
    close: async () => {
      await Promise.all([kysely.destroy(), plannedPool.end()]);
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
