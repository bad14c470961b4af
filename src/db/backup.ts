import fs from 'node:fs';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import { migrations } from './migrations/index.js';
import type { Database } from './tables.js';

/**
 * A logical backup: gzip'd JSON lines, one header, then each table's rows as PostgreSQL's own
 * `to_jsonb` renders them, so the file reads back into either engine. Sessions are left out
 * (they are worth nothing after a restore), and so is the master key: encrypted fields stay
 * sealed in the file, and a restore needs the same key.
 */
const FORMAT = 'harbour-backup';
// Sessions are worthless after a restore; search_word is rebuilt by its trigger as services return.
const SKIPPED = new Set(['session', 'search_word', 'kysely_migration', 'kysely_migration_lock']);

/**
 * Case keys (and referral keys) travel in a file of their own, so they can be kept for a shorter
 * time than the data: once a case is erased or purged, or a referral's consent withdrawn, its key
 * is in no key file made after, and every data backup that still holds the record (sealed) can no
 * longer be opened with the key files that remain.
 */
export type BackupPart = 'data' | 'case-keys';
const CASE_KEYS = 'case_key';
const REFERRAL_KEYS = 'referral_key';
const KEY_TABLES = new Set([CASE_KEYS, REFERRAL_KEYS]);

interface Header {
  format: typeof FORMAT;
  version: 1;
  part?: BackupPart;
  createdAt: string;
  migrations: string[];
}

export class BackupError extends Error {}

/** Tables in an order where each comes after every table it references. */
async function tablesInOrder(db: Kysely<Database>): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  const refs = await sql<{ child: string; parent: string }>`
    SELECT tc.table_name AS child, ccu.table_name AS parent
    FROM information_schema.table_constraints tc
    JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
    WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`.execute(db);
  const names = tables.rows.map((t) => t.name).filter((name) => !SKIPPED.has(name));
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (ordered.includes(name) || path.has(name)) return;
    path.add(name);
    for (const ref of refs.rows) if (ref.child === name && ref.parent !== name) visit(ref.parent, path);
    ordered.push(name);
  };
  for (const name of names) visit(name, new Set());
  return ordered.filter((name) => names.includes(name));
}

const quote = (name: string) => sql.id(name);

export async function writeBackup(db: Kysely<Database>, file: string, part: BackupPart = 'data'): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const tables = (await tablesInOrder(db)).filter((table) => KEY_TABLES.has(table) === (part === 'case-keys'));
  async function* lines() {
    const header: Header = { format: FORMAT, version: 1, part, createdAt: new Date().toISOString(), migrations: Object.keys(migrations) };
    yield `${JSON.stringify(header)}\n`;
    for (const table of tables) {
      // As text, so the column names stay snake_case (Kysely's CamelCasePlugin rewrites JSON keys).
      const { rows } = await sql<{ row: string }>`SELECT to_jsonb(t)::text AS row FROM ${quote(table)} t ORDER BY 1`.execute(db);
      counts[table] = rows.length;
      yield `${JSON.stringify({ table, rows: rows.length })}\n`;
      for (const { row } of rows) yield `${row}\n`;
    }
    // The last line: a file that lacks it was cut short.
    yield `${JSON.stringify({ end: true, tables: tables.length })}\n`;
  }
  const temporary = `${file}.partial`;
  await pipeline(Readable.from(lines()), zlib.createGzip(), fs.createWriteStream(temporary, { mode: 0o600 }));
  fs.renameSync(temporary, file);
  return counts;
}

async function insertRows(db: Kysely<Database>, table: string, rows: unknown[]) {
  const columns = await sql<{ column: string; isIdentity: string; isGenerated: string }>`
    SELECT column_name AS column, is_identity, is_generated FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY ordinal_position`.execute(db);
  // Generated columns (search documents) are computed again by the database, not restored.
  const stored = sql.join(columns.rows.filter((c) => c.isGenerated === 'NEVER').map((c) => quote(c.column)));
  const identity = columns.rows.filter((c) => c.isIdentity === 'YES');
  const overriding = identity.length > 0 ? sql`OVERRIDING SYSTEM VALUE` : sql``;
  for (let start = 0; start < rows.length; start += 500) {
    const batch = JSON.stringify(rows.slice(start, start + 500));
    await sql`INSERT INTO ${quote(table)} (${stored}) ${overriding}
      SELECT ${stored} FROM jsonb_populate_recordset(NULL::${quote(table)}, ${batch}::jsonb)`.execute(db);
  }
  for (const { column } of identity) {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, ${column}),
      GREATEST((SELECT max(${quote(column)}) FROM ${quote(table)}), 1))`.execute(db);
  }
}

async function readBackup(file: string): Promise<{ header: Header; tables: Map<string, unknown[]> }> {
  if (!fs.existsSync(file)) throw new BackupError(`${file}: no such file`);
  const input = readline.createInterface({
    input: fs.createReadStream(file).pipe(zlib.createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let header: Header | undefined;
  const tables = new Map<string, unknown[]>();
  let current: unknown[] | undefined;
  let remaining = 0;
  let line = 0;
  let ended = false;
  try {
    for await (const text of input) {
      line++;
      const value = JSON.parse(text) as Record<string, unknown>;
      if (!header) {
        if (value.format !== FORMAT) throw new BackupError(`${file}: not a Harbour backup`);
        header = value as unknown as Header;
      } else if (ended) {
        throw new BackupError(`${file}: line ${line}: data after the end of the backup`);
      } else if (remaining === 0 && value.end === true) {
        if (value.tables !== tables.size) throw new BackupError(`${file}: expected ${value.tables} tables, found ${tables.size}`);
        ended = true;
      } else if (remaining === 0) {
        if (typeof value.table !== 'string' || typeof value.rows !== 'number')
          throw new BackupError(`${file}: line ${line}: expected a table header`);
        current = [];
        tables.set(value.table, current);
        remaining = value.rows;
      } else {
        current?.push(value);
        remaining--;
      }
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file}: line ${line}: unreadable (${(error as Error).message.split('\n')[0]})`);
  }
  if (!header) throw new BackupError(`${file}: empty`);
  if (!ended) throw new BackupError(`${file}: cut short, the backup does not reach its end`);
  return { header, tables };
}

