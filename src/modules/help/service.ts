import crypto from 'node:crypto';
import type { Challenge, Solution } from 'altcha-lib';
import { auditOf, recordAudit } from '../../platform/audit.js';
import { type Deps, unitOfWork } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type AccountActor, authorize, can } from '../../platform/policy.js';
import { accountsWithRole, staffWithRoles } from '../accounts/index.js';
import { forgetSubject, notify } from '../notifications/index.js';
import { fingerprint, fromBase64, toBase64 } from './envelope.js';
import type { ProofOfWork } from './pow.js';
import type { Inbox } from './repo.js';
import * as repo from './repo.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A request no one accepts in this time goes to the network's fallback inbox. */
export const FALLBACK_AFTER_MS = DAY;
/** Everything about a request is destroyed this long after it closes. */
export const DESTROY_AFTER_MS = 30 * DAY;

const handlingRoles = ['agency_admin', 'coordinator', 'worker'] as const;
const audit = auditOf('help_request');
const keyAudit = auditOf('intake_key');
const iso = (date: Date) => date.toISOString();

/** Limits per client, counted on a keyed hash of its address that is forgotten within the day. */
export const limits = {
  submit: { max: 10, windowMs: HOUR },
  status: { max: 60, windowMs: HOUR },
};

async function withinLimit(deps: Deps, scope: 'help.submit' | 'help.status', client: string) {
  const limit = limits[scope === 'help.submit' ? 'submit' : 'status'];
  const count = await deps.attempts.add(scope, [client], limit.windowMs);
  if (count > limit.max)
    throw new AppError('rate_limited', 'too many tries from here: wait an hour, or call the hotline at 1-833-900-1010');
}

/** The server's keyed hash of the lookup the browser made from the receipt: a copy of the table alone finds nothing. */
const lookupHash = (deps: Deps, lookup: string) =>
  crypto.createHmac('sha256', deps.auditKey).update('harbour:help:lookup').update(lookup).digest('base64url');

// ── The person's side: public, no account, no cookie ─────────────────────────────────────────

/** Agencies that take help requests (they have an intake key), by province if asked, and the network's key. */
export async function intakeDirectory(deps: Deps, province?: string) {
  const keys = await repo.currentIntakeKeys(deps.kysely);
  const network = keys.find((key) => key.agencyId === null);
  return {
    agencies: keys
      .filter((key) => key.agencyId !== null && (!province || key.province === province || key.province === 'CA'))
      .map((key) => ({
        agencyId: key.agencyId as string,
        name: key.agencyName as string,
        province: key.province as string,
        keyId: key.id,
        publicKey: toBase64(key.publicKey),
        fingerprint: key.fingerprint,
      })),
    network: network ? { keyId: network.id, publicKey: toBase64(network.publicKey), fingerprint: network.fingerprint } : null,
  };
}

export interface NewRequest {
  id: string;
  agencyId: string | null;
  lookup: string;
  envelopes: Array<{ intakeKeyId: string; enc: string; ciphertext: string }>;
  proof: { challenge: Challenge; solution: Solution };
}

/**
 * Takes a sealed request: checks the proof of work, the rate limit, and that it was sealed to
 * exactly the keys that must read it (the chosen agency's current key and the network's), then
 * stores the envelopes and the routing facts in one transaction with its audit row.
 */
