import crypto from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { AuditEventTable, AuditOutcome, Database } from '../db/tables.js';

/**
 * The audit chain: every row carries the hash of the row before it, so an edited or deleted
 * row breaks the chain at a point `harbour audit verify` names. Details hold ids and codes
 * only — never a name, a note or anything else personal.
 */
export type AuditDetails = Record<string, string | number | boolean | null>;

export interface AuditEntry {
  actorAccountId?: string | null;
  agencyId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  outcome: AuditOutcome;
  details?: AuditDetails;
}

export const GENESIS_HASH = '0'.repeat(64);
// Any constant works: it only has to be the same for every writer of the chain.
const CHAIN_LOCK = 727_001;

function canonical(details: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(details).sort(([a], [b]) => (a < b ? -1 : 1))));
}

/** Every column but the chain's own (seq, prev_hash, hash) goes into an event's hash. */
type HashedFields = Omit<Selectable<AuditEventTable>, 'seq' | 'prevHash' | 'hash'>;

export function hashAuditRow(prevHash: string, row: HashedFields): string {
  const body = JSON.stringify([
    row.at.toISOString(),
    row.actorAccountId,
    row.agencyId,
    row.action,
    row.targetType,
    row.targetId,
    row.outcome,
    canonical(row.details),
  ]);
  return crypto.createHash('sha256').update(`${prevHash}\n${body}`).digest('hex');
}

/** Appends one event. Pass a transaction to make the event part of the change it records. */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry, now: Date = new Date()): Promise<void> {
  const write = async (trx: Kysely<Database>) => {
    await sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
    const last = await trx.selectFrom('auditEvent').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const fields: HashedFields = {
      at: now,
      actorAccountId: entry.actorAccountId ?? null,
      agencyId: entry.agencyId ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      outcome: entry.outcome,
      details: entry.details ?? {},
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    await trx
      .insertInto('auditEvent')
      .values({ ...fields, details: JSON.stringify(fields.details), prevHash, hash: hashAuditRow(prevHash, fields) })
      .execute();
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
}

export type ChainReport = { ok: true; events: number } | { ok: false; events: number; brokenAt: number; reason: string };

/** Walks the chain from the start; reports the first row whose link or content does not match. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let afterSeq = 0;
  let events = 0;
  for (;;) {
    const rows = await db.selectFrom('auditEvent').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(1000).execute();
    if (rows.length === 0) return { ok: true, events };
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return { ok: false, events, brokenAt: row.seq, reason: 'it does not follow the row before it (a row was removed or reordered)' };
      }
      if (hashAuditRow(prevHash, row) !== row.hash) {
        return { ok: false, events, brokenAt: row.seq, reason: 'its content does not match its hash (the row was edited)' };
      }
      prevHash = row.hash;
      afterSeq = row.seq;
      events++;
    }
  }
}
