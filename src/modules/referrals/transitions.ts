import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import type { ReferralState, ReferralTable } from '../../db/tables.js';
import { type Deps, unitOfWork } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { AccountActor } from '../../platform/policy.js';
import { createCase, recordReferralWithdrawal } from '../cases/index.js';
import { confidentialAddress, serviceForReferral } from '../directory/index.js';
import { audit, load, type ReferralRow, type Side } from './access.js';
import { openShared, requireKey, sealAddress, sealNote } from './keys.js';
import { acknowledgeBy, tell } from './notices.js';
import { keepOutcome } from './outcomes.js';
import * as repo from './repo.js';
import type { SharedFields, Transition } from './schema.js';

/**
 * The referral's states: draft → sent → accepted or declined → in progress → completed, or closed
 * on the way. The sender sends; the receiver accepts, declines, starts and completes; either closes.
 */
export function nextStates(row: { state: ReferralState }, sides: Side[]): ReferralState[] {
  const receiver = (states: ReferralState[]) => (sides.includes('receiver') ? states : []);
  switch (row.state) {
    case 'draft':
      return sides.includes('sender') ? ['sent', 'closed'] : [];
    case 'sent':
      return [...receiver(['accepted', 'declined']), 'closed'];
    case 'accepted':
      return [...receiver(['in-progress', 'completed']), 'closed'];
    case 'in-progress':
      return [...receiver(['completed']), 'closed'];
    default:
      return [];
  }
}

const safeContactWords = (contact: SharedFields['safeContact']) =>
  [
    `channel: ${contact.channel}`,
    contact.reachAt && `at: ${contact.reachAt}`,
    contact.times && `times: ${contact.times}`,
    `voicemail: ${contact.voicemailOk ? 'yes' : 'no'}`,
    `messages: ${contact.messageOk ? 'yes' : 'no'}`,
    contact.codeWord && `code word: ${contact.codeWord}`,
  ]
    .filter(Boolean)
    .join('; ');

/** The receiving agency's case, holding only what was shared, with the consent it was shared under. */
async function openCaseFrom(
  deps: Deps,
  actor: AccountActor,
  referralId: string,
  shared: SharedFields,
  consent: { givenOn: string; until: string },
) {
  const created = await createCase(deps, actor, {
    person: {
      names: [shared.person.name],
      preferredLanguage: shared.person.preferredLanguage,
      interpreterNeeded: shared.person.interpreterNeeded,
      safeContact: safeContactWords(shared.safeContact),
    },
    situation: { cameThrough: 'referral' },
    pathwayFacts: {},
    safetyPlan: Object.fromEntries(shared.needs.map((heading) => [heading, { goal: shared.needsNote ?? '', actions: [] }])),
    services: [],
    consents: [{ what: 'name, language, needs and safe contact shared by referral', purpose: 'referral', ...consent, referralId }],
    assessments: [],
  });
  return created.id;
}

async function refuse(deps: Deps, actor: AccountActor, row: ReferralRow, to: ReferralState): Promise<never> {
  const possible = nextStates(row, ['sender', 'receiver']);
  await audit(deps, actor, `referral.${to}`, row.id, { from: row.state }, 'refused');
  if (possible.includes(to))
    throw new AppError('forbidden', `only the ${to === 'sent' ? 'sending' : 'receiving'} agency can make a referral ${to}`);
  throw new AppError(
    'conflict',
    `this referral is ${row.state}: it cannot become ${to}${possible.length > 0 ? ` (it can become ${possible.join(' or ')})` : ''}`,
  );
}

/**
 * Compare-and-set: the referral changes only if it is still in the state the caller saw. Of two
 * people answering at once, the second waits for the first's row lock, finds the state moved on
 * and gets 409 naming the state it is in now.
 */
async function changeState(tx: Deps, row: ReferralRow, changes: Updateable<ReferralTable>, to: ReferralState | 'withdrawn') {
  if (await repo.updateIfState(tx.kysely, row.id, row.state, changes)) return;
  const now = await repo.currentState(tx.kysely, row.id);
  throw new AppError(
    'conflict',
    now ? `this referral is ${now} now (someone answered it at the same time): it cannot become ${to}` : 'this referral is gone',
  );
}