export async function receiveRequest(deps: Deps, pow: ProofOfWork, client: string, body: NewRequest) {
  await withinLimit(deps, 'help.submit', client);
  const refusal = await pow.refusal(body.proof.challenge, body.proof.solution);
  if (refusal) throw new AppError('bad_request', refusal);

  const keys = await repo.currentIntakeKeys(deps.kysely);
  const network = keys.find((key) => key.agencyId === null);
  const chosen = body.agencyId ? keys.find((key) => key.agencyId === body.agencyId) : undefined;
  if (body.agencyId && !chosen) throw new AppError('bad_request', 'agencyId: this agency does not take help requests');
  if (!body.agencyId && !network) throw new AppError('bad_request', 'agencyId: choose an agency; the network has no inbox of its own yet');
  const needed = [chosen, network].flatMap((key) => (key ? [key.id] : []));
  const given = body.envelopes.map((envelope) => envelope.intakeKeyId);
  const missing = needed.filter((id) => !given.includes(id));
  const extra = given.filter((id, index) => !needed.includes(id) || given.indexOf(id) !== index);
  if (missing.length > 0)
    throw new AppError('bad_request', `envelopes: missing one for key ${missing.join(', ')} (the keys changed: reload the page)`);
  if (extra.length > 0) throw new AppError('bad_request', `envelopes: key ${extra.join(', ')} is not one to seal this request to`);

  const now = deps.now();
  await unitOfWork(deps, async (tx) => {
    if (await repo.requestExists(tx.kysely, body.id)) throw new AppError('conflict', 'id: a request with this id was already sent');
    await repo.insertRequest(
      tx.kysely,
      {
        id: body.id,
        agencyId: body.agencyId,
        lookupHash: lookupHash(tx, body.lookup),
        receivedAt: now,
        routedAt: now,
        fallbackAt: body.agencyId ? null : now,
        fallbackReason: body.agencyId ? null : 'network-chooses',
      },
      body.envelopes.map((envelope) => ({
        requestId: body.id,
        intakeKeyId: envelope.intakeKeyId,
        enc: fromBase64(envelope.enc),
        ciphertext: fromBase64(envelope.ciphertext),
      })),
    );
    await recordAudit(
      tx,
      { action: 'help.request.receive', agencyId: body.agencyId, targetType: 'help_request', targetId: body.id, outcome: 'ok' },
      now,
    );
    await notify(tx, {
      accountIds: await keepersOf(tx, body.agencyId ? { agencyId: body.agencyId } : { network: true }),
      kind: 'help-request',
      subjectType: 'help-request',
      subjectId: body.id,
      dedupeKey: `help:${body.id}:new`,
    });
  });
  return { receivedAt: iso(now) };
}

/** Where a request stands and the agency's sealed replies, for the person who holds its receipt. */
export async function requestStatus(deps: Deps, client: string, lookup: string) {
  await withinLimit(deps, 'help.status', client);
  const request = await repo.requestByLookup(deps.kysely, lookupHash(deps, lookup));
  if (!request) throw new AppError('not_found', 'no request has this receipt: check the digits, or it was closed more than 30 days ago');
  const replies = await repo.replies(deps.kysely, [request.id]);
  return {
    id: request.id,
    state: request.state,
    receivedAt: iso(request.receivedAt),
    agency: request.acceptedName ?? (request.state === 'waiting' ? request.chosenName : null),
    replies: replies.map((reply) => ({ iv: toBase64(reply.iv), ciphertext: toBase64(reply.ciphertext), sentAt: iso(reply.sentAt) })),
  };
}

// ── Staff: their own key, the inbox's intake key and who holds it ────────────────────────────

/** The inbox an account asks for, if it may keep it: its agency's, or (network admins) the network's. */
export function inboxOf(actor: AccountActor, which: 'agency' | 'network'): Inbox {
  if (which === 'network') {
    authorize(actor, 'help.network');
    return { network: true };
  }
  authorize(actor, 'help.handle', actor.agencyId);
  return { agencyId: actor.agencyId };
}

const mayHoldKeys = (actor: AccountActor) => can(actor, 'help.handle', actor.agencyId) || can(actor, 'help.network');

export async function myStaffKey(deps: Deps, actor: AccountActor) {
  if (!mayHoldKeys(actor)) throw new AppError('forbidden', 'not allowed: help requests are for agency staff and network admins');
  const key = await repo.staffKey(deps.kysely, actor.accountId);
  return { key: key ? { publicKey: toBase64(key.publicKey), wrappedPrivate: key.wrappedPrivate, createdAt: iso(key.createdAt) } : null };
}

