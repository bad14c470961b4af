import { randomBytes, randomUUID } from 'node:crypto';
import type { ReferralState } from '../../db/tables.js';
import { type Deps, unitOfWork } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type AccountActor, authorize } from '../../platform/policy.js';
import { agenciesById } from '../accounts/index.js';
import { getCase } from '../cases/index.js';
import { getService, serviceForReferral } from '../directory/index.js';
import { getResource } from '../library/index.js';
import { audit, consentEnded, load, mayActAs, type ReferralRow, type Side } from './access.js';
import {
  openAddress,
  openNote,
  openSenderNote,
  openShared,
  referralKey,
  requireKey,
  sealKeyFor,
  sealSenderNote,
  sealShared,
} from './keys.js';
import * as repo from './repo.js';
import type { DraftChanges, NewReferral, SharedFields } from './schema.js';
import { moveTo, nextStates } from './transitions.js';

export { flagOverdueReferrals, purgeFinishedReferrals } from './notices.js';
export { moveTo, withdrawConsent } from './transitions.js';

/** A reference a referral names must exist, or the request is bad: said with the field's name. */
async function mustExist(field: string, check: () => Promise<unknown>) {
  try {
    await check();
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw new AppError('bad_request', `${field}: ${error.message}`);
    throw error;
  }
}

/** The interpretation service and the library tools a referral sends along must exist. */
async function checkAttachments(deps: Deps, actor: AccountActor, shared: SharedFields) {
  const { interpreterServiceId, tools } = shared;
  if (interpreterServiceId) await mustExist('shared.interpreterServiceId', () => getService(deps, interpreterServiceId));
  for (const tool of tools) await mustExist('shared.tools', () => getResource(deps, actor, tool));
}

async function destination(deps: Deps, input: NewReferral) {
  if (input.toServiceId) {
    const service = await serviceForReferral(deps, input.toServiceId);
    if (!service.agencyId)
      throw new AppError('bad_request', 'toServiceId: this service is not kept by a member agency; contact it directly');
    return { toAgencyId: service.agencyId, toServiceId: service.id };
  }
  const [agency] = await agenciesById(deps, [input.toAgencyId as string]);
  if (!agency) throw new AppError('bad_request', `toAgencyId: no agency ${input.toAgencyId}`);
  return { toAgencyId: agency.id, toServiceId: null };
}

/**
 * Makes a referral (a draft, or sent at once): the minimum that crosses is sealed with a new key
 * of the referral's own, held by both agencies; the sender's note is sealed with the sender's key.
 */
export async function createReferral(deps: Deps, actor: AccountActor, input: NewReferral) {
  authorize(actor, 'referral.act', actor.agencyId);
  const { toAgencyId, toServiceId } = await destination(deps, input);
  if (input.fromCaseId) {
    const fromCaseId = input.fromCaseId;
    await mustExist('fromCaseId', () => getCase(deps, actor, fromCaseId));
  }
  await checkAttachments(deps, actor, input.shared);

  const id = randomUUID();
  const key = randomBytes(32);
  const holders = [...new Set([actor.agencyId, toAgencyId])];
  const sealedKeys = await sealKeyFor(deps, id, holders, key);
  const consent = { givenOn: input.consent.givenOn, until: input.consent.until };
  const senderSealed = await sealSenderNote(deps, actor.agencyId, id, input.senderNote ?? null);
  const sharedSealed = sealShared(key, id, input.shared, consent);
  await unitOfWork(deps, async (tx) => {
    await repo.insertReferral(
      tx.kysely,
      {
        id,
        fromAgencyId: actor.agencyId,
        fromAccountId: actor.accountId,
        toAgencyId,
        toServiceId,
        fromCaseId: input.fromCaseId ?? null,
        state: 'draft',
        urgency: input.urgency,
        restricted: input.restricted,
        consentUntil: input.consent.until,
        sharedSealed,
        senderSealed,
        createdAt: deps.now(),
        updatedAt: deps.now(),
      },
      sealedKeys,
    );
    await repo.insertEvent(tx.kysely, {
      referralId: id,
      state: 'draft',
      byAgencyId: actor.agencyId,
      byAccountId: actor.accountId,
      at: deps.now(),
    });
    await audit(tx, actor, 'referral.create', id, { urgency: input.urgency });
    if (input.send) await moveTo(tx, actor, id, { state: 'sent' });
  });
  return { id, state: (input.send ? 'sent' : 'draft') as ReferralState };
}

const isOverdue = (deps: Deps, row: ReferralRow) =>
  row.state === 'sent' && row.acknowledgeBy !== null && new Date(row.acknowledgeBy).getTime() < deps.now().getTime();
const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

