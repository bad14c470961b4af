import crypto from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AuditEventTable, AuditOutcome, Database } from '../db/tables.js';
import type { AccountActor } from './policy.js';
import { appendAuditRow, auditRowsAfter, lastAuditHash, lockAuditChain } from './repo.js';

/**
 * The audit chain: every row carries a MAC (HMAC-SHA-256 under the audit key, which is never in
 * the database) over its content and the MAC of the row before it, so an edited or deleted row
 * breaks the chain at a point `harbour audit verify` names, and someone with the database alone
 * cannot recompute the chain after an edit. Rows cut off the end leave an intact, shorter chain:
 * checkpoints (count and head MAC, kept outside the database) catch that. Details hold ids and
 * codes only — never a name, a note or anything else personal.
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

function canonical(details: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(details).sort(([a], [b]) => (a < b ? -1 : 1))));
}

/** Every column but the chain's own (seq, prev_hash, hash) goes into an event's hash. */
type HashedFields = Omit<Selectable<AuditEventTable>, 'seq' | 'prevHash' | 'hash'>;

/** Who writes to the chain: a database handle (or a transaction) and the chain's key. */
export interface AuditWriter {
  kysely: Kysely<Database>;
  auditKey: Buffer;
}

/** What of an event its MAC covers, in a fixed order; every column but the chain's own. */
export function auditRowBody(row: HashedFields): string {
  return JSON.stringify([
    row.at.toISOString(),
    row.actorAccountId,
    row.agencyId,
    row.action,
    row.targetType,
    row.targetId,
    row.outcome,
    canonical(row.details),
  ]);
}

export function hashAuditRow(auditKey: Buffer, prevHash: string, row: HashedFields): string {
  return crypto
    .createHmac('sha256', auditKey)
    .update(`${prevHash}\n${auditRowBody(row)}`)
    .digest('hex');
}

/** Appends one event. Pass a transaction to make the event part of the change it records. */
export async function recordAudit(writer: AuditWriter, entry: AuditEntry, now: Date = new Date()): Promise<void> {
  const db = writer.kysely;
  const write = async (trx: Kysely<Database>) => {
    await lockAuditChain(trx);
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
    const prevHash = (await lastAuditHash(trx)) ?? GENESIS_HASH;
    await appendAuditRow(trx, {
      ...fields,
      details: JSON.stringify(fields.details),
      prevHash,
      hash: hashAuditRow(writer.auditKey, prevHash, fields),
    });
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
}

/**
 * The audit of one kind of record (a case, a referral): an account's action on one record of it,
 * in the account's agency, at the writer's clock — `auditOf('case')(deps, actor, 'case.open', id)`.
 */
export const auditOf =
  (targetType: string) =>
  (
    writer: AuditWriter & { now(): Date },
    actor: Pick<AccountActor, 'accountId' | 'agencyId'>,
    action: string,
    targetId: string,
    details: AuditDetails = {},
    outcome: 'ok' | 'refused' = 'ok',
  ) =>
    recordAudit(
      writer,
      { actorAccountId: actor.accountId, agencyId: actor.agencyId, action, targetType, targetId, outcome, details },
      writer.now(),
    );

export type ChainReport = { ok: true; events: number; head: string } | { ok: false; events: number; brokenAt?: number; reason: string };

/** Walks the chain from the start; reports the first row whose link or content does not match. */
export async function verifyAuditChain(writer: AuditWriter): Promise<ChainReport> {
  return walkChain(writer);
}

/** Walks the chain from the start; `mark` asks for the MAC after that many events as well. */
async function walkChain({ kysely: db, auditKey }: AuditWriter, mark?: number): Promise<ChainReport & { marked?: string }> {
  let prevHash = GENESIS_HASH;
  let afterSeq = 0;
  let events = 0;
  let marked: string | undefined = mark === 0 ? GENESIS_HASH : undefined;
  for (;;) {
    const rows = await auditRowsAfter(db, afterSeq, 1000);
    if (rows.length === 0) return { ok: true, events, head: prevHash, ...(marked ? { marked } : {}) };
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return { ok: false, events, brokenAt: row.seq, reason: 'it does not follow the row before it (a row was removed or reordered)' };
      }
      if (hashAuditRow(auditKey, prevHash, row) !== row.hash) {
        return {
          ok: false,
          events,
          brokenAt: row.seq,
          reason: 'its content does not match its MAC (the row was edited, or written without the audit key)',
        };
      }
      prevHash = row.hash;
      afterSeq = row.seq;
      events++;
      if (events === mark) marked = row.hash;
    }
  }
}

/**
 * A checkpoint: how many events the chain held and the MAC of the last one, at a moment. Kept
 * outside the database (a file, an email), it lets `audit verify --checkpoint` tell whether
 * rows were cut off the end or the chain was rewritten since.
 */
export interface Checkpoint {
  format: 'harbour-audit-checkpoint';
  version: 1;
  events: number;
  head: string;
  at: string;
}

export class CheckpointError extends Error {}

export async function makeCheckpoint(writer: AuditWriter, now: Date = new Date()): Promise<Checkpoint> {
  const report = await walkChain(writer);
  if (!report.ok) throw new CheckpointError(`no checkpoint of a broken chain: event ${report.brokenAt}: ${report.reason}`);
  return { format: 'harbour-audit-checkpoint', version: 1, events: report.events, head: report.head, at: now.toISOString() };
}

export function parseCheckpoint(text: string, where: string): Checkpoint {
  let parsed: Partial<Checkpoint>;
  try {
    parsed = JSON.parse(text) as Partial<Checkpoint>;
  } catch {
    throw new CheckpointError(`${where}: not a Harbour audit checkpoint (not JSON)`);
  }
  if (parsed.format !== 'harbour-audit-checkpoint' || parsed.version !== 1)
    throw new CheckpointError(`${where}: not a Harbour audit checkpoint`);
  if (!Number.isInteger(parsed.events) || (parsed.events as number) < 0 || !/^[0-9a-f]{64}$/.test(parsed.head ?? ''))
    throw new CheckpointError(`${where}: events must be a whole number and head 64 hex digits`);
  return parsed as Checkpoint;
}

const cut = (n: number) => (n === 1 ? '1 event was' : `${n} events were`);

/** The chain verified, then held against a checkpoint taken earlier: shorter, or another MAC at its length, is a break. */
export async function verifyAgainstCheckpoint(writer: AuditWriter, checkpoint: Checkpoint): Promise<ChainReport> {
  const report = await walkChain(writer, checkpoint.events);
  if (!report.ok) return report;
  if (report.events < checkpoint.events) {
    return {
      ok: false,
      events: report.events,
      reason: `${cut(checkpoint.events - report.events)} cut off the end since the checkpoint of ${checkpoint.at} (it counted ${checkpoint.events})`,
    };
  }
  if (report.marked !== checkpoint.head) {
    return {
      ok: false,
      events: report.events,
      reason: `the chain was rewritten since the checkpoint of ${checkpoint.at}: event ${checkpoint.events} does not carry the MAC it had`,
    };
  }
  return { ok: true, events: report.events, head: report.head };
}