/** Stores the account's own public key and its passphrase-wrapped private key; a new one ends the old one's shares. */
export async function setStaffKey(deps: Deps, actor: AccountActor, body: { publicKey: string; wrappedPrivate: string }) {
  if (!mayHoldKeys(actor)) throw new AppError('forbidden', 'not allowed: help requests are for agency staff and network admins');
  await unitOfWork(deps, async (tx) => {
    const before = await repo.staffKey(tx.kysely, actor.accountId);
    await repo.putStaffKey(tx.kysely, actor.accountId, fromBase64(body.publicKey), body.wrappedPrivate);
    await recordAudit(
      tx,
      {
        actorAccountId: actor.accountId,
        agencyId: actor.agencyId,
        action: before ? 'help.staff_key.replace' : 'help.staff_key.create',
        targetType: 'account',
        targetId: actor.accountId,
        outcome: 'ok',
        details: { fingerprint: await fingerprint(fromBase64(body.publicKey)) },
      },
      tx.now(),
    );
  });
  return myStaffKey(deps, actor);
}

/** Who may keep an inbox — the agency's case staff, or the network admins — and so is told of its requests and may hold its key. */
export async function keepersOf(deps: Deps, inbox: Inbox): Promise<string[]> {
  const staff =
    'network' in inbox ? await accountsWithRole(deps, 'network_admin') : await staffWithRoles(deps, inbox.agencyId, [...handlingRoles]);
  return staff.map((account) => account.id);
}

/** The inbox's keys, who holds the current one, and which colleagues could be given it. */
export async function inboxKeys(deps: Deps, actor: AccountActor, which: 'agency' | 'network') {
  const inbox = inboxOf(actor, which);
  const keys = await repo.inboxKeys(deps.kysely, inbox, actor.accountId);
  const current = keys.find((key) => key.retiredAt === null);
  const holders = current ? await repo.holders(deps.kysely, current.id) : [];
  const eligible = await repo.colleaguesWithKeys(deps.kysely, await keepersOf(deps, inbox));
  return {
    inbox: which,
    canCreate: which === 'network' ? can(actor, 'help.network') : can(actor, 'help.keys', actor.agencyId),
    keys: keys.map((key) => ({
      id: key.id,
      publicKey: toBase64(key.publicKey),
      fingerprint: key.fingerprint,
      createdAt: iso(key.createdAt),
      retiredAt: key.retiredAt ? iso(key.retiredAt) : null,
      myShare: key.sealedPrivate ? toBase64(key.sealedPrivate) : null,
    })),
    holders: holders.map((holder) => ({ accountId: holder.id, name: holder.displayName, since: iso(holder.createdAt) })),
    canBeGiven: eligible
      .filter((colleague) => !holders.some((holder) => holder.id === colleague.id))
      .map((colleague) => ({ accountId: colleague.id, name: colleague.displayName, publicKey: toBase64(colleague.publicKey) })),
  };
}

/**
 * Records a new intake key made in the creator's browser, with its private half sealed to the
 * creator's own key. Replacing retires the old key: requests sealed to it still open for whoever
 * holds it; new ones are sealed to the new key.
 */