async function readPart(file: string, part: BackupPart) {
  const { header, tables } = await readBackup(file);
  const ours = Object.keys(migrations);
  if (JSON.stringify(header.migrations) !== JSON.stringify(ours)) {
    throw new BackupError(
      `${file}: made by a Harbour with migrations up to ${header.migrations.at(-1)}, this one has ${ours.at(-1)}; restore with the same version`,
    );
  }
  // Backups made before case keys had a file of their own hold both parts.
  const holds = header.part ?? 'data';
  if (holds !== part)
    throw new BackupError(`${file}: holds ${holds === 'data' ? 'data' : 'case keys'}, not ${part === 'data' ? 'data' : 'case keys'}`);
  return tables;
}

/**
 * Keeps the cases a key file can open, and the rows that hang from them: a case with no key
 * (erased or purged after the data backup, or no key file at all) cannot be read, so it is left out.
 */
function joinCaseKeys(tables: Map<string, unknown[]>, keys: unknown[] | undefined) {
  const held = (keys ?? (tables.get(CASE_KEYS) as unknown[] | undefined) ?? []) as Array<{ case_id: string }>;
  const cases = (tables.get('case_record') ?? []) as Array<{ id: string }>;
  const openable = new Set(held.map((key) => key.case_id));
  const kept = new Set(cases.filter((c) => openable.has(c.id)).map((c) => c.id));
  tables.set(
    CASE_KEYS,
    held.filter((key) => kept.has(key.case_id)),
  );
  tables.set(
    'case_record',
    cases.filter((c) => kept.has(c.id)),
  );
  for (const [table, rows] of tables) {
    const first = rows[0] as Record<string, unknown> | undefined;
    if (table !== CASE_KEYS && first && 'case_id' in first)
      tables.set(
        table,
        rows.filter((row) => kept.has((row as { case_id: string }).case_id)),
      );
  }
  // A referral outlives a case left out: it only loses its link to it (as when a case is erased).
  if (tables.has('referral'))
    tables.set(
      'referral',
      (tables.get('referral') as Array<Record<string, unknown>>).map((row) => ({
        ...row,
        from_case_id: kept.has(row.from_case_id as string) ? row.from_case_id : null,
        to_case_id: kept.has(row.to_case_id as string) ? row.to_case_id : null,
      })),
    );
  if (tables.has('notification'))
    tables.set(
      'notification',
      (tables.get('notification') as Array<{ subject_type: string; subject_id: string }>).filter(
        (n) => n.subject_type !== 'case' || kept.has(n.subject_id),
      ),
    );
  return cases.length - kept.size;
}

export interface Restored {
  counts: Record<string, number>;
  /** Cases in the data backup with no key to open them: left out. */
  casesLeftOut: number;
}

/**
 * Restores into a migrated, empty database, all or nothing: the data backup and, to open its
 * cases, a case-key file (the newest one is right: it holds the key of every case not erased).
 */
export async function restoreBackup(db: Kysely<Database>, file: string, caseKeysFile?: string): Promise<Restored> {
  const tables = await readPart(file, 'data');
  const keyTables = caseKeysFile ? await readPart(caseKeysFile, 'case-keys') : undefined;
  const casesLeftOut = joinCaseKeys(tables, keyTables?.get(CASE_KEYS));
  // A referral's keys come from the key file too: one withdrawn since is not brought back.
  const referrals = new Set(((tables.get('referral') ?? []) as Array<{ id: string }>).map((r) => r.id));
  const referralKeys = (keyTables?.get(REFERRAL_KEYS) ?? tables.get(REFERRAL_KEYS) ?? []) as Array<{ referral_id: string }>;
  if (referrals.size > 0 || referralKeys.length > 0)
    tables.set(
      REFERRAL_KEYS,
      referralKeys.filter((key) => referrals.has(key.referral_id)),
    );
  const order = await tablesInOrder(db);
  for (const table of tables.keys()) if (!order.includes(table)) throw new BackupError(`${file}: unknown table ${table}`);
  const counts: Record<string, number> = {};
  await db.transaction().execute(async (trx) => {
    for (const table of order) {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${quote(table)}`.execute(trx);
      if ((rows[0]?.n ?? 0) > 0) throw new BackupError(`the database is not empty (table ${table} has rows); restore into a new one`);
    }
    for (const table of order) {
      const rows = tables.get(table) ?? [];
      await insertRows(trx, table, rows);
      counts[table] = rows.length;
    }
  });
  return { counts, casesLeftOut };
}
