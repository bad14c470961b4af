import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/context.js';
import { openWithKey } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { type Actor, authorize } from '../../platform/policy.js';
import { forgetSubject } from '../notifications/service.js';
import { access, audit, caseKey, factAad } from './access.js';
import type { closeReasons } from './schema.js';

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Closing keeps the case readable until the retention period ends, then it is purged. */
export async function closeCase(deps: Deps, actor: Actor, id: string, reason: (typeof closeReasons)[number]) {
  authorize(actor, 'case.write', actor.agencyId);
  const { record } = await access(deps, actor, id);
  if (record.status === 'closed') throw new AppError('conflict', `this case is already closed (purged on ${record.purgeOn})`);
  const today = deps.now().toISOString().slice(0, 10);
  const purgeOn = addDays(today, deps.config.HARBOUR_CASE_RETENTION_DAYS);
  await deps.kysely
    .updateTable('caseRecord')
    .set({ status: 'closed', closedAt: deps.now(), closedReason: reason, purgeOn, updatedAt: deps.now() })
    .where('id', '=', id)
    .execute();
  await audit(deps, actor, 'case.close', id, { reason, purgeOn });
  return { status: 'closed' as const, purgeOn };
}

export async function reopenCase(deps: Deps, actor: Actor, id: string) {
  authorize(actor, 'case.write', actor.agencyId);
  const { record } = await access(deps, actor, id);
  if (record.status === 'open') throw new AppError('conflict', 'this case is open already');
  await deps.kysely
    .updateTable('caseRecord')
    .set({ status: 'open', closedAt: null, closedReason: null, purgeOn: null, updatedAt: deps.now() })
    .where('id', '=', id)
    .execute();
  await audit(deps, actor, 'case.reopen', id);
  return { status: 'open' as const, purgeOn: null };
}

/**
 * Crypto-shredding: the case's key is destroyed with its record, its notes and documents, and
 * its de-identified fact row (found through the key, the only link to it). Copies of the record
 * in data backups stay sealed under a key no case-key file made from now on holds.
 */
async function destroyCase(deps: Deps, record: { id: string; agencyId: string; factSealed: Uint8Array | null }) {
  const key = await caseKey(deps, record.agencyId, record.id);
  const factId = record.factSealed ? openWithKey(key, record.factSealed, factAad(record.id)) : undefined;
  key.fill(0);
  await forgetSubject(deps, 'case', record.id);
  await deps.kysely.transaction().execute(async (trx) => {
    if (factId) await trx.deleteFrom('caseFact').where('id', '=', factId).execute();
    await trx.deleteFrom('caseKey').where('caseId', '=', record.id).execute();
    await trx.deleteFrom('caseRecord').where('id', '=', record.id).execute();
  });
}

/** The person's right to be forgotten: the case's coordinator or an agency admin erases it at once. */
export async function eraseCase(deps: Deps, actor: Actor, id: string) {
  authorize(actor, 'case.erase', actor.agencyId);
  const { record } = await access(deps, actor, id);
  if (!actor.roles.includes('agency_admin') && record.coordinatorAccountId !== actor.accountId) {
    await audit(deps, actor, 'case.erase', id, { reason: 'not-coordinator' }, 'refused');
    throw new AppError('forbidden', "only the case's coordinator or an agency admin may erase it");
  }
  await destroyCase(deps, record);
  await audit(deps, actor, 'case.erase', id);
  return { erased: true as const };
}

/** Purges every closed case whose retention period has ended; run hourly by the server and by `harbour cases purge`. */
export async function purgeDueCases(deps: Deps): Promise<number> {
  const today = deps.now().toISOString().slice(0, 10);
  const due = await deps.kysely
    .selectFrom('caseRecord')
    .select(['id', 'agencyId', 'factSealed'])
    .where('status', '=', 'closed')
    .where('purgeOn', '<=', today)
    .execute();
  for (const record of due) {
    await destroyCase(deps, record);
    await recordAudit(
      deps.kysely,
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
  }
  return due.length;
}