export async function createIntakeKey(
  deps: Deps,
  actor: AccountActor,
  body: { id: string; inbox: 'agency' | 'network'; publicKey: string; share: string; replace: boolean },
) {
  const inbox = inboxOf(actor, body.inbox);
  if (body.inbox === 'agency') authorize(actor, 'help.keys', actor.agencyId);
  const own = await repo.staffKey(deps.kysely, actor.accountId);
  if (!own) throw new AppError('bad_request', 'set up your own key first: the new key is kept sealed to it');
  const publicKey = fromBase64(body.publicKey);
  const print = await fingerprint(publicKey);
  await unitOfWork(deps, async (tx) => {
    const current = await repo.currentIntakeKey(tx.kysely, inbox);
    if (current && !body.replace) throw new AppError('conflict', 'this inbox already has a key: say replace to make a new one');
    if (current) await repo.retireIntakeKey(tx.kysely, current.id, tx.now());
    if (await repo.intakeKey(tx.kysely, body.id)) throw new AppError('conflict', 'id: a key with this id already exists');
    const id = await repo.insertIntakeKey(tx.kysely, {
      id: body.id,
      agencyId: 'network' in inbox ? null : inbox.agencyId,
      publicKey,
      fingerprint: print,
      createdBy: actor.accountId,
    });
    await repo.putShare(tx.kysely, {
      intakeKeyId: id,
      accountId: actor.accountId,
      sealedPrivate: fromBase64(body.share),
      sharedBy: actor.accountId,
    });
    await keyAudit(tx, actor, current ? 'help.intake_key.replace' : 'help.intake_key.create', id, {
      inbox: body.inbox,
      fingerprint: print,
      replaces: current?.id ?? null,
    });
  });
  return inboxKeys(deps, actor, body.inbox);
}

/**
 * Gives a colleague a copy of an inbox's key, sealed in the giver's browser to the colleague's own
 * key. Only someone who holds the key can give it, and only to someone who may keep that inbox;
 * anyone who may keep it can give it to themselves from a printed recovery kit.
 */
export async function shareIntakeKey(
  deps: Deps,
  actor: AccountActor,
  keyId: string,
  which: 'agency' | 'network',
  body: { accountId: string; share: string },
) {
  const inbox = inboxOf(actor, which);
  const keys = await repo.inboxKeys(deps.kysely, inbox, actor.accountId);
  const key = keys.find((k) => k.id === keyId);
  if (!key) throw new AppError('not_found', 'no such key in this inbox');
  // Giving it to oneself is a restore from the printed kit: the sealed copy is useful only if the kit was real.
  const restoring = body.accountId === actor.accountId;
  if (!key.sealedPrivate && !restoring) throw new AppError('forbidden', 'not allowed: only someone who holds this key can give it');
  const eligible = await keepersOf(deps, inbox);
  if (!eligible.includes(body.accountId)) throw new AppError('bad_request', 'accountId: this person may not keep this inbox');
  if (!(await repo.staffKey(deps.kysely, body.accountId)))
    throw new AppError('bad_request', 'accountId: this person has not set up their own key yet');
  await unitOfWork(deps, async (tx) => {
    await repo.putShare(tx.kysely, {
      intakeKeyId: keyId,
      accountId: body.accountId,
      sealedPrivate: fromBase64(body.share),
      sharedBy: actor.accountId,
    });
    await keyAudit(tx, actor, restoring ? 'help.intake_key.restore' : 'help.intake_key.share', keyId, { inbox: which, to: body.accountId });
  });
  return inboxKeys(deps, actor, which);
}

// ── Staff: the inbox ─────────────────────────────────────────────────────────────────────────

/** The inbox's requests with their sealed envelopes; who fetched them, and how many, is audited. */
export async function listInbox(deps: Deps, actor: AccountActor, which: 'agency' | 'network') {
  const inbox = inboxOf(actor, which);
  const rows = await repo.listInbox(deps.kysely, inbox);
  const ids = rows.map((row) => row.id);
  const [envelopes, replies] = await Promise.all([repo.envelopesFor(deps.kysely, inbox, ids), repo.replies(deps.kysely, ids)]);
  await recordAudit(
    deps,
    {
      actorAccountId: actor.accountId,
      agencyId: actor.agencyId,
      action: 'help.inbox.read',
      targetType: 'help_inbox',
      targetId: which,
      outcome: 'ok',
      details: { requests: rows.length },
    },
    deps.now(),
  );
  return rows.map((row) => ({
    id: row.id,
    state: row.state,
    receivedAt: iso(row.receivedAt),
    chosenAgency: row.chosenName,
    fallback: row.fallbackReason,
    fallbackAt: row.fallbackAt ? iso(row.fallbackAt) : null,
    acceptedBy: row.acceptedByName,
    closedAt: row.closedAt ? iso(row.closedAt) : null,
    envelopes: envelopes
      .filter((envelope) => envelope.requestId === row.id)
      .map((envelope) => ({ intakeKeyId: envelope.intakeKeyId, enc: toBase64(envelope.enc), ciphertext: toBase64(envelope.ciphertext) })),
    replies: replies
      .filter((reply) => reply.requestId === row.id)
      .map((reply) => ({
        iv: toBase64(reply.iv),
        ciphertext: toBase64(reply.ciphertext),
        sentAt: iso(reply.sentAt),
        sentBy: reply.sentBy,
      })),
  }));
}

