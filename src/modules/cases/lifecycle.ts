import type { Updateable } from 'kysely';
import type { CaseRecordTable } from '../../db/tables.js';
import { recordAudit } from '../../platform/audit.js';
import { type Deps, unitOfWork } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type AccountActor, authorize } from '../../platform/policy.js';
import { forgetSubject } from '../notifications/index.js';
import { access, audit } from './access.js';
import { caseKey, openFactId } from './keys.js';
import * as repo from './repo.js';
import type { closeReasons } from './schema.js';

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Compare-and-set: the case changes only if it is still in the status the caller saw; else 409 naming the status now. */
async function changeStatus(tx: Deps, id: string, seen: 'open' | 'closed', changes: Updateable<CaseRecordTable>) {
  if (!(await repo.updateIfStatus(tx.kysely, id, seen, changes))) {
    const now = await repo.currentStatus(tx.kysely, id);
    throw new AppError('conflict', now ? `this case is ${now} now: someone changed it at the same time` : 'this case was erased');
  }
}

/** Closing keeps the case readable until the retention period ends, then it is purged. */
export async function closeCase(deps: Deps, actor: AccountActor, id: string, reason: (typeof closeReasons)[number]) {
  authorize(actor, 'case.write', actor.agencyId);
  const { record } = await access(deps, actor, id);
  if (record.status === 'closed') throw new AppError('conflict', `this case is already closed (purged on ${record.purgeOn})`);
  const today = deps.now().toISOString().slice(0, 10);
  const purgeOn = addDays(today, deps.config.HARBOUR_CASE_RETENTION_DAYS);
  await unitOfWork(deps, async (tx) => {
    await changeStatus(tx, id, 'open', { status: 'closed', closedAt: deps.now(), closedReason: reason, purgeOn, updatedAt: deps.now() });
    await audit(tx, actor, 'case.close', id, { reason, purgeOn });
  });
  return { status: 'closed' as const, purgeOn };
}

export async function reopenCase(deps: Deps, actor: AccountActor, id: string) {
  authorize(actor, 'case.write', actor.agencyId);
  const { record } = await access(deps, actor, id);
  if (record.status === 'open') throw new AppError('conflict', 'this case is open already');
  await unitOfWork(deps, async (tx) => {
    await changeStatus(tx, id, 'closed', { status: 'open', closedAt: null, closedReason: null, purgeOn: null, updatedAt: deps.now() });
    await audit(tx, actor, 'case.reopen', id);
  });
  return { status: 'open' as const, purgeOn: null };
}

/**
 * Crypto-shredding: the case's key is destroyed with its record, its notes and documents, and
 * its de-identified fact row (found through the key, the only link to it). Copies of the record
 * in data backups stay sealed under a key no case-key file made from now on holds.
 */
async function destroyCase(tx: Deps, record: { id: string; agencyId: string; factSealed: Uint8Array | null }) {
  const key = await caseKey(tx, record.agencyId, record.id);
  const factId = record.factSealed ? openFactId(key, record.id, record.factSealed) : undefined;
  key.fill(0);
  await forgetSubject(tx, 'case', record.id);
  await repo.destroy(tx.kysely, record.id, factId);
}

/** The person's right to be forgotten: the case's coordinator or an agency admin erases it at once. */
export async function eraseCase(deps: Deps, actor: AccountActor, id: string) {
  authorize(actor, 'case.erase', actor.agencyId);
  const { record } = await access(deps, actor, id);
  if (!actor.roles.includes('agency_admin') && record.coordinatorAccountId !== actor.accountId) {
    await audit(deps, actor, 'case.erase', id, { reason: 'not-coordinator' }, 'refused');
    throw new AppError('forbidden', "only the case's coordinator or an agency admin may erase it");
  }
  await unitOfWork(deps, async (tx) => {
    await destroyCase(tx, record);
    await audit(tx, actor, 'case.erase', id);
  });
  return { erased: true as const };
}

/** Purges every closed case whose retention period has ended; run hourly by the server and by `harbour cases purge`. */
export async function purgeDueCases(deps: Deps): Promise<number> {
  const today = deps.now().toISOString().slice(0, 10);
  const due = await repo.dueForPurge(deps.kysely, today);
  for (const record of due) {
    await unitOfWork(deps, async (tx) => {
      await destroyCase(tx, record);
      await recordAudit(
        tx,
        {
          agencyId: record.agencyId,
          action: 'case.purge',
          targetType: 'case',
          targetId: record.id,
          outcome: 'ok',
          details: { via: 'retention' },
        },
        deps.now(),
      );
    });
  }
  return due.length;
}
