import crypto from 'node:crypto';
import { type AuditWriter, auditRowBody, GENESIS_HASH, hashAuditRow, recordAudit } from './audit.js';
import { firstAuditRow, lockAuditChain, rechainAuditRows } from './repo.js';

/** The chain as Harbour wrote it before the audit key: plain SHA-256, which anyone can recompute. */
export function legacyHash(prevHash: string, row: Parameters<typeof hashAuditRow>[2]): string {
  return crypto
    .createHash('sha256')
    .update(`${prevHash}\n${auditRowBody(row)}`)
    .digest('hex');
}

/**
 * At start: a chain written before the audit key existed (its first row a plain SHA-256 hash) is
 * checked as it was, then chained again under the key, once, with an event saying so. A chain
 * whose first row matches neither is left alone and reported by `harbour audit verify`.
 */
export async function keyAuditChain(writer: AuditWriter, warn: (line: string) => void): Promise<void> {
  const first = await firstAuditRow(writer.kysely);
  if (!first || hashAuditRow(writer.auditKey, GENESIS_HASH, first) === first.hash) return;
  if (legacyHash(GENESIS_HASH, first) !== first.hash) return;
  const counts = await writer.kysely.transaction().execute(async (trx) => {
    await lockAuditChain(trx);
    let oldPrev = GENESIS_HASH;
    let intact = true;
    const rows = await rechainAuditRows(
      trx,
      (row, newPrev) => {
        if (row.prevHash !== oldPrev || legacyHash(oldPrev, row) !== row.hash) intact = false;
        oldPrev = row.hash;
        return hashAuditRow(writer.auditKey, newPrev, row);
      },
      GENESIS_HASH,
    );
    await recordAudit(
      { kysely: trx, auditKey: writer.auditKey },
      { action: 'system.audit_chain_keyed', outcome: 'ok', details: { events: rows.length, previousChainIntact: intact } },
    );
    return { events: rows.length, intact };
  });
  warn(
    `The audit chain (${counts.events} events) is now keyed with the audit key${counts.intact ? '' : ' — its earlier, unkeyed form was ALREADY BROKEN: look into it'}. ` +
      'Take a checkpoint now (harbour audit checkpoint) and keep it away from the server.',
  );
}