/**
 * Accept (the first inbox to accept keeps it), decline (the chosen agency passes it to the
 * network at once), or close. Each is compare-and-set on the state the inbox saw, with its audit
 * row in the same transaction.
 */
export async function actOnRequest(
  deps: Deps,
  actor: AccountActor,
  id: string,
  which: 'agency' | 'network',
  action: 'accept' | 'decline' | 'close',
) {
  const inbox = inboxOf(actor, which);
  await unitOfWork(deps, async (tx) => {
    const request = await repo.inboxRequest(tx.kysely, inbox, id);
    if (!request) throw new AppError('not_found', 'no such help request in this inbox');
    const now = tx.now();
    let changed: boolean;
    if (action === 'accept') {
      if (request.state !== 'waiting') throw new AppError('conflict', `this request is already ${request.state}`);
      changed = await repo.updateRequest(tx.kysely, id, 'waiting', {
        state: 'accepted',
        acceptedAgencyId: actor.agencyId,
        acceptedInbox: which,
        acceptedBy: actor.accountId,
        acceptedAt: now,
      });
    } else if (action === 'decline') {
      if (which === 'network')
        throw new AppError('bad_request', 'action: the network inbox closes a request it cannot take; it does not decline');
      if (request.state !== 'waiting') throw new AppError('conflict', `this request is already ${request.state}`);
      changed = await repo.updateRequest(tx.kysely, id, 'waiting', {
        declinedAt: now,
        fallbackAt: request.fallbackAt ?? now,
        fallbackReason: request.fallbackReason ?? 'declined',
      });
      if (changed) await tellNetwork(tx, id, 'declined');
    } else {
      if (request.state === 'closed') throw new AppError('conflict', 'this request is already closed');
      if (request.state === 'waiting' && which === 'agency')
        throw new AppError('bad_request', 'action: accept the request before closing it, or decline it so the network can help');
      changed = await repo.updateRequest(tx.kysely, id, request.state, { state: 'closed', closedAt: now });
    }
    if (!changed) throw new AppError('conflict', 'the request changed meanwhile: reload the inbox');
    await audit(tx, actor, `help.request.${action}`, id, { inbox: which });
  });
}

/**
 * The network passes a waiting request on to an agency: a network admin's browser opened it and
 * sealed it again to that agency's current key. The agency then has 24 hours, as if it had been
 * chosen; the network's own envelope stays, so the request can come back.
 */
