import type { Config } from '../../config.js';
import { recordAudit } from '../../platform/audit.js';
import { type Deps, unitOfWork } from '../../platform/context.js';
import type { AccountActor } from '../../platform/policy.js';
import { staffWithRoles } from '../accounts/index.js';
import { forgetSubject, notify } from '../notifications/index.js';
import type { ReferralRow } from './access.js';
import * as repo from './repo.js';

const DAY = 86_400_000;

/**
 * When a sent referral must be accepted or declined: urgent ones within hours, the others within
 * business days (Saturdays and Sundays skipped, counted in UTC; public holidays are not known).
 */
export function acknowledgeBy(sentAt: Date, urgency: 'urgent' | 'normal', config: Config): Date {
  if (urgency === 'urgent') return new Date(sentAt.getTime() + config.HARBOUR_REFERRAL_URGENT_HOURS * 3_600_000);
  let due = sentAt.getTime();
  for (let left = config.HARBOUR_REFERRAL_NORMAL_DAYS; left > 0; ) {
    due += DAY;
    const weekday = new Date(due).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(due);
}

async function receivingStaff(deps: Deps, row: ReferralRow): Promise<string[]> {
  if (row.assigneeAccountId) return [row.assigneeAccountId];
  return (await staffWithRoles(deps, row.toAgencyId, ['agency_admin', 'coordinator', 'worker'])).map((account) => account.id);
}

/**
 * Tells the side that has something to do or to know: the receiving agency when a referral
 * arrives, is withdrawn or closed; the referring worker when it is answered; both when it is
 * overdue. A notice names its kind and the referral's id; its email, only that something waits.
 */
export async function tell(deps: Deps, row: ReferralRow, what: string, actor?: AccountActor): Promise<number> {
  const toSender = ['accepted', 'declined', 'in-progress', 'completed', 'closed', 'overdue'].includes(what);
  const toReceiver = ['sent', 'closed', 'withdrawn', 'overdue'].includes(what);
  const accountIds = [...(toSender ? [row.fromAccountId] : []), ...(toReceiver ? await receivingStaff(deps, row) : [])].filter(
    (id) => id !== actor?.accountId,
  );
  if (accountIds.length === 0) return 0;
  return notify(deps, {
    accountIds,
    kind: `referral-${what}`,
    subjectType: 'referral',
    subjectId: row.id,
    due: null,
    dedupeKey: `referral:${row.id}:${what}`,
  });
}

/**
 * Run every minute by the server: flags sent referrals past their acknowledgement time to both
 * agencies (once each), and takes the receiver's key away from referrals whose consent has ended.
 */
export async function flagOverdueReferrals(deps: Deps): Promise<{ flagged: number; consentsEnded: number }> {
  const now = deps.now();
  const overdue = await repo.sentPastDue(deps.kysely, now);
  let flagged = 0;
  for (const row of overdue) flagged += await tell(deps, row, 'overdue');

  const today = now.toISOString().slice(0, 10);
  const ended = await repo.consentRunOut(deps.kysely, today);
  const consentsEnded = await unitOfWork(deps, async (tx) => {
    let count = 0;
    for (const row of ended) {
      count += await repo.deleteKey(tx.kysely, row.id, row.toAgencyId);
    }
    if (count > 0) await recordAudit(tx, { action: 'referral.consent_ended', outcome: 'ok', details: { referrals: count } }, now);
    return count;
  });
  return { flagged, consentsEnded };
}

/**
 * A finished referral (completed, declined or closed) is destroyed once the retention period has
 * passed since its last change: its keys, what was shared, its timeline and its notices. Its
 * de-identified outcome stays for the statistics; nothing leads from it to the person.
 */
export async function purgeFinishedReferrals(deps: Deps): Promise<number> {
  const before = new Date(deps.now().getTime() - deps.config.HARBOUR_REFERRAL_RETENTION_DAYS * DAY);
  const due = await repo.finishedBefore(deps.kysely, before);
  for (const { id } of due) {
    await unitOfWork(deps, async (tx) => {
      await forgetSubject(tx, 'referral', id);
      await repo.deleteReferral(tx.kysely, id);
      await recordAudit(
        tx,
        { action: 'referral.purge', targetType: 'referral', targetId: id, outcome: 'ok', details: { via: 'retention' } },
        deps.now(),
      );
    });
  }
  return due.length;
}