async function summarize(deps: Deps, actor: AccountActor, row: ReferralRow, side: Side, names: Map<string, string>) {
  const readable = side === 'sender' || !consentEnded(deps, row);
  const key = readable ? await referralKey(deps, row.id, actor.agencyId) : undefined;
  return {
    id: row.id,
    side,
    state: row.state,
    urgency: row.urgency,
    restricted: row.restricted,
    name: key ? openShared(key, row).shared.person.name : null,
    from: { agencyId: row.fromAgencyId, agency: names.get(row.fromAgencyId) ?? '', service: null },
    to: {
      agencyId: row.toAgencyId,
      agency: names.get(row.toAgencyId) ?? '',
      service: row.toServiceId ? (names.get(row.toServiceId) ?? null) : null,
    },
    sentAt: iso(row.sentAt),
    acknowledgeBy: iso(row.acknowledgeBy),
    overdue: isOverdue(deps, row),
    consentWithdrawn: row.consentWithdrawnAt !== null,
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** Names of the agencies and directory services referrals point to, each asked for once. */
async function partyNames(deps: Deps, rows: ReferralRow[], agencyIds: string[] = []) {
  const agencies = await agenciesById(deps, [...rows.flatMap((row) => [row.fromAgencyId, row.toAgencyId]), ...agencyIds]);
  const names = new Map(agencies.map((agency) => [agency.id, agency.name]));
  for (const serviceId of new Set(rows.flatMap((row) => (row.toServiceId ? [row.toServiceId] : [])))) {
    const service = await serviceForReferral(deps, serviceId).catch(() => undefined);
    if (service) names.set(serviceId, service.nameEn);
  }
  return names;
}

/** The agency's inbox (referrals to it, drafts excepted) or what it sent; restricted ones of others are left out. */
export async function listReferrals(deps: Deps, actor: AccountActor, box: 'inbox' | 'sent') {
  authorize(actor, 'referral.act', actor.agencyId);
  const side: Side = box === 'inbox' ? 'receiver' : 'sender';
  const rows = (await repo.listBox(deps.kysely, actor.agencyId, box)).filter((row) => mayActAs(actor, row, side));
  const names = await partyNames(deps, rows);
  const result = await Promise.all(rows.map((row) => summarize(deps, actor, row, side, names)));
  await audit(deps, actor, 'referral.list', 'agency', { box, count: result.length });
  return result;
}

/** One referral, from the caller's side: the receiver sees only what was shared. Audited. */
export async function getReferral(deps: Deps, actor: AccountActor, id: string) {
  const { row, side, sides } = await load(deps, actor, id);
  const key = await requireKey(deps, id, actor.agencyId);
  const opened = openShared(key, row);
  const events = await repo.eventsOf(deps.kysely, id);
  const names = await partyNames(
    deps,
    [row],
    events.map((event) => event.byAgencyId),
  );
  const isSender = side === 'sender';
  const senderNote = isSender ? await openSenderNote(deps, row.fromAgencyId, id, row.senderSealed) : null;
  const interpreter = opened.shared.interpreterServiceId
    ? await getService(deps, opened.shared.interpreterServiceId).catch(() => undefined)
    : undefined;
  // A tool removed from the library since is left out rather than failing the whole referral.
  const tools = await Promise.all(opened.shared.tools.map((tool) => getResource(deps, actor, tool).catch(() => undefined)));
  const released = isSender && row.addressSealed && ['accepted', 'in-progress', 'completed'].includes(row.state);
  await audit(deps, actor, 'referral.read', id, { side });
  return {
    ...(await summarize(deps, actor, row, side, names)),
    shared: opened.shared,
    consent: opened.consent,
    senderNote,
    fromCaseId: isSender ? row.fromCaseId : null,
    toCaseId: sides.includes('receiver') ? row.toCaseId : null,
    address: released && row.addressSealed ? openAddress(key, id, row.addressSealed) : null,
    interpreterService: interpreter ? { id: interpreter.id, name: interpreter.name, organization: interpreter.organization.name } : null,
    tools: tools.flatMap((tool) => (tool ? [{ id: tool.id, title: tool.title, link: tool.file?.url ?? tool.link }] : [])),
    timeline: events.map((event) => ({
      state: event.state,
      reason: event.reason,
      note: event.noteSealed ? openNote(key, id, event.id, event.noteSealed) : null,
      agency: names.get(event.byAgencyId) ?? '',
      at: new Date(event.at).toISOString(),
    })),
    next: nextStates(row, sides),
  };
}

/** A draft is the sender's to change until it is sent: the shared fields are sealed again with the referral's key. */
export async function updateDraft(deps: Deps, actor: AccountActor, id: string, changes: DraftChanges) {
  const { row, sides } = await load(deps, actor, id);
  if (!sides.includes('sender')) throw new AppError('forbidden', 'only the referring agency changes a draft');
  if (row.state !== 'draft') throw new AppError('conflict', `this referral is ${row.state}: only a draft can be changed`);
  const key = await requireKey(deps, id, actor.agencyId);
  const current = openShared(key, row);
  const shared = changes.shared ?? current.shared;
  const consent = changes.consent ? { givenOn: changes.consent.givenOn, until: changes.consent.until } : current.consent;
  await checkAttachments(deps, actor, shared);
  const senderSealed =
    changes.senderNote !== undefined ? await sealSenderNote(deps, actor.agencyId, id, changes.senderNote || null) : row.senderSealed;
  const sharedSealed = sealShared(key, id, shared, consent);
  await unitOfWork(deps, async (tx) => {
    const changed = await repo.updateIfState(tx.kysely, id, 'draft', {
      sharedSealed,
      senderSealed,
      consentUntil: consent.until,
      ...(changes.urgency ? { urgency: changes.urgency } : {}),
      ...(changes.restricted !== undefined ? { restricted: changes.restricted } : {}),
      updatedAt: deps.now(),
    });
    if (!changed) throw new AppError('conflict', 'this referral was sent meanwhile: only a draft can be changed');
    await audit(tx, actor, 'referral.update', id, { fields: Object.keys(changes).sort().join(',') });
  });
  return { id, state: row.state };
}