export async function forwardRequest(
  deps: Deps,
  actor: AccountActor,
  id: string,
  body: { agencyId: string; envelope: { intakeKeyId: string; enc: string; ciphertext: string } },
) {
  const inbox = inboxOf(actor, 'network');
  const target = (await repo.currentIntakeKeys(deps.kysely)).find((key) => key.agencyId === body.agencyId);
  if (!target) throw new AppError('bad_request', 'agencyId: this agency does not take help requests');
  if (target.id !== body.envelope.intakeKeyId)
    throw new AppError('bad_request', "envelope.intakeKeyId: seal it to the agency's current key (the keys changed: reload)");
  await unitOfWork(deps, async (tx) => {
    const request = await repo.inboxRequest(tx.kysely, inbox, id);
    if (!request) throw new AppError('not_found', 'no such help request in this inbox');
    if (request.state !== 'waiting') throw new AppError('conflict', `this request is already ${request.state}`);
    const routed = await repo.routeTo(tx.kysely, id, body.agencyId, tx.now(), {
      requestId: id,
      intakeKeyId: target.id,
      enc: fromBase64(body.envelope.enc),
      ciphertext: fromBase64(body.envelope.ciphertext),
    });
    if (!routed) throw new AppError('conflict', 'the request changed meanwhile: reload the inbox');
    await audit(tx, actor, 'help.request.forward', id, { to: body.agencyId });
    await notify(tx, {
      accountIds: await keepersOf(tx, { agencyId: body.agencyId }),
      kind: 'help-request',
      subjectType: 'help-request',
      subjectId: id,
      dedupeKey: `help:${id}:to:${body.agencyId}:${tx.now().toISOString()}`,
    });
  });
}

export async function reply(
  deps: Deps,
  actor: AccountActor,
  id: string,
  which: 'agency' | 'network',
  body: { iv: string; ciphertext: string },
) {
  const inbox = inboxOf(actor, which);
  await unitOfWork(deps, async (tx) => {
    const request = await repo.inboxRequest(tx.kysely, inbox, id);
    if (!request) throw new AppError('not_found', 'no such help request in this inbox');
    if (request.state !== 'accepted' || request.acceptedInbox !== which)
      throw new AppError('conflict', 'accept the request before replying to it; a closed request takes no reply');
    await repo.insertReply(tx.kysely, {
      requestId: id,
      iv: fromBase64(body.iv),
      ciphertext: fromBase64(body.ciphertext),
      sentBy: actor.accountId,
      sentAt: tx.now(),
    });
    await audit(tx, actor, 'help.request.reply', id, { inbox: which });
  });
}

async function tellNetwork(deps: Deps, requestId: string, why: string) {
  await notify(deps, {
    accountIds: await keepersOf(deps, { network: true }),
    kind: 'help-request-fallback',
    subjectType: 'help-request',
    subjectId: requestId,
    dedupeKey: `help:${requestId}:fallback:${why}`,
  });
}

/**
 * The hourly round: a request nobody accepted within 24 hours goes to the network's inbox and is
 * flagged; one nobody accepted 30 days after that is closed; a closed request is destroyed —
 * envelopes, replies and all — 30 days after it closed.
 */
export async function routeHelpRequests(deps: Deps) {
  const now = deps.now();
  return unitOfWork(deps, async (tx) => {
    const fellBack = await repo.fallBack(tx.kysely, new Date(now.getTime() - FALLBACK_AFTER_MS), now, 'unanswered');
    for (const { id } of fellBack) {
      await recordAudit(
        tx,
        { action: 'help.request.fallback', targetType: 'help_request', targetId: id, outcome: 'ok', details: { reason: 'unanswered' } },
        now,
      );
      await tellNetwork(tx, id, 'unanswered');
    }
    const abandoned = await repo.closeAbandoned(tx.kysely, new Date(now.getTime() - DESTROY_AFTER_MS), now);
    for (const { id } of abandoned)
      await recordAudit(
        tx,
        {
          action: 'help.request.close',
          targetType: 'help_request',
          targetId: id,
          outcome: 'ok',
          details: { reason: 'nobody accepted it' },
        },
        now,
      );
    const destroyed = await repo.destroyClosed(tx.kysely, new Date(now.getTime() - DESTROY_AFTER_MS));
    for (const { id } of destroyed) {
      await forgetSubject(tx, 'help-request', id);
      await recordAudit(tx, { action: 'help.request.destroy', targetType: 'help_request', targetId: id, outcome: 'ok' }, now);
    }
    return { fellBack: fellBack.length, closed: abandoned.length, destroyed: destroyed.length };
  });
}
