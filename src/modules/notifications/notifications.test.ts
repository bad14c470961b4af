import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
import { type Client, makeAccount, makeAgency, signedIn } from '../../../test/support/factories.js';
import { startMailServer } from '../../../test/support/mail.js';
import { buildApp } from '../../server.js';
import { remindDeadlines } from '../cases/service.js';
import { deliverOutbox, pendingEmails } from './service.js';

const DAY = 86_400_000;
const isoIn = (deps: TestDeps, days: number) => new Date(deps.now().getTime() + days * DAY).toISOString().slice(0, 10);
// What the reminders concern; none of it may reach an email (each long enough not to turn up by chance).
const secrets = ['Esperanza', 'Quintero', 'Call the labour board inspector', 'Share my file with the shelter'];

describe.each(engines)('deadline reminders and notices on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;
  let app: FastifyInstance;
  let coordinatorEmail: string;
  let teamWorkerEmail: string;
  let outsiderEmail: string;
  let teamWorkerId: string;
  // The clock moves on by weeks here, past any session: each step signs in afresh.
  const as = async (email: string): Promise<Client> => (await signedIn(app, deps, email)).client;
  let mail: Awaited<ReturnType<typeof startMailServer>>;

  beforeAll(async () => {
    mail = await startMailServer();
    db = await openTestDb(engine);
    deps = testDeps(db, { HARBOUR_REMINDER_DAYS: '14', HARBOUR_SMTP_URL: mail.url, HARBOUR_MFA: 'optional' });
    app = await buildApp(deps, { webDir: '/nonexistent' });
    const agencyId = (await makeAgency(deps)).id;
    coordinatorEmail = (await makeAccount(deps, agencyId, ['coordinator'])).email;
    const team = await makeAccount(deps, agencyId, ['worker']);
    teamWorkerId = team.id;
    teamWorkerEmail = team.email;
    outsiderEmail = (await makeAccount(deps, agencyId, ['worker'])).email;
  });
  afterAll(async () => {
    await db.close();
    await mail.close();
  });

  it('reminds the coordinator and team once, on the reminder day, by a notice and an email that hold nothing personal', async () => {
    const created = await (await as(coordinatorEmail)).post('/api/cases', {
      person: { names: ['Esperanza Quintero'] },
      team: [teamWorkerId],
      safetyPlan: { 'employment-skills': { goal: '', actions: [{ what: 'Call the labour board inspector', due: isoIn(deps, 20) }] } },
      consents: [{ what: 'Share my file with the shelter', purpose: 'housing', givenOn: isoIn(deps, -1), until: isoIn(deps, 60) }],
    });
    expect(created.status).toBe(201);
    const caseId = created.body.id;

    // Twenty days before the action is due: not yet.
    expect((await remindDeadlines(deps)).reminders).toBe(0);
    deps.advance(6 * DAY);
    expect((await remindDeadlines(deps)).reminders).toBe(2);
    expect((await remindDeadlines(deps)).reminders).toBe(0);

    const teamWorker = await as(teamWorkerEmail);
    const outsider = await as(outsiderEmail);
    const notices = await teamWorker.get('/api/notifications');
    expect(notices.body).toEqual([
      expect.objectContaining({ kind: 'plan-action', subjectType: 'case', subjectId: caseId, due: isoIn(deps, 14), readAt: null }),
    ]);
    expect((await outsider.get('/api/notifications')).body).toEqual([]);
    expect((await outsider.post(`/api/notifications/${notices.body[0].id}/read`)).status).toBe(404);
    expect((await teamWorker.post(`/api/notifications/${notices.body[0].id}/read`)).status).toBe(204);
    expect((await teamWorker.get('/api/notifications')).body[0].readAt).not.toBeNull();
    expect((await teamWorker.post('/api/notifications/not-an-id/read')).status).toBe(400);

    // The consent's end is reminded in its turn.
    deps.advance(40 * DAY);
    expect((await remindDeadlines(deps)).reminders).toBe(2);
    expect((await (await as(coordinatorEmail)).get('/api/notifications')).body.map((n: { kind: string }) => n.kind)).toEqual([
      'consent-ends',
      'plan-action',
    ]);

    const waiting = await pendingEmails(deps);
    expect(waiting).toHaveLength(4);
    expect(waiting.map((m) => m.toAddress)).toContain(coordinatorEmail);
    for (const message of waiting) {
      expect(message.body).toContain('/staff/notifications');
      for (const secret of [...secrets, caseId]) expect(`${message.subject}\n${message.body}`).not.toContain(secret);
    }
  });

  it('sends waiting email through the mail server, once', async () => {
    const result = await deliverOutbox(deps);
    expect(result).toEqual({ sent: 4, failed: 0, waiting: 0 });
    expect(mail.received).toHaveLength(4);
    expect(mail.received.flatMap((m) => m.to)).toContain(coordinatorEmail);
    for (const message of mail.received) for (const secret of secrets) expect(message.raw).not.toContain(secret);
    expect(await pendingEmails(deps)).toEqual([]);
    expect((await deliverOutbox(deps)).sent).toBe(0);
  });

  it('keeps a message waiting, with the server’s answer, when the mail server cannot be reached', async () => {
    await (await as(coordinatorEmail)).post('/api/cases', {
      person: { names: ['Another'] },
      safetyPlan: { legal: { goal: '', actions: [{ what: 'See the lawyer', due: isoIn(deps, 3) }] } },
    });
    expect((await remindDeadlines(deps)).reminders).toBe(1);
    const unreachable = { ...deps, config: { ...deps.config, HARBOUR_SMTP_URL: 'smtp://127.0.0.1:1' } };
    expect(await deliverOutbox(unreachable)).toMatchObject({ sent: 0, failed: 1 });
    const [waiting] = await pendingEmails(deps);
    expect(waiting?.attempts).toBe(1);
    expect(waiting?.lastError).toMatch(/ECONNREFUSED|connect/);
  });

  it('refuses the notices to anyone not signed in', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
  });
});
