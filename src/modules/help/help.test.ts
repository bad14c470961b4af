import crypto from 'node:crypto';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dumpAsText, engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
import { Client, makeAccount, makeAgency, signedIn } from '../../../test/support/factories.js';
import { buildApp } from '../../server.js';
import {
  BadRecoveryKit,
  fromBase64,
  type HelpMessage,
  isPairOf,
  makeRecoveryKit,
  newKeyPair,
  newReceipt,
  openRecoveryKit,
  openReply,
  openRequest,
  openShare,
  receiptSecrets,
  sealReply,
  sealRequest,
  sealShare,
  toBase64,
  unwrapWithPassphrase,
  wrapWithPassphrase,
} from './envelope.js';
import { routeHelpRequests } from './service.js';

const HOUR = 3_600_000;
const PASSPHRASE = 'a long passphrase only I know';

/** A staff member as their browser would be: signed in, with their own key pair set up. */
interface Staff {
  client: Client;
  id: string;
  privateKey: Uint8Array;
}

const message = (receipt: string, words: string): HelpMessage => ({
  v: 1,
  language: 'es',
  needs: ['safe-housing', 'labour-rights'],
  province: 'ON',
  place: 'Leamington',
  contact: {
    channel: 'text',
    reachAt: '519-555-0142',
    safeTimes: 'después de las 9 de la noche',
    leaveMessage: false,
    codeWord: 'girasol',
  },
  name: 'Marisol Quispe',
  message: words,
  receipt,
});