/** Moves a referral on, with its timeline event, its de-identified outcome, the audit and the notices: one unit of work. */
export async function moveTo(deps: Deps, actor: AccountActor, id: string, to: Transition) {
  const { row, sides } = await load(deps, actor, id);
  if (!nextStates(row, sides).includes(to.state)) await refuse(deps, actor, row, to.state);
  const key = await requireKey(deps, id, actor.agencyId);
  const { shared, consent } = openShared(key, row);
  const now = deps.now();
  const eventId = randomUUID();
  const changes: Updateable<ReferralTable> = { state: to.state, updatedAt: now };
  let reason: string | null = null;
  let noteSealed: Buffer | null = null;

  if (to.state === 'sent') {
    changes.sentAt = now;
    changes.acknowledgeBy = acknowledgeBy(now, row.urgency, deps.config);
  } else if (to.state === 'accepted') {
    changes.acknowledgedAt = now;
    changes.assigneeAccountId = actor.accountId;
    const service = row.toServiceId ? await serviceForReferral(deps, row.toServiceId).catch(() => undefined) : undefined;
    const address = service?.isConfidential && service.servicePointId ? await confidentialAddress(deps, service.servicePointId) : null;
    if (address) changes.addressSealed = sealAddress(key, id, address);
  } else if (to.state === 'declined') {
    changes.acknowledgedAt = now;
    reason = to.reason;
    if (to.note) noteSealed = sealNote(key, id, eventId, to.note);
  } else if (to.state === 'closed') {
    reason = to.reason;
  }

  const updated = await unitOfWork(deps, async (tx) => {
    await changeState(tx, row, changes, to.state);
    if (to.state === 'accepted' && to.openCase) {
      changes.toCaseId = await openCaseFrom(tx, actor, id, shared, consent);
      await repo.setFields(tx.kysely, id, { toCaseId: changes.toCaseId });
    }
    await repo.insertEvent(tx.kysely, {
      id: eventId,
      referralId: id,
      state: to.state,
      reason,
      noteSealed,
      byAgencyId: actor.agencyId,
      byAccountId: actor.accountId,
      at: now,
    });
    const moved = { ...row, ...changes } as ReferralRow;
    await keepOutcome(tx, moved, key, shared);
    await audit(tx, actor, `referral.${to.state}`, id, reason ? { reason } : {});
    await tell(tx, moved, to.state, actor);
    return moved;
  });
  return { id, state: to.state, toCaseId: updated.toCaseId };
}

/**
 * The person takes back their consent: the receiver's copy of the referral's key is destroyed at
 * once, so nothing the receiver holds can open the shared fields again, and an open referral
 * closes. A case the receiver opened from it learns of the withdrawal, and its coordinator is asked
 * what follows; the case itself is the receiver's, and stays closed to the sender.
 */
export async function withdrawConsent(deps: Deps, actor: AccountActor, id: string) {
  const { row, sides } = await load(deps, actor, id);
  if (!sides.includes('sender')) {
    await audit(deps, actor, 'referral.consent_withdraw', id, { reason: 'not-sender' }, 'refused');
    throw new AppError('forbidden', "only the referring agency records a withdrawal of consent, on the person's word");
  }
  if (row.consentWithdrawnAt) throw new AppError('conflict', 'consent was already withdrawn');
  const key = await requireKey(deps, id, actor.agencyId);
  const now = deps.now();
  // Still open when it could yet be closed: the state machine says which states those are.
  const open = nextStates(row, ['sender', 'receiver']).includes('closed');
  const changes: Updateable<ReferralTable> = { consentWithdrawnAt: now, updatedAt: now, ...(open ? { state: 'closed' as const } : {}) };
  const updated = { ...row, ...changes } as ReferralRow;
  await unitOfWork(deps, async (tx) => {
    await changeState(tx, row, changes, 'withdrawn');
    if (row.toAgencyId !== row.fromAgencyId) await repo.deleteKey(tx.kysely, id, row.toAgencyId);
    await repo.insertEvent(tx.kysely, {
      referralId: id,
      state: open ? 'closed' : row.state,
      reason: 'consent-withdrawn',
      byAgencyId: actor.agencyId,
      byAccountId: actor.accountId,
      at: now,
    });
    await keepOutcome(tx, updated, key, openShared(key, row).shared);
    if (row.toCaseId) await recordReferralWithdrawal(tx, actor, row.toCaseId, id);
    await audit(tx, actor, 'referral.consent_withdraw', id);
    await tell(tx, updated, 'withdrawn', actor);
  });
  return { id, state: updated.state, consentWithdrawn: true as const };
}
