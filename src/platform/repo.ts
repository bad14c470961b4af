import { type Kysely, type Selectable, sql } from 'kysely';
import type { AgencyKeyTable, AuditEventTable, Database } from '../db/tables.js';

/**
 * All of the platform's SQL: the audit chain's rows, the agencies' wrapped data keys and the
 * attempt counters. Each function takes the executor, so a caller's transaction spans it.
 */
type Db = Kysely<Database>;
export type AuditRow = Selectable<AuditEventTable>;
type NewAuditRow = Omit<AuditRow, 'seq' | 'details'> & { details: string };

// Any constant works: it only has to be the same for every writer of the chain.
export const CHAIN_LOCK = 727_001;

export const lockAuditChain = (trx: Db) => sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);

export async function lastAuditHash(trx: Db): Promise<string | undefined> {
  const last = await trx.selectFrom('auditEvent').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return last?.hash;
}

export async function appendAuditRow(trx: Db, row: NewAuditRow): Promise<void> {
  await trx.insertInto('auditEvent').values(row).execute();
}

/** The next page of the chain after `afterSeq`, in order. */
export const auditRowsAfter = (db: Db, afterSeq: number, limit: number) =>
  db.selectFrom('auditEvent').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();

export const firstAuditRow = (db: Db) => db.selectFrom('auditEvent').selectAll().orderBy('seq').limit(1).executeTakeFirst();

/**
 * Chains every row again with `rehash` (given each row and the new MAC of the row before it),
 * the append-only trigger lifted for the length of the caller's transaction only.
 */
export async function rechainAuditRows(trx: Db, rehash: (row: AuditRow, prevHash: string) => string, genesis: string): Promise<AuditRow[]> {
  await sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete`.execute(trx);
  const rows = await trx.selectFrom('auditEvent').selectAll().orderBy('seq').execute();
  let prevHash = genesis;
  for (const row of rows) {
    const hash = rehash(row, prevHash);
    await trx.updateTable('auditEvent').set({ prevHash, hash }).where('seq', '=', row.seq).execute();
    prevHash = hash;
  }
  await sql`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete`.execute(trx);
  return rows;
}

export type AgencyKeyRow = Selectable<AgencyKeyTable>;

/** One agency's data key row: a given version, or its newest when none is given. */
export function agencyKeyRow(db: Db, agencyId: string, version?: number): Promise<AgencyKeyRow | undefined> {
  const query = db.selectFrom('agencyKey').selectAll().where('agencyId', '=', agencyId);
  return (version === undefined ? query.orderBy('version', 'desc').limit(1) : query.where('version', '=', version)).executeTakeFirst();
}

export async function agencyKeyVersions(db: Db, agencyId: string): Promise<{ first: number | null; last: number | null }> {
  const row = await db
    .selectFrom('agencyKey')
    .select((eb) => [eb.fn.min('version').as('first'), eb.fn.max('version').as('last')])
    .where('agencyId', '=', agencyId)
    .executeTakeFirst();
  return { first: row?.first ?? null, last: row?.last ?? null };
}

type WrappedKey = Omit<AgencyKeyRow, 'createdAt'>;

export async function insertAgencyKey(db: Db, row: WrappedKey): Promise<void> {
  await db.insertInto('agencyKey').values(row).execute();
}

export const allAgencyKeys = (db: Db) => db.selectFrom('agencyKey').selectAll().execute();

export async function replaceAgencyKeyWrap(db: Db, row: WrappedKey): Promise<void> {
  const { agencyId, version, ...wrapped } = row;
  await db.updateTable('agencyKey').set(wrapped).where('agencyId', '=', agencyId).where('version', '=', version).execute();
}

export async function allAgencyIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('agency').select('id').execute()).map((agency) => agency.id);
}

export async function attemptCount(db: Db, scope: string, subject: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('attemptCounter')
    .select('count')
    .where('scope', '=', scope)
    .where('subject', '=', subject)
    .where('windowStart', '>', since)
    .executeTakeFirst();
  return row?.count ?? 0;
}

/** One more attempt; a window that started at or before `cutoff` starts again at one. */
export async function addAttempt(db: Db, scope: string, subject: string, now: Date, cutoff: Date): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    INSERT INTO attempt_counter (scope, subject, window_start, count) VALUES (${scope}, ${subject}, ${now}, 1)
    ON CONFLICT (scope, subject) DO UPDATE SET
      count = CASE WHEN attempt_counter.window_start <= ${cutoff} THEN 1 ELSE attempt_counter.count + 1 END,
      window_start = CASE WHEN attempt_counter.window_start <= ${cutoff} THEN ${now} ELSE attempt_counter.window_start END
    RETURNING count`.execute(db);
  return rows[0]?.count ?? 1;
}

export async function clearAttempts(db: Db, scope: string, subject: string): Promise<void> {
  await db.deleteFrom('attemptCounter').where('scope', '=', scope).where('subject', '=', subject).execute();
}

export async function sweepAttempts(db: Db, before: Date): Promise<number> {
  const result = await db.deleteFrom('attemptCounter').where('windowStart', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
