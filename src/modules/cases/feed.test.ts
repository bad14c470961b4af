import type { FastifyInstance } from 'fastify';
import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
import { type Client, makeAccount, makeAgency, signedIn } from '../../../test/support/factories.js';
import { commandLine } from '../../platform/policy.js';
import { buildApp } from '../../server.js';
import { disableAccount } from '../accounts/index.js';

const events = (text: string) =>
  Object.values(ical.sync.parseICS(text)).filter((item): item is VEvent => item !== undefined && item.type === 'VEVENT');
/** node-ical gives a property with parameters (URL;VALUE=URI) as { params, val }. */
const plain = (property: unknown) => (typeof property === 'object' && property !== null && 'val' in property ? property.val : property);

describe.each(engines)('the private calendar feed on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;
  let app: FastifyInstance;
  let coordinator: Client;
  let colleague: Client;
  let colleagueId: string;
  let researcher: Client;
  let stranger: Client;
  let mine: string;
  let theirs: string;

  /** The feed is read with no session at all: only the key in its address. */
  const read = (url: string) => app.inject({ method: 'GET', url: url.replace(deps.config.HARBOUR_PUBLIC_URL, '') });

  beforeAll(async () => {
    db = await openTestDb(engine);
    deps = testDeps(db, { HARBOUR_SESSION_IDLE_MINUTES: '240' });
    deps.setNow(new Date('2026-12-01T15:00:00Z'));
    app = await buildApp(deps, { webDir: '/nonexistent' });
    const agencyId = (await makeAgency(deps)).id;
    const login = async (agency: string, roles: Parameters<typeof makeAccount>[2]) => {
      const account = await makeAccount(deps, agency, roles);
      return { client: (await signedIn(app, deps, account.email)).client, id: account.id };
    };
    coordinator = (await login(agencyId, ['coordinator'])).client;
    ({ client: colleague, id: colleagueId } = await login(agencyId, ['worker']));
    researcher = (await login(agencyId, ['researcher'])).client;
    stranger = (await login((await makeAgency(deps)).id, ['coordinator'])).client;
    mine = (
      await coordinator.post('/api/cases', {
        person: { names: ['Rosalinda Quispe'] },
        pathwayFacts: { refugeeClaim: { decision: 'rejected', decidedOn: '2026-11-20', reasonsReceivedOn: '2026-11-25' } },
        safetyPlan: { legal: { goal: '', actions: [{ what: 'Call Rosalinda’s lawyer', due: '2026-12-10' }] } },
        consents: [{ what: 'Rosalinda agrees to share with the clinic', purpose: 'health', givenOn: '2026-11-01', until: '2027-01-31' }],
      })
    ).body.id;
    // A case the coordinator neither coordinates nor works on stays out of their feed.
    theirs = (
      await colleague.post('/api/cases', {
        person: { names: ['Someone Else'] },
        safetyPlan: { legal: { goal: '', actions: [{ what: 'Elsewhere', due: '2026-12-11' }] } },
      })
    ).body.id;
  });
  afterAll(async () => db.close());

  it('gives each of your deadlines as an all-day event naming only the case’s reference, with a link behind sign-in', async () => {
    expect((await coordinator.get('/api/cases/calendar/feed')).body).toEqual({
      active: false,
      language: null,
      createdAt: null,
      lastReadAt: null,
    });
    const made = await coordinator.post('/api/cases/calendar/feed', { language: 'en' });
    expect(made.status).toBe(201);
    expect(made.body.url).toMatch(/^http:\/\/localhost:3000\/api\/calendar\.ics\?key=[A-Za-z0-9_-]{43}$/);

    const response = await read(made.body.url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    const found = events(response.body).sort((a, b) => a.start.getTime() - b.start.getTime());
    const reference = `H-${mine.slice(0, 6).toUpperCase()}`;
    expect(found.map((event) => [event.start.dateOnly, event.start.toISOString().slice(0, 10), event.summary])).toEqual([
      [true, '2026-12-10', `Deadline — case ${reference}`],
      [true, '2026-12-10', `Deadline — case ${reference}`],
      [true, '2026-12-25', `Deadline — case ${reference}`],
      [true, '2027-01-31', `Deadline — case ${reference}`],
    ]);
    const descriptions = found.map((event) => event.description).join('\n');
    for (const words of [
      'A safety-plan action is due',
      'Notice of appeal to the Refugee Appeal Division due',
      'Appeal to the Refugee Appeal Division to be perfected',
      'A consent comes to its end',
    ])
      expect(descriptions).toContain(words);
    expect(plain(found[0]?.url)).toBe(`http://localhost:3000/staff/cases/${mine}`);
    // No name, no free text the worker wrote, no other case.
    for (const secret of ['Rosalinda', 'Quispe', 'lawyer', 'clinic', 'Someone', 'Elsewhere', theirs])
      expect(response.body).not.toContain(secret);

    const state = (await coordinator.get('/api/cases/calendar/feed')).body;
    expect(state).toEqual(expect.objectContaining({ active: true, language: 'en', lastReadAt: '2026-12-01T15:00:00.000Z' }));
    const audited = await deps.kysely.selectFrom('auditEvent').select('action').where('action', 'like', 'case.calendar.feed%').execute();
    expect(audited.map((row) => row.action)).toEqual(expect.arrayContaining(['case.calendar.feed_make', 'case.calendar.feed_read']));
  });

  it('speaks French when asked, and covers the cases one is on the team of', async () => {
    await coordinator.request('PATCH', `/api/cases/${mine}`, { team: [colleagueId] });
    const made = await colleague.post('/api/cases/calendar/feed', { language: 'fr' });
    const summaries = events((await read(made.body.url)).body).map((event) => event.summary);
    expect(summaries).toContain(`Échéance — dossier H-${mine.slice(0, 6).toUpperCase()}`);
    expect(summaries).toContain(`Échéance — dossier H-${theirs.slice(0, 6).toUpperCase()}`);
  });

  it('stops answering an address once it is replaced or revoked, or its account disabled', async () => {
    const first = (await coordinator.post('/api/cases/calendar/feed', {})).body.url;
    const second = (await coordinator.post('/api/cases/calendar/feed', {})).body.url;
    const replaced = await read(first);
    expect(replaced.statusCode).toBe(404);
    expect(replaced.json().error.message).toMatch(/revoked or replaced/);
    expect((await read(second)).statusCode).toBe(200);
    const revoked = await coordinator.request('DELETE', '/api/cases/calendar/feed');
    expect(revoked.body.active).toBe(false);
    expect((await read(second)).statusCode).toBe(404);
    expect((await coordinator.request('DELETE', '/api/cases/calendar/feed')).status).toBe(404);

    const colleagues = (await colleague.post('/api/cases/calendar/feed', {})).body.url;
    await disableAccount(deps, commandLine, colleagueId);
    expect((await read(colleagues)).statusCode).toBe(404);
  });

  it('refuses a bad key or language by name, and roles without case access', async () => {
    const badKey = await app.inject({ method: 'GET', url: '/api/calendar.ics?key=guess' });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json().error.message).toMatch(/key: the key of a calendar feed address/);
    expect((await app.inject({ method: 'GET', url: '/api/calendar.ics' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: `/api/calendar.ics?key=${'A'.repeat(43)}` })).statusCode).toBe(404);
    const badLanguage = await coordinator.post('/api/cases/calendar/feed', { language: 'es' });
    expect(badLanguage.status).toBe(400);
    expect(badLanguage.body.error.message).toMatch(/language: en or fr/);
    expect((await researcher.post('/api/cases/calendar/feed', {})).status).toBe(403);
    // Another agency's coordinator has a feed of their own, with none of this agency's cases in it.
    const strangers = (await stranger.post('/api/cases/calendar/feed', {})).body.url;
    expect(events((await read(strangers)).body)).toEqual([]);
    const month = await coordinator.get('/api/cases/calendar?from=2026-13-01&days=31');
    expect(month.status).toBe(400);
    expect(month.body.error.message).toMatch(/from: not a real date/);
  });

  it('answers a month from its first day', async () => {
    const december = (await coordinator.get('/api/cases/calendar?from=2026-12-01&days=31')).body as Array<{
      due: string;
      reference: string;
    }>;
    expect(december.map((entry) => entry.due)).toEqual(['2026-12-10', '2026-12-10', '2026-12-11', '2026-12-25']);
    expect(december[0]?.reference).toMatch(/^H-[0-9A-F]{6}$/);
    const january = (await coordinator.get('/api/cases/calendar?from=2027-01-01&days=31')).body as Array<{ due: string }>;
    expect(january.map((entry) => entry.due)).toEqual(['2027-01-31']);
  });
});
