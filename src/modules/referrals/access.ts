/**
 * Who may see and act on a referral (its sides, restricted referrals, consent that ran out), and
 * its audit. The keys that open it are in keys.ts; the receiver's copy is destroyed when consent
 * is withdrawn, so from then on there is nothing on the receiver's side that could open it.
 */
import type { Selectable } from 'kysely';
import type { ReferralTable } from '../../db/tables.js';
import { auditOf } from '../../platform/audit.js';
import type { Deps } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type AccountActor, authorize } from '../../platform/policy.js';
import * as repo from './repo.js';

export type ReferralRow = Selectable<ReferralTable>;
export type Side = 'sender' | 'receiver';

export const audit = auditOf('referral');

/** The sides the caller's agency is on: both for a referral to another team of one's own agency. */
export function sidesOf(actor: AccountActor, row: ReferralRow): Side[] {
  const sides: Side[] = [];
  if (row.fromAgencyId === actor.agencyId) sides.push('sender');
  if (row.toAgencyId === actor.agencyId && row.state !== 'draft') sides.push('receiver');
  return sides;
}

/** On a restricted referral, only the worker who made it, the one who accepted it, and agency admins act. */
export function mayActAs(actor: AccountActor, row: ReferralRow, side: Side): boolean {
  if (!row.restricted || actor.roles.includes('agency_admin')) return true;
  if (side === 'sender') return row.fromAccountId === actor.accountId;
  return row.assigneeAccountId === null || row.assigneeAccountId === actor.accountId;
}

export function consentEnded(deps: Deps, row: ReferralRow): string | undefined {
  if (row.consentWithdrawnAt) return 'consent was withdrawn: the receiving agency can no longer read this referral';
  const today = deps.now().toISOString().slice(0, 10);
  if (row.consentUntil && row.consentUntil < today)
    return `consent ended on ${row.consentUntil}: the receiving agency can no longer read it`;
  return undefined;
}

/**
 * A referral the caller may see, and the side they see it from. Another agency's referral is
 * "not found"; a restricted one, or one whose consent has ended (for the receiver), is refused.
 */
export async function load(deps: Deps, actor: AccountActor, id: string): Promise<{ row: ReferralRow; side: Side; sides: Side[] }> {
  const row = await repo.findReferral(deps.kysely, id);
  const sides = row ? sidesOf(actor, row) : [];
  if (!row || sides.length === 0) throw new AppError('not_found', `no referral ${id}`);
  authorize(actor, 'referral.act', actor.agencyId);
  const allowed = sides.filter((s) => mayActAs(actor, row, s) && !(s === 'receiver' && consentEnded(deps, row)));
  const side = allowed[0];
  if (!side) {
    const reason = sides.includes('receiver') && consentEnded(deps, row);
    await audit(deps, actor, 'referral.read', id, { reason: reason ? 'consent-ended' : 'restricted' }, 'refused');
    throw new AppError(
      'forbidden',
      reason || 'restricted referral: only the worker who made it, the one who accepted it, and agency admins may open it',
    );
  }
  return { row, side, sides: allowed };
}
