/**
 * Who may see and act on a referral, and the keys that open it. Each agency on a referral holds
 * the referral's key sealed with its own data key; the receiver's copy is destroyed when consent
 * is withdrawn, so from then on there is nothing on the receiver's side that could open it.
 */
import type { Selectable } from 'kysely';
import type { ReferralTable } from '../../db/tables.js';
import { type AuditDetails, recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/context.js';
import { openWithKey, sealWithKey } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { type Actor, authorize } from '../../platform/policy.js';
import * as repo from './repo.js';
import type { SharedFields } from './schema.js';

export type ReferralRow = Selectable<ReferralTable>;
export type Side = 'sender' | 'receiver';

export const sharedAad = (id: string) => `harbour:referral:${id}:shared`;
export const outcomeAad = (id: string) => `harbour:referral:${id}:outcome`;
export const addressAad = (id: string) => `harbour:referral:${id}:address`;
export const noteAad = (id: string, eventId: string) => `harbour:referral:${id}:event:${eventId}`;
export const keyRef = (id: string, agencyId: string) => ({ table: 'referral_key', column: 'sealed_key', rowId: `${id}:${agencyId}` });
export const senderRef = (id: string) => ({ table: 'referral', column: 'sender_sealed', rowId: id });

/** The referral's key as this agency holds it; undefined when it holds none (consent withdrawn, or not a party). */
export async function referralKey(deps: Deps, id: string, agencyId: string): Promise<Buffer | undefined> {
  const row = await repo.findSealedKey(deps.kysely, id, agencyId);
  return row ? Buffer.from(await deps.crypto.decrypt(agencyId, keyRef(id, agencyId), row.sealedKey), 'base64') : undefined;
}

/** The key for acting on a referral: an agency whose copy is gone (consent withdrawn) can do nothing with it. */
export async function requireKey(deps: Deps, id: string, agencyId: string): Promise<Buffer> {
  const key = await referralKey(deps, id, agencyId);
  if (!key) throw new AppError('forbidden', 'this agency holds no key to this referral any more');
  return key;
}

export function sealShared(key: Buffer, id: string, shared: SharedFields, consent: { givenOn: string; until: string }): Buffer {
  return sealWithKey(key, JSON.stringify({ shared, consent }), sharedAad(id));
}

export function openShared(key: Buffer, row: { id: string; sharedSealed: Uint8Array }) {
  return JSON.parse(openWithKey(key, row.sharedSealed, sharedAad(row.id))) as {
    shared: SharedFields;
    consent: { givenOn: string; until: string };
  };
}

export const audit = (deps: Deps, actor: Actor, action: string, id: string, details: AuditDetails = {}, outcome: 'ok' | 'refused' = 'ok') =>
  recordAudit(
    deps,
    { actorAccountId: actor.accountId, agencyId: actor.agencyId, action, targetType: 'referral', targetId: id, outcome, details },
    deps.now(),
  );

/** The sides the caller's agency is on: both for a referral to another team of one's own agency. */
export function sidesOf(actor: Actor, row: ReferralRow): Side[] {
  const sides: Side[] = [];
  if (row.fromAgencyId === actor.agencyId) sides.push('sender');
  if (row.toAgencyId === actor.agencyId && row.state !== 'draft') sides.push('receiver');
  return sides;
}

/** On a restricted referral, only the worker who made it, the one who accepted it, and agency admins act. */
export function mayActAs(actor: Actor, row: ReferralRow, side: Side): boolean {
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
export async function load(deps: Deps, actor: Actor, id: string): Promise<{ row: ReferralRow; side: Side; sides: Side[] }> {
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