describe.each(engines)('help requests on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;
  let app: FastifyInstance;
  let agencyA: string;
  let agencyB: string;
  let adminA: Staff;
  let workerA: Staff;
  let workerB: Staff;
  let network: Staff;
  let person: Client;

  const staff = async (agencyId: string, roles: Parameters<typeof makeAccount>[2]): Promise<Staff> => {
    const account = await makeAccount(deps, agencyId, roles);
    const { client } = await signedIn(app, deps, account.email);
    const pair = await newKeyPair();
    const set = await client.request('PUT', '/api/help/my-key', {
      publicKey: toBase64(pair.publicKey),
      wrappedPrivate: await wrapWithPassphrase(pair.privateKey, PASSPHRASE),
    });
    expect(set.status).toBe(200);
    return { client, id: account.id, privateKey: pair.privateKey };
  };

  /** Makes an inbox's key as an admin's browser does: the private half leaves only sealed to the admin's own key. */
  const makeIntakeKey = async (admin: Staff, inbox: 'agency' | 'network') => {
    const pair = await newKeyPair();
    const mine = await admin.client.get(`/api/help/my-key`);
    const id = crypto.randomUUID();
    const made = await admin.client.post('/api/help/keys', {
      id,
      inbox,
      publicKey: toBase64(pair.publicKey),
      share: await sealShare(id, admin.id, mine.body.key.publicKey, pair.privateKey),
    });
    expect(made.status).toBe(201);
    return { pair, keyId: id };
  };

  /** The intake private key a holder's browser opens: its own key unwrapped by the passphrase, then its share. */
  const holderKey = async (holder: Staff, inbox: 'agency' | 'network') => {
    const keys = await holder.client.get(`/api/help/keys?inbox=${inbox}`);
    const current = keys.body.keys.find((key: { retiredAt: string | null }) => key.retiredAt === null);
    const own = await unwrapWithPassphrase((await holder.client.get('/api/help/my-key')).body.key.wrappedPrivate, PASSPHRASE);
    return { keyId: current.id as string, privateKey: await openShare(current.id, holder.id, current.myShare, own) };
  };

  const proof = async () => {
    const challenge = (await person.post('/api/help/challenge')).body;
    const solution = await solveChallenge({ challenge, deriveKey });
    if (!solution) throw new Error('the proof of work was not solved');
    return { challenge, solution };
  };

  /** What the person's browser does: a receipt, the keys from the public list, one envelope each, a proof of work. */
  const send = async (agencyId: string | null, words: string, overrides: Record<string, unknown> = {}) => {
    const receipt = newReceipt();
    const secrets = await receiptSecrets(receipt);
    const intake = (await person.get('/api/help/intake')).body;
    const keys = [
      ...intake.agencies
        .filter((a: { agencyId: string }) => a.agencyId === agencyId)
        .map((a: { keyId: string; publicKey: string }) => ({ id: a.keyId, publicKey: a.publicKey })),
      { id: intake.network.keyId, publicKey: intake.network.publicKey },
    ];
    const id = crypto.randomUUID();
    const response = await person.post('/api/help/requests', {
      id,
      agencyId,
      lookup: secrets.lookup,
      envelopes: await sealRequest(id, message(receipt, words), keys),
      proof: await proof(),
      ...overrides,
    });
    return { id, receipt, secrets, response };
  };

  beforeAll(async () => {
    db = await openTestDb(engine);
    deps = testDeps(db);
    app = await buildApp(deps, { webDir: '/nonexistent' });
    agencyA = (await makeAgency(deps, 'Agency A')).id;
    agencyB = (await makeAgency(deps, 'Agency B')).id;
    const networkAgency = (await makeAgency(deps, 'The network office')).id;
    adminA = await staff(agencyA, ['agency_admin']);
    workerA = await staff(agencyA, ['worker']);
    workerB = await staff(agencyB, ['worker']);
    network = await staff(networkAgency, ['network_admin']);
    await makeIntakeKey(adminA, 'agency');
    await makeIntakeKey(network, 'network');
  });
  afterAll(async () => db.close());
  // Each test sends from an address of its own, so the rate limit of one does not reach the next.
  let addresses = 0;
  beforeEach(() => {
    addresses += 1;
    person = new Client(app, `203.0.113.${addresses}`);
  });
  /** The hourly round as it would run `ms` from now (sessions live on the test's own clock). */
  const later = (ms: number) => ({ ...deps, now: () => new Date(deps.now().getTime() + ms) });

  it('stores only sealed envelopes: a dump of the database holds none of the words, and the person gets no cookie', async () => {
    const sent = await send(agencyA, 'Mi patrón guarda mi pasaporte en la granja de tomates');
    expect(sent.response.status).toBe(201);
    expect(sent.response.headers['set-cookie']).toBeUndefined();
    expect(sent.response.headers['cache-control']).toBe('no-store');
    const dump = await dumpAsText(db);
    for (const words of [
      'pasaporte',
      'granja de tomates',
      'Marisol',
      'Quispe',
      '519-555-0142',
      '5195550142',
      'girasol',
      'Leamington',
      sent.receipt,
      sent.secrets.lookup,
    ])
      expect(dump, words).not.toContain(words);
    // Nor as hex, as bytea columns print.
    expect(dump).not.toContain(Buffer.from('pasaporte').toString('hex'));
    expect(dump).toContain(sent.id);
  });

  it('the chosen agency opens it in its browser, accepts and replies; the person reads the reply with the receipt', async () => {
    const sent = await send(agencyA, 'Necesito salir esta semana');
    expect(sent.response.status).toBe(201);
    const { keyId, privateKey } = await holderKey(adminA, 'agency');
    const inbox = await workerA.client.get('/api/help/inbox?inbox=agency');
    expect(inbox.status).toBe(200);
    const item = inbox.body.find((request: { id: string }) => request.id === sent.id);
    expect(item.state).toBe('waiting');
    expect(item.fallback).toBeNull();
    // Only the inbox's own envelope comes back: the network's stays with the network.
    expect(item.envelopes.map((e: { intakeKeyId: string }) => e.intakeKeyId)).toEqual([keyId]);
    const opened = await openRequest(sent.id, item.envelopes[0], privateKey);
    expect(opened.message).toBe('Necesito salir esta semana');
    expect(opened.contact.codeWord).toBe('girasol');

    // Replying before accepting is refused; accepting is compare-and-set.
    const early = await workerA.client.post(`/api/help/inbox/${sent.id}/replies`, {
      inbox: 'agency',
      ...(await sealReply((await receiptSecrets(opened.receipt)).replyKey, 'x', sent.id)),
    });
    expect(early.status).toBe(409);
    expect((await workerA.client.post(`/api/help/inbox/${sent.id}/action`, { inbox: 'agency', action: 'accept' })).status).toBe(204);
    expect((await workerA.client.post(`/api/help/inbox/${sent.id}/action`, { inbox: 'agency', action: 'accept' })).status).toBe(409);

    const replyKey = (await receiptSecrets(opened.receipt)).replyKey;
    const replied = await workerA.client.post(`/api/help/inbox/${sent.id}/replies`, {
      inbox: 'agency',
      ...(await sealReply(replyKey, 'Le llamamos mañana a las 10. Diremos «girasol».', sent.id)),
    });
    expect(replied.status).toBe(204);

    const status = await person.post('/api/help/status', { lookup: sent.secrets.lookup });
    expect(status.status).toBe(200);
    expect(status.headers['set-cookie']).toBeUndefined();
    expect(status.body.state).toBe('accepted');
    expect(status.body.agency).toBe('Agency A');
    expect(await openReply(sent.secrets.replyKey, status.body.replies[0], sent.id)).toBe('Le llamamos mañana a las 10. Diremos «girasol».');
    expect(await dumpAsText(db)).not.toContain('mañana');

    const actions = await db.kysely.selectFrom('auditEvent').select('action').where('targetId', '=', sent.id).orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['help.request.receive', 'help.request.accept', 'help.request.reply']);
    const reads = await db.kysely
      .selectFrom('auditEvent')
      .select('details')
      .where('action', '=', 'help.inbox.read')
      .where('actorAccountId', '=', workerA.id)
      .execute();
    expect(reads.length).toBeGreaterThanOrEqual(1);
  });

  it('refuses another agency’s staff: not in their inbox, no action on it, no network inbox', async () => {
    const sent = await send(agencyA, 'Solo para la agencia A');
    const theirs = await workerB.client.get('/api/help/inbox?inbox=agency');
    expect(theirs.status).toBe(200);
    expect(theirs.body.map((r: { id: string }) => r.id)).not.toContain(sent.id);
    expect((await workerB.client.post(`/api/help/inbox/${sent.id}/action`, { inbox: 'agency', action: 'accept' })).status).toBe(404);
    expect((await workerB.client.get('/api/help/inbox?inbox=network')).status).toBe(403);
    expect(
      (
        await workerB.client.post(`/api/help/inbox/${sent.id}/replies`, {
          inbox: 'agency',
          iv: toBase64(new Uint8Array(12)),
          ciphertext: toBase64(new Uint8Array(20)),
        })
      ).status,
    ).toBe(404);
    // Nor can anyone without a sign-in read an inbox or the keys.
    expect((await person.get('/api/help/inbox')).status).toBe(401);
    expect((await person.get('/api/help/my-key')).status).toBe(401);
  });

  it('names what is wrong in a bad request, and keeps nothing of it', async () => {
    const before = await db.kysely
      .selectFrom('helpRequest')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const intake = (await person.get('/api/help/intake')).body;
    const onlyAgency = await send(agencyA, 'x', {
      envelopes: await sealRequest(crypto.randomUUID(), message(newReceipt(), 'x'), [
        { id: intake.agencies[0].keyId, publicKey: intake.agencies[0].publicKey },
      ]),
    });
    expect(onlyAgency.response.status).toBe(400);
    expect(onlyAgency.response.body.error.message).toMatch(/envelopes: missing one for key/);
    const notBase64 = await send(agencyA, 'x', {
      envelopes: [{ intakeKeyId: crypto.randomUUID(), enc: 'not base64!', ciphertext: 'AAAA' }],
    });
    expect(notBase64.response.status).toBe(400);
    expect(notBase64.response.body.error.message).toMatch(/envelope key: not base64/);
    const unknown = await send(crypto.randomUUID(), 'x');
    expect(unknown.response.body.error.message).toMatch(/agencyId: this agency does not take help requests/);
    const badLookup = await send(agencyA, 'x', { lookup: 'abc' });
    expect(badLookup.response.body.error.message).toMatch(/lookup/);
    // A proof of work is good once, and must be solved.
    const spent = await proof();
    const first = await send(agencyA, 'x', { proof: spent });
    expect(first.response.status).toBe(201);
    const again = await send(agencyA, 'x', { proof: spent });
    expect(again.response.status).toBe(400);
    expect(again.response.body.error.message).toMatch(/already used/);
    const unsolved = await proof();
    const guessed = `${unsolved.solution.derivedKey.slice(0, -1)}${unsolved.solution.derivedKey.endsWith('0') ? '1' : '0'}`;
    const wrong = await send(agencyA, 'x', { proof: { ...unsolved, solution: { ...unsolved.solution, derivedKey: guessed } } });
    expect(wrong.response.body.error.message).toMatch(/not solved/);
    const after = await db.kysely
      .selectFrom('helpRequest')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
    expect((await person.post('/api/help/status', { lookup: 'f'.repeat(64) })).status).toBe(404);
    expect((await person.post('/api/help/status', { lookup: 'nope' })).body.error.message).toMatch(/lookup/);
  });

  it('sends a request nobody accepts in 24 hours to the network inbox, flagged, and the network takes it', async () => {
    const sent = await send(agencyA, 'Nadie me contesta');
    await routeHelpRequests(later(23 * HOUR));
    const early = await network.client.get('/api/help/inbox?inbox=network');
    expect(early.body.map((r: { id: string }) => r.id)).not.toContain(sent.id);
    expect((await routeHelpRequests(later(25 * HOUR))).fellBack).toBeGreaterThanOrEqual(1);
    const inbox = await network.client.get('/api/help/inbox?inbox=network');
    const item = inbox.body.find((r: { id: string }) => r.id === sent.id);
    expect(item.fallback).toBe('unanswered');
    const { privateKey } = await holderKey(network, 'network');
    expect((await openRequest(sent.id, item.envelopes[0], privateKey)).message).toBe('Nadie me contesta');
    const notice = await db.kysely
      .selectFrom('notification')
      .select('kind')
      .where('subjectId', '=', sent.id)
      .where('accountId', '=', network.id)
      .execute();
    expect(notice.map((n) => n.kind)).toContain('help-request-fallback');
    expect((await network.client.post(`/api/help/inbox/${sent.id}/action`, { inbox: 'network', action: 'accept' })).status).toBe(204);
    // Taken by the network: the agency no longer sees it, and cannot accept it too.
    const agencyInbox = await workerA.client.get('/api/help/inbox?inbox=agency');
    expect(agencyInbox.body.map((r: { id: string }) => r.id)).not.toContain(sent.id);
    expect((await person.post('/api/help/status', { lookup: sent.secrets.lookup })).body.agency).toBe('The network office');
  });

  it('passes a declined request to the network at once; the network may close one it cannot take', async () => {
    const sent = await send(agencyA, 'Estoy en Alberta');
    expect((await workerA.client.post(`/api/help/inbox/${sent.id}/action`, { inbox: 'agency', action: 'decline' })).status).toBe(204);
    const inbox = await network.client.get('/api/help/inbox?inbox=network');
    expect(inbox.body.find((r: { id: string }) => r.id === sent.id).fallback).toBe('declined');
    expect((await network.client.post(`/api/help/inbox/${sent.id}/action`, { inbox: 'network', action: 'decline' })).status).toBe(400);
    expect((await network.client.post(`/api/help/inbox/${sent.id}/action`, { inbox: 'network', action: 'close' })).status).toBe(204);
    expect((await person.post('/api/help/status', { lookup: sent.secrets.lookup })).body.state).toBe('closed');
  });

  it('lets the network pass a request it was asked to place on to an agency, sealed again to that agency, whose 24 hours start then', async () => {
    const sent = await send(null, 'Elijan ustedes por mí');
    expect(sent.response.status).toBe(201);
    const item = (await network.client.get('/api/help/inbox?inbox=network')).body.find((r: { id: string }) => r.id === sent.id);
    expect(item.fallback).toBe('network-chooses');
    const opened = await openRequest(sent.id, item.envelopes[0], (await holderKey(network, 'network')).privateKey);
    const target = (await network.client.get('/api/help/intake')).body.agencies.find((a: { agencyId: string }) => a.agencyId === agencyA);
    const [envelope] = await sealRequest(sent.id, opened, [{ id: target.keyId, publicKey: target.publicKey }]);
    // Only a network admin passes it on, only to the agency's current key, and only once.
    expect((await workerA.client.post(`/api/help/inbox/${sent.id}/forward`, { agencyId: agencyA, envelope })).status).toBe(403);
    const wrongKey = await network.client.post(`/api/help/inbox/${sent.id}/forward`, {
      agencyId: agencyA,
      envelope: { ...envelope, intakeKeyId: crypto.randomUUID() },
    });
    expect(wrongKey.body.error.message).toMatch(/envelope.intakeKeyId/);
    expect((await network.client.post(`/api/help/inbox/${sent.id}/forward`, { agencyId: agencyA, envelope })).status).toBe(204);
    const theirs = (await workerA.client.get('/api/help/inbox?inbox=agency')).body.find((r: { id: string }) => r.id === sent.id);
    expect(theirs.fallback).toBeNull();
    expect((await openRequest(sent.id, theirs.envelopes[0], (await holderKey(adminA, 'agency')).privateKey)).message).toBe(
      'Elijan ustedes por mí',
    );
    expect((await network.client.get('/api/help/inbox?inbox=network')).body.map((r: { id: string }) => r.id)).not.toContain(sent.id);
    expect((await person.post('/api/help/status', { lookup: sent.secrets.lookup })).body.agency).toBe('Agency A');
    // Nobody takes it: a day after it was passed on, it comes back to the network.
    await db.kysely
      .updateTable('helpRequest')
      .set({ receivedAt: new Date(deps.now().getTime() - 48 * HOUR) })
      .where('id', '=', sent.id)
      .execute();
    await routeHelpRequests(later(23 * HOUR));
    expect((await network.client.get('/api/help/inbox?inbox=network')).body.map((r: { id: string }) => r.id)).not.toContain(sent.id);
    await routeHelpRequests(later(25 * HOUR));
    expect((await network.client.get('/api/help/inbox?inbox=network')).body.find((r: { id: string }) => r.id === sent.id).fallback).toBe(
      'unanswered',
    );
  });

  it('destroys a request, its envelopes and its replies 30 days after it closes', async () => {
    const sent = await send(agencyA, 'Borrar después');
    await workerA.client.post(`/api/help/inbox/${sent.id}/action`, { inbox: 'agency', action: 'accept' });
    await workerA.client.post(`/api/help/inbox/${sent.id}/replies`, {
      inbox: 'agency',
      ...(await sealReply(sent.secrets.replyKey, 'ok', sent.id)),
    });
    expect((await workerA.client.post(`/api/help/inbox/${sent.id}/action`, { inbox: 'agency', action: 'close' })).status).toBe(204);
    await routeHelpRequests(later(29 * 24 * HOUR));
    expect((await person.post('/api/help/status', { lookup: sent.secrets.lookup })).status).toBe(200);
    expect((await routeHelpRequests(later(31 * 24 * HOUR))).destroyed).toBeGreaterThanOrEqual(1);
    expect((await person.post('/api/help/status', { lookup: sent.secrets.lookup })).status).toBe(404);
    for (const table of ['helpEnvelope', 'helpReply'] as const)
      expect(await db.kysely.selectFrom(table).select('requestId').where('requestId', '=', sent.id).execute()).toEqual([]);
    expect(await db.kysely.selectFrom('notification').select('id').where('subjectId', '=', sent.id).execute()).toEqual([]);
  });

  it('lets a holder give the key to a colleague, who opens requests with it; never to another agency or by a non-holder', async () => {
    const colleague = await staff(agencyA, ['coordinator']);
    const keys = (await colleague.client.get('/api/help/keys?inbox=agency')).body;
    expect(keys.holders.map((h: { accountId: string }) => h.accountId)).toEqual([adminA.id]);
    expect(keys.canCreate).toBe(false);
    const current = keys.keys[0];
    expect(current.myShare).toBeNull();
    // The colleague cannot give what they do not hold.
    const own = await staff(agencyA, ['worker']);
    expect(
      (
        await colleague.client.post(`/api/help/keys/${current.id}/shares?inbox=agency`, {
          accountId: own.id,
          share: toBase64(new Uint8Array(60)),
        })
      ).status,
    ).toBe(403);
    const admin = await holderKey(adminA, 'agency');
    const target = keys.canBeGiven.find((c: { accountId: string }) => c.accountId === colleague.id);
    const given = await adminA.client.post(`/api/help/keys/${current.id}/shares?inbox=agency`, {
      accountId: colleague.id,
      share: await sealShare(current.id, colleague.id, target.publicKey, admin.privateKey),
    });
    expect(given.status).toBe(200);
    const sent = await send(agencyA, 'Para la coordinadora');
    const item = (await colleague.client.get('/api/help/inbox?inbox=agency')).body.find((r: { id: string }) => r.id === sent.id);
    expect((await openRequest(sent.id, item.envelopes[0], (await holderKey(colleague, 'agency')).privateKey)).message).toBe(
      'Para la coordinadora',
    );
    const refused = await adminA.client.post(`/api/help/keys/${current.id}/shares?inbox=agency`, {
      accountId: workerB.id,
      share: toBase64(new Uint8Array(60)),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/may not keep this inbox/);
    // Making the agency's key is for its admins; the wrapped key opens only with the passphrase.
    expect(
      (
        await colleague.client.post('/api/help/keys', {
          id: crypto.randomUUID(),
          inbox: 'agency',
          publicKey: current.publicKey,
          share: toBase64(new Uint8Array(60)),
        })
      ).status,
    ).toBe(403);
    await expect(unwrapWithPassphrase((await colleague.client.get('/api/help/my-key')).body.key.wrappedPrivate, 'wrong')).rejects.toThrow(
      /passphrase/,
    );
    const audit = await db.kysely.selectFrom('auditEvent').select('action').where('targetId', '=', current.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['help.intake_key.create', 'help.intake_key.share']);
    expect(fromBase64(current.publicKey)).toHaveLength(32);
  });

  it('restores the key from a printed recovery kit, and refuses a kit with a wrong code or a key that is not this inbox’s', async () => {
    const admin = await holderKey(adminA, 'agency');
    const kit = await makeRecoveryKit(admin.privateKey);
    expect(kit.code).toMatch(/^([A-Z2-7]{4} ){4}[A-Z2-7]{4}$/);
    await expect(openRecoveryKit({ ...kit, code: kit.code.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) })).rejects.toThrow(BadRecoveryKit);
    await expect(openRecoveryKit({ ...kit, key: kit.key.slice(0, -5) })).rejects.toThrow(/not a recovery kit/);
    // Typed back in lower case with dashes, it opens.
    const typed = { code: kit.code.toLowerCase().replace(/ /g, '-'), key: kit.key.toLowerCase() };
    const restored = await openRecoveryKit(typed);
    const keys = (await adminA.client.get('/api/help/keys?inbox=agency')).body;
    const current = keys.keys.find((key: { retiredAt: string | null }) => key.retiredAt === null);
    expect(await isPairOf(fromBase64(current.publicKey), restored)).toBe(true);
    expect(await isPairOf(fromBase64(current.publicKey), (await newKeyPair()).privateKey)).toBe(false);

    // A colleague who lost everything: a new own key, then the kit; the server takes their copy for themselves only.
    const newcomer = await staff(agencyA, ['worker']);
    const mine = (await newcomer.client.get('/api/help/my-key')).body.key;
    const restoredShare = await newcomer.client.post(`/api/help/keys/${current.id}/shares?inbox=agency`, {
      accountId: newcomer.id,
      share: await sealShare(current.id, newcomer.id, mine.publicKey, restored),
    });
    expect(restoredShare.status).toBe(200);
    const sent = await send(agencyA, 'Después de la recuperación');
    const item = (await newcomer.client.get('/api/help/inbox?inbox=agency')).body.find((r: { id: string }) => r.id === sent.id);
    expect((await openRequest(sent.id, item.envelopes[0], (await holderKey(newcomer, 'agency')).privateKey)).message).toBe(
      'Después de la recuperación',
    );
    const audit = await db.kysely
      .selectFrom('auditEvent')
      .select(['action', 'actorAccountId'])
      .where('targetId', '=', current.id)
      .where('action', '=', 'help.intake_key.restore')
      .execute();
    expect(audit).toEqual([{ action: 'help.intake_key.restore', actorAccountId: newcomer.id }]);
    // Giving to someone else is not a restore: it needs a holder.
    const stranger = await staff(agencyA, ['worker']);
    const refused = await stranger.client.post(`/api/help/keys/${current.id}/shares?inbox=agency`, {
      accountId: newcomer.id,
      share: toBase64(new Uint8Array(60)),
    });
    expect(refused.status).toBe(403);
  });

  it('limits sends from one address, counted on a keyed hash of it', async () => {
    const crowd = new Client(app, '198.51.100.9');
    const from = person;
    person = crowd;
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await send(agencyA, `n${i}`)).response.status);
      expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
      expect(statuses[10]).toBe(429);
    } finally {
      person = from;
    }
    expect(await dumpAsText(db)).not.toContain('198.51.100.9');
  });

  it('serves the form in the person’s language, with no cookie and nothing cached; /leave clears the site', async () => {
    const redirect = await app.inject({ method: 'GET', url: '/help', headers: { 'accept-language': 'es-MX,es;q=0.9' } });
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe('/help/es');
    const arabic = await app.inject({ method: 'GET', url: '/help/ar' });
    expect(arabic.statusCode).toBe(200);
    expect(arabic.headers['set-cookie']).toBeUndefined();
    expect(arabic.headers['cache-control']).toBe('no-store');
    expect(arabic.body).toContain('<html lang="ar" dir="rtl">');
    expect(arabic.body).toContain('class="draft"');
    expect(arabic.body).toContain('<fieldset id="help-fields" class="plain" disabled>');
    expect(arabic.body).toContain('1-833-900-1010');
    expect((await app.inject({ method: 'GET', url: '/help/en' })).body).not.toContain('class="draft" role="note"');
    // Its translation is reviewed like a rights page: once a native speaker's check is recorded, it says so.
    const review = await network.client.post('/api/rights/reviews', {
      language: 'ar',
      topic: 'help-form',
      reviewer: 'Layla H.',
      reviewedOn: '2026-11-20',
    });
    expect(review.status).toBe(201);
    expect(review.body.title).toBe('اطلب المساعدة بأمان');
    const reviewed = await app.inject({ method: 'GET', url: '/help/ar' });
    expect(reviewed.body).not.toContain('class="draft" role="note"');
    expect(reviewed.body).toContain('Layla H.');
    const states = await network.client.get('/api/rights/reviews');
    expect(states.body.filter((s: { topic: string }) => s.topic === 'help-form')).toHaveLength(12);
    const unknown = await app.inject({ method: 'GET', url: '/help/xx', headers: { 'accept-language': 'fr' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('<html lang="fr"');
    const leave = await app.inject({ method: 'GET', url: '/leave' });
    expect(leave.statusCode).toBe(200);
    expect(leave.body).toContain('<meta http-equiv="refresh" content="0; url=https://weather.gc.ca/">');
    expect(leave.headers['clear-site-data']).toBe('"cache", "cookies", "storage"');
  });
});
