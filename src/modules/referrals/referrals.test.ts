import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
import { type Client, makeAccount, makeAgency, makeMemberService, signedIn } from '../../../test/support/factories.js';
import { restoreBackup, writeBackup } from '../../db/backup.js';
import { commandLine } from '../../platform/policy.js';
import { buildApp } from '../../server.js';
import { createResource } from '../library/service.js';
import { pendingEmails } from '../notifications/service.js';
import { flagOverdueReferrals, purgeFinishedReferrals } from './service.js';

const today = (deps: TestDeps) => deps.now().toISOString().slice(0, 10);
const inDays = (deps: TestDeps, days: number) => new Date(deps.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);

describe.each(engines)('referrals between agencies on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;
  let app: FastifyInstance;
  let senderAgency: string;
  let receiverAgency: string;
  let serviceId: string;
  let interpreterServiceId: string;
  let toolId: string;
  let sender: Client;
  let senderColleague: Client;
  let receiver: Client;
  let receiverColleague: Client;
  let third: Client;
  let researcher: Client;

  const login = async (agency: string, roles: Parameters<typeof makeAccount>[2]) => {
    const account = await makeAccount(deps, agency, roles);
    return (await signedIn(app, deps, account.email)).client;
  };
  const referral = (overrides: Record<string, unknown> = {}) => ({
    toServiceId: serviceId,
    urgency: 'normal',
    shared: {
      person: { name: 'Marisol', preferredLanguage: 'es', interpreterNeeded: true },
      needs: ['safe-housing', 'legal'],
      needsNote: 'A bed tonight; a lawyer this week',
      safeContact: {
        channel: 'phone',
        reachAt: '514-555-0142',
        times: 'after 6 pm',
        voicemailOk: false,
        messageOk: true,
        codeWord: 'azucena',
      },
    },
    consent: { givenOn: today(deps), until: inDays(deps, 90), agreed: true },
    senderNote: 'Employer Vasquez Farms holds her passport',
    send: true,
    ...overrides,
  });
  const send = async (overrides: Record<string, unknown> = {}, by: Client = sender) => {
    const made = await by.post('/api/referrals', referral(overrides));
    expect(made.status).toBe(201);
    return made.body.id as string;
  };
  // Sessions end after 30 idle minutes: each look after a jump of the clock signs in afresh.
  const at = async (when: string, agency = senderAgency) => {
    deps.setNow(new Date(when));
    return login(agency, ['worker']);
  };
  const move = (by: Client, id: string, body: Record<string, unknown>) => by.post(`/api/referrals/${id}/state`, body);

  beforeAll(async () => {
    db = await openTestDb(engine);
    deps = testDeps(db, { HARBOUR_MFA: 'optional' });
    app = await buildApp(deps, { webDir: '/nonexistent' });
    senderAgency = (await makeAgency(deps, 'Sending Shelter')).id;
    receiverAgency = (await makeAgency(deps, 'Receiving Refuge')).id;
    const shelter = await makeMemberService(deps, receiverAgency, {
      organizationName: 'Receiving Refuge',
      name: 'Emergency shelter',
      point: { name: 'Safe house', city: 'Laval', province: 'QC', isConfidential: true, address: '12 rue Secrète' },
    });
    serviceId = shelter.id;
    interpreterServiceId = (
      await makeMemberService(deps, receiverAgency, {
        organizationId: shelter.organizationId,
        name: 'Interpretation line',
        categories: ['interpretation'],
        languages: ['es'],
      })
    ).id;
    toolId = (
      await createResource(deps, commandLine, {
        titleEn: 'Your rights at work',
        titleFr: 'Vos droits au travail',
        category: 'awareness',
        kind: 'pamphlet',
        languages: ['es'],
        link: 'https://example.org/derechos.pdf',
      })
    ).id;
    sender = await login(senderAgency, ['worker']);
    senderColleague = await login(senderAgency, ['worker']);
    receiver = await login(receiverAgency, ['coordinator']);
    receiverColleague = await login(receiverAgency, ['worker']);
    third = await login((await makeAgency(deps, 'Third Agency')).id, ['coordinator']);
    researcher = await login(senderAgency, ['researcher']);
  });
  afterAll(async () => db.close());

  it('runs the loop: sent, received, accepted with a case, in progress, completed — a timeline both sides see', async () => {
    const id = await send({ shared: { ...referral().shared, interpreterServiceId, tools: [toolId] } });
    const inbox = await receiver.get('/api/referrals?box=inbox');
    expect(inbox.body).toEqual([expect.objectContaining({ id, state: 'sent', name: 'Marisol', side: 'receiver', overdue: false })]);

    const seen = await receiver.get(`/api/referrals/${id}`);
    expect(seen.body.shared.safeContact).toEqual(expect.objectContaining({ codeWord: 'azucena', voicemailOk: false }));
    expect(seen.body.next).toEqual(['accepted', 'declined', 'closed']);
    expect(seen.body.senderNote).toBeNull();
    expect(seen.body.interpreterService).toEqual(expect.objectContaining({ id: interpreterServiceId, organization: 'Receiving Refuge' }));
    expect(seen.body.tools).toEqual([expect.objectContaining({ id: toolId, link: 'https://example.org/derechos.pdf' })]);
    expect(JSON.stringify(seen.body)).not.toContain('Vasquez');

    const accepted = await move(receiver, id, { state: 'accepted', openCase: true });
    expect(accepted.body).toEqual(expect.objectContaining({ state: 'accepted', toCaseId: expect.any(String) }));
    const opened = await receiver.get(`/api/cases/${accepted.body.toCaseId}`);
    expect(opened.body.content.person).toEqual(
      expect.objectContaining({ names: ['Marisol'], preferredLanguage: 'es', safeContact: expect.stringContaining('azucena') }),
    );
    expect(opened.body.content.person.safeContact).toContain('at: 514-555-0142');
    expect(seen.body.shared.safeContact.reachAt).toBe('514-555-0142');
    expect(opened.body.content.situation.cameThrough).toBe('referral');

    const fromSender = await sender.get(`/api/referrals/${id}`);
    expect(fromSender.body.address).toBe('12 rue Secrète');
    expect(fromSender.body.senderNote).toBe('Employer Vasquez Farms holds her passport');
    expect(fromSender.body.toCaseId).toBeNull();
    expect((await receiver.get(`/api/referrals/${id}`)).body.address).toBeNull();

    expect((await move(receiver, id, { state: 'in-progress' })).status).toBe(200);
    expect((await move(receiver, id, { state: 'completed' })).status).toBe(200);
    const timeline = (await sender.get(`/api/referrals/${id}`)).body.timeline.map((event: { state: string }) => event.state);
    expect(timeline).toEqual(['draft', 'sent', 'accepted', 'in-progress', 'completed']);
    expect((await receiver.get(`/api/referrals/${id}`)).body.timeline).toHaveLength(5);
  });

  it('lets the sender change a draft until it is sent, and no one else', async () => {
    const id = await send({ send: false });
    const changed = await sender.request('PATCH', `/api/referrals/${id}`, {
      urgency: 'urgent',
      shared: { ...referral().shared, person: { name: 'Mari', interpreterNeeded: false } },
      senderNote: 'Second meeting went well',
    });
    expect(changed.status).toBe(200);
    const draft = await sender.get(`/api/referrals/${id}`);
    expect(draft.body).toEqual(
      expect.objectContaining({ state: 'draft', urgency: 'urgent', name: 'Mari', senderNote: 'Second meeting went well' }),
    );
    expect((await sender.request('PATCH', `/api/referrals/${id}`, {})).body.error.message).toMatch(/at least one field/);
    expect((await receiver.request('PATCH', `/api/referrals/${id}`, { urgency: 'normal' })).status).toBe(404);
    expect((await third.request('PATCH', `/api/referrals/${id}`, { urgency: 'normal' })).status).toBe(404);
    expect((await move(sender, id, { state: 'sent' })).status).toBe(200);
    const late = await sender.request('PATCH', `/api/referrals/${id}`, { urgency: 'normal' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/this referral is sent: only a draft can be changed/);
  });

  it('refuses bad transitions by naming the state, and the wrong side by naming who may', async () => {
    const id = await send();
    const early = await move(receiver, id, { state: 'completed' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/this referral is sent: it cannot become completed/);
    const wrongSide = await move(sender, id, { state: 'accepted' });
    expect(wrongSide.status).toBe(403);
    expect(wrongSide.body.error.message).toMatch(/only the receiving agency/);
    expect((await move(receiver, id, { state: 'declined', reason: 'no-capacity', note: 'Full until Monday' })).status).toBe(200);
    const again = await move(receiver, id, { state: 'accepted' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/this referral is declined/);
    expect((await move(receiver, id, { state: 'flying' })).status).toBe(400);
    expect((await move(receiver, id, { state: 'declined' })).body.error.message).toMatch(/reason/);
    const declined = (await sender.get(`/api/referrals/${id}`)).body.timeline.at(-1);
    expect(declined).toEqual(expect.objectContaining({ state: 'declined', reason: 'no-capacity', note: 'Full until Monday' }));
  });

  it('refuses bad input with the field named, and keeps nothing of it', async () => {
    const before = await deps.kysely.selectFrom('referral').select(deps.kysely.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ consent: { givenOn: today(deps), until: inDays(deps, 30) } }, /tick it/],
      [{ consent: { givenOn: today(deps), until: '2000-01-01', agreed: true } }, /until/],
      [{ toServiceId: undefined }, /toServiceId or toAgencyId/],
      [{ toServiceId: '00000000-0000-4000-8000-000000000000' }, /toServiceId: no service/],
      [{ shared: { ...referral().shared, needs: [] } }, /at least one need/],
      [{ urgency: 'yesterday' }, /urgency/],
      ...(
        [
          [{ channel: 'phone' }, /safeContact\.reachAt: the number to call, such as 514-555-0142/],
          [{ channel: 'text', reachAt: 'after dinner' }, /safeContact\.reachAt: a phone number/],
          [{ channel: 'text', reachAt: '555-01' }, /safeContact\.reachAt: a phone number/],
          [{ channel: 'email' }, /safeContact\.reachAt: the email address to write to/],
          [{ channel: 'email', reachAt: 'marisol at home' }, /safeContact\.reachAt: an email address/],
          [{ channel: 'in-person', reachAt: '514-555-0142' }, /safeContact\.reachAt: only for a phone call, a text or an email/],
        ] as const
      ).map(([safeContact, message]): [Record<string, unknown>, RegExp] => [
        { shared: { ...referral().shared, safeContact: { voicemailOk: false, messageOk: false, ...safeContact } } },
        message,
      ]),
    ];
    for (const [overrides, message] of cases) {
      const made = await sender.post('/api/referrals', referral(overrides));
      expect(made.status, JSON.stringify(overrides)).toBe(400);
      expect(made.body.error.message).toMatch(message);
    }
    expect((await sender.get('/api/referrals/not-an-id')).status).toBe(400);
    expect((await sender.post('/api/referrals/not-an-id/withdraw-consent', {})).status).toBe(400);
    expect((await sender.get('/api/referrals?box=trash')).body.error.message).toMatch(/box/);
    const after = await deps.kysely.selectFrom('referral').select(deps.kysely.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('shows a third agency nothing, refuses the researcher, and keeps a restricted referral to its worker', async () => {
    const id = await send({ restricted: true });
    expect((await third.get(`/api/referrals/${id}`)).status).toBe(404);
    expect((await move(third, id, { state: 'accepted' })).status).toBe(404);
    expect((await third.get('/api/referrals?box=inbox')).body).toEqual([]);
    expect((await researcher.get('/api/referrals?box=sent')).status).toBe(403);
    expect((await researcher.get(`/api/referrals/${id}`)).status).toBe(403);
    expect((await researcher.post('/api/referrals', referral())).status).toBe(403);

    expect((await senderColleague.get(`/api/referrals/${id}`)).status).toBe(403);
    expect((await move(senderColleague, id, { state: 'closed', reason: 'no-longer-needed' })).status).toBe(403);
    expect((await senderColleague.post(`/api/referrals/${id}/withdraw-consent`, {})).status).toBe(403);
    expect((await senderColleague.get('/api/referrals?box=sent')).body.map((r: { id: string }) => r.id)).not.toContain(id);

    expect((await move(receiver, id, { state: 'accepted' })).status).toBe(200);
    expect((await move(receiverColleague, id, { state: 'in-progress' })).status).toBe(403);
    expect((await move(receiver, id, { state: 'in-progress' })).status).toBe(200);
  });

  it('takes the receiver’s access away at once when consent is withdrawn', async () => {
    const id = await send();
    expect((await move(receiver, id, { state: 'accepted' })).status).toBe(200);
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-referral-'));
    const data = path.join(temp, 'data.gz');
    await writeBackup(deps.kysely, data);
    await writeBackup(deps.kysely, path.join(temp, 'keys-before.gz'), 'case-keys');
    const withdrawn = await sender.post(`/api/referrals/${id}/withdraw-consent`, {});
    expect(withdrawn.body).toEqual(expect.objectContaining({ state: 'closed', consentWithdrawn: true }));
    const refused = await receiver.get(`/api/referrals/${id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/consent was withdrawn/);
    const listed = (await receiver.get('/api/referrals?box=inbox')).body.find((r: { id: string }) => r.id === id);
    expect(listed).toEqual(expect.objectContaining({ name: null, consentWithdrawn: true, state: 'closed' }));
    const keys = await deps.kysely.selectFrom('referralKey').select('agencyId').where('referralId', '=', id).execute();
    expect(keys.map((k) => k.agencyId)).toEqual([senderAgency]);
    expect((await sender.post(`/api/referrals/${id}/withdraw-consent`, {})).status).toBe(409);

    // A data backup from before the withdrawal, restored with today's key file, does not give the receiver its key back.
    await writeBackup(deps.kysely, path.join(temp, 'keys-after.gz'), 'case-keys');
    expect(zlib.gunzipSync(fs.readFileSync(data)).toString()).not.toContain('"table":"referral_key"');
    const restored = await openTestDb(engine);
    await restoreBackup(restored.kysely, data, path.join(temp, 'keys-after.gz'));
    const restoredKeys = await restored.kysely.selectFrom('referralKey').select('agencyId').where('referralId', '=', id).execute();
    expect(restoredKeys.map((k) => k.agencyId)).toEqual([senderAgency]);
    await restored.close();
    fs.rmSync(temp, { recursive: true, force: true });
    expect((await sender.get(`/api/referrals/${id}`)).body.timeline.at(-1)).toEqual(
      expect.objectContaining({ state: 'closed', reason: 'consent-withdrawn' }),
    );
  });

  it('reaches the case opened from the referral: its consent reads withdrawn, its coordinator is told and decides', async () => {
    const id = await send();
    const caseId = (await move(receiver, id, { state: 'accepted', openCase: true })).body.toCaseId as string;
    expect((await sender.post(`/api/referrals/${id}/withdraw-consent`, {})).status).toBe(200);

    const opened = await receiver.get(`/api/cases/${caseId}`);
    expect(opened.body.consentWithdrawal).toEqual(
      expect.objectContaining({ referralId: id, byAgency: 'Sending Shelter', decision: null, decidedBy: null }),
    );
    expect(opened.body.withdrawalUndecided).toBe(true);
    expect(opened.body.content.consents).toEqual([
      expect.objectContaining({ purpose: 'referral', referralId: id, withdrawnOn: today(deps) }),
    ]);
    const listed = (await receiver.get('/api/cases')).body.find((c: { id: string }) => c.id === caseId);
    expect(listed).toEqual(expect.objectContaining({ withdrawalUndecided: true }));
    const notices = (await receiver.get('/api/notifications')).body as Array<{ kind: string; subjectId: string }>;
    expect(notices).toContainEqual(expect.objectContaining({ kind: 'case-consent-withdrawn', subjectId: caseId }));

    // The referring agency recorded the withdrawal but cannot open, nor decide for, the other agency's case.
    expect((await sender.get(`/api/cases/${caseId}`)).status).toBe(404);
    expect((await sender.post(`/api/cases/${caseId}/consent-withdrawal/decision`, { decision: 'erase-shared' })).status).toBe(404);
    expect((await third.post(`/api/cases/${caseId}/consent-withdrawal/decision`, { decision: 'erase-shared' })).status).toBe(404);
    // A colleague who is not its coordinator may read it but not decide.
    expect((await receiverColleague.post(`/api/cases/${caseId}/consent-withdrawal/decision`, { decision: 'erase-shared' })).status).toBe(
      403,
    );
    const bad = await receiver.post(`/api/cases/${caseId}/consent-withdrawal/decision`, { decision: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/decision: one of consents-directly, erase-shared/);
    const noConsent = await receiver.post(`/api/cases/${caseId}/consent-withdrawal/decision`, { decision: 'consents-directly' });
    expect(noConsent.status).toBe(400);
    expect(noConsent.body.error.message).toMatch(/consent/);

    const erased = await receiver.post(`/api/cases/${caseId}/consent-withdrawal/decision`, { decision: 'erase-shared' });
    expect(erased.status).toBe(200);
    expect(erased.body.name).toMatch(/^H-[0-9A-F]{6}$/);
    expect(erased.body.content.person).not.toHaveProperty('safeContact');
    expect(erased.body.content.person).not.toHaveProperty('preferredLanguage');
    expect(JSON.stringify(erased.body)).not.toContain('azucena');
    expect(erased.body.consentWithdrawal).toEqual(expect.objectContaining({ decision: 'erase-shared', decidedBy: expect.any(Object) }));
    expect(erased.body.content.consents[0].withdrawnOn).toBe(today(deps));
    expect(erased.body.withdrawalUndecided).toBe(false);
    expect((await receiver.get('/api/cases?name=Marisol')).body.map((c: { id: string }) => c.id)).not.toContain(caseId);
    const again = await receiver.post(`/api/cases/${caseId}/consent-withdrawal/decision`, { decision: 'erase-shared' });
    expect(again.status).toBe(409);

    const audited = await deps.kysely.selectFrom('auditEvent').select(['action', 'outcome']).where('targetId', '=', caseId).execute();
    expect(audited).toContainEqual({ action: 'case.consent_withdrawn', outcome: 'ok' });
    expect(audited).toContainEqual({ action: 'case.consent_withdrawal.decide', outcome: 'ok' });
    expect(audited).toContainEqual({ action: 'case.consent_withdrawal.decide', outcome: 'refused' });
  });

  it('keeps the name when the person now consents directly, with the new consent recorded beside the withdrawn one', async () => {
    const id = await send();
    const caseId = (await move(receiver, id, { state: 'accepted', openCase: true })).body.toCaseId as string;
    const decide = (body: unknown) => receiver.post(`/api/cases/${caseId}/consent-withdrawal/decision`, body);
    expect((await decide({ decision: 'erase-shared' })).status).toBe(404);
    await sender.post(`/api/referrals/${id}/withdraw-consent`, {});
    const direct = { what: 'name, language and contact, to work with us', purpose: 'casework', givenOn: today(deps) };
    const badDate = await decide({ decision: 'consents-directly', consent: { ...direct, givenOn: '2026-02-30' } });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.message).toMatch(/givenOn: not a real date/);
    const kept = await decide({ decision: 'consents-directly', consent: direct });
    expect(kept.status).toBe(200);
    expect(kept.body.name).toBe('Marisol');
    expect(kept.body.content.consents).toEqual([
      expect.objectContaining({ referralId: id, withdrawnOn: today(deps) }),
      expect.objectContaining(direct),
    ]);
    expect(kept.body.consentWithdrawal.decision).toBe('consents-directly');
  });

  it('keeps a de-identified outcome with no way back, and sends emails with no personal data', async () => {
    const id = await send();
    await move(receiver, id, { state: 'accepted' });
    const outcomes = await deps.kysely.selectFrom('referralOutcome').selectAll().execute();
    expect(outcomes.length).toBeGreaterThan(0);
    const text = JSON.stringify(outcomes);
    // The agencies are named (each reads its own figures); the person and the referral are not.
    for (const secret of ['Marisol', 'azucena', 'Vasquez', id]) expect(text).not.toContain(secret);
    expect(outcomes).toContainEqual(
      expect.objectContaining({ fromProvince: 'ON', toProvince: 'QC', serviceCategories: ['safe-housing'], accepted: true }),
    );
    const emails = await pendingEmails(deps);
    expect(emails.length).toBeGreaterThan(0);
    for (const email of emails)
      for (const secret of ['Marisol', 'azucena', 'Vasquez', 'Laval', 'Secrète'])
        expect(`${email.subject}${email.body}`).not.toContain(secret);
  });
  it('flags unacknowledged referrals to both agencies on time: urgent after 4 hours, normal after 2 business days', async () => {
    const consent = { givenOn: '2026-11-27', until: '2027-02-01', agreed: true };
    const worker = await at('2026-11-27T15:00:00Z'); // a Friday
    const urgent = await send({ urgency: 'urgent', consent }, worker);
    const normal = await send({ consent }, worker);
    const overdue = async (by: Client) =>
      (await by.get('/api/referrals?box=sent')).body
        .filter((r: { id: string; overdue: boolean }) => r.overdue && [urgent, normal].includes(r.id))
        .map((r: { id: string }) => r.id);

    expect(await overdue(await at('2026-11-27T18:55:00Z'))).toEqual([]);
    expect(await overdue(await at('2026-11-27T19:05:00Z'))).toEqual([urgent]);
    expect((await flagOverdueReferrals(deps)).flagged).toBeGreaterThan(0);
    const notices = await deps.kysely
      .selectFrom('notification')
      .select('accountId')
      .where('subjectId', '=', urgent)
      .where('kind', '=', 'referral-overdue')
      .execute();
    expect(notices.length).toBeGreaterThanOrEqual(2);
    expect(await flagOverdueReferrals(deps)).toEqual(expect.objectContaining({ flagged: 0 }));

    // Two business days from Friday 15:00 skip the weekend: Tuesday 15:00.
    expect(await overdue(await at('2026-12-01T14:00:00Z'))).toEqual([urgent]);
    expect((await overdue(await at('2026-12-01T15:30:00Z'))).sort()).toEqual([urgent, normal].sort());
  });

  it('ends the receiver’s access when the consent runs out', async () => {
    const id = await send({ consent: { givenOn: '2026-12-01', until: '2026-12-02', agreed: true } }, await at('2026-12-01T16:00:00Z'));
    const receiverNow = await at('2026-12-03T10:00:00Z', receiverAgency);
    const refused = await receiverNow.get(`/api/referrals/${id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/consent ended on 2026-12-02/);
    expect((await flagOverdueReferrals(deps)).consentsEnded).toBeGreaterThan(0);
    const keys = await deps.kysely.selectFrom('referralKey').select('agencyId').where('referralId', '=', id).execute();
    expect(keys.map((k) => k.agencyId)).toEqual([senderAgency]);
  });

  it('destroys finished referrals after the retention period, keeping their de-identified outcomes', async () => {
    const finished = await deps.kysely
      .selectFrom('referral')
      .select('id')
      .where('state', 'in', ['completed', 'declined', 'closed'])
      .execute();
    const open = await deps.kysely
      .selectFrom('referral')
      .select('id')
      .where('state', 'not in', ['completed', 'declined', 'closed'])
      .execute();
    expect(finished.length).toBeGreaterThan(0);
    const outcomes = (await deps.kysely.selectFrom('referralOutcome').select('id').execute()).length;
    deps.setNow(new Date('2027-06-01T12:00:00Z'));
    expect(await purgeFinishedReferrals(deps)).toBe(0);
    deps.setNow(new Date('2029-01-01T12:00:00Z'));
    expect(await purgeFinishedReferrals(deps)).toBe(finished.length);
    const left = await deps.kysely.selectFrom('referral').select('id').execute();
    expect(left.map((r) => r.id).sort()).toEqual(open.map((r) => r.id).sort());
    const ids = finished.map((r) => r.id);
    expect(await deps.kysely.selectFrom('referralKey').select('referralId').where('referralId', 'in', ids).execute()).toEqual([]);
    expect(await deps.kysely.selectFrom('notification').select('id').where('subjectId', 'in', ids).execute()).toEqual([]);
    expect((await deps.kysely.selectFrom('referralOutcome').select('id').execute()).length).toBe(outcomes);
  });
});
