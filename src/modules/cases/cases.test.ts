import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dumpAsText, engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
import { type Client, makeAccount, makeAgency, signedIn } from '../../../test/support/factories.js';
import { buildApp } from '../../server.js';

const person = {
  names: ['María Fernanda López', 'Mafecita'],
  dateOfBirth: '1994-07-23',
  contact: '+1 514 555 0199',
  safeContact: 'Text only, weekdays after 18:00; code word: parapluie',
  preferredLanguage: 'es',
  interpreterNeeded: true,
  immigrationSituation: 'temporary-foreign-worker',
};
// Each at least 5 bytes: a shorter one could turn up by chance in megabytes of ciphertext.
const secrets = ['María', 'Fernanda', 'López', 'Lopez', 'Mafecita', '1994-07-23', '555 0199', 'parapluie', 'Saint-Rémi', 'bunkhouse'];

describe.each(engines)('case records on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;
  let app: FastifyInstance;
  let agencyId: string;
  let coordinator: Client;
  let worker: Client;
  let teamWorker: Client;
  let teamWorkerId: string;
  let admin: Client;
  let stranger: Client;
  let researcher: Client;
  let caseId: string;

  // Every test starts at the same moment, whatever the one before it did to the clock.
  const start = new Date('2026-01-15T15:00:00Z');
  beforeEach(() => deps?.setNow(start));

  beforeAll(async () => {
    db = await openTestDb(engine);
    // Sessions outlive the hour the clock is moved on by, so only the grant can expire.
    deps = testDeps(db, { HARBOUR_SESSION_IDLE_MINUTES: '240' });
    deps.setNow(start);
    app = await buildApp(deps, { webDir: '/nonexistent' });
    agencyId = (await makeAgency(deps)).id;
    const other = (await makeAgency(deps)).id;
    const login = async (agency: string, roles: Parameters<typeof makeAccount>[2]) => {
      const account = await makeAccount(deps, agency, roles);
      return { client: (await signedIn(app, deps, account.email)).client, id: account.id };
    };
    coordinator = (await login(agencyId, ['coordinator'])).client;
    worker = (await login(agencyId, ['worker'])).client;
    ({ client: teamWorker, id: teamWorkerId } = await login(agencyId, ['worker']));
    admin = (await login(agencyId, ['network_admin'])).client;
    stranger = (await login(other, ['coordinator'])).client;
    researcher = (await login(agencyId, ['researcher'])).client;
    const created = await coordinator.post('/api/cases', {
      person,
      situation: { exploitation: ['labour'], sector: 'agriculture', cameThrough: 'referral' },
      pathwayFacts: { permits: [{ issuedOn: '2025-03-01', expiresOn: '2026-03-01' }] },
    });
    expect(created.status).toBe(201);
    caseId = created.body.id;
  });
  afterAll(async () => db.close());

  it('opens a case for its agency, and every opening is audited', async () => {
    const opened = await worker.get(`/api/cases/${caseId}`);
    expect(opened.status).toBe(200);
    expect(opened.body.content.person).toMatchObject(person);
    expect(opened.body.content.situation.sector).toBe('agriculture');
    expect(opened.body.accessGrants).toEqual([]);
    const events = await deps.kysely
      .selectFrom('auditEvent')
      .select(['action', 'details'])
      .where('targetId', '=', caseId)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['case.create', 'case.read']);
    expect(JSON.stringify(events)).not.toMatch(/María|Mafecita|1994/);
  });

  it('refuses another agency (as if the case did not exist), a researcher, and an admin without a case role', async () => {
    expect((await stranger.get(`/api/cases/${caseId}`)).status).toBe(404);
    expect((await stranger.request('PATCH', `/api/cases/${caseId}`, { restricted: true })).status).toBe(404);
    expect((await researcher.get(`/api/cases/${caseId}`)).status).toBe(403);
    expect((await researcher.post('/api/cases', { person })).status).toBe(403);
    expect((await admin.get(`/api/cases/${caseId}`)).status).toBe(403);
    expect(((await stranger.get('/api/cases?name=Mafecita')).body as unknown[]).length).toBe(0);
  });

  it('refuses bad input by field', async () => {
    const bad = await coordinator.post('/api/cases', { person: { names: [], dateOfBirth: '1994-02-30', immigrationSituation: 'tourist' } });
    expect(bad.status).toBe(400);
    for (const part of [
      'person.names: at least one name or alias',
      'person.dateOfBirth: not a real date',
      'person.immigrationSituation: one of',
    ]) {
      expect(bad.body.error.message).toContain(part);
    }
    expect((await coordinator.request('PATCH', `/api/cases/${caseId}`, {})).body.error.message).toContain('name at least one field');
    expect((await coordinator.get('/api/cases/not-an-id')).body.error.message).toBe('id: not an id');
    expect((await coordinator.post('/api/cases', { person, team: ['00000000-0000-4000-8000-000000000000'] })).status).toBe(400);
  });

  it('finds a case by any name or alias, accents and case forgiven, through blind tokens', async () => {
    const ids = async (name: string) =>
      ((await worker.get(`/api/cases?name=${encodeURIComponent(name)}`)).body as Array<{ id: string }>).map((c) => c.id);
    expect(await ids('maria lopez')).toEqual([caseId]);
    expect(await ids('MAFECITA')).toEqual([caseId]);
    expect(await ids('María Dupont')).toEqual([]);
    const row = await deps.kysely
      .selectFrom('caseRecord')
      .select(['nameTokens', 'sealed'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    // Each token is a keyed hash (22 base64url characters), never a name or a word of one.
    for (const token of row.nameTokens) expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    for (const word of ['maria', 'fernanda', 'lopez', 'mafecita', 'María', 'López']) expect(row.nameTokens).not.toContain(word);
    expect(Buffer.from(row.sealed).toString('latin1')).not.toContain('María');
  });

  it('keeps a restricted case to its coordinator and team; anyone else breaks the glass, for a limited time', async () => {
    const restricted = await coordinator.post('/api/cases', { person: { names: ['Ana'] }, restricted: true, team: [teamWorkerId] });
    const id = restricted.body.id;
    expect((await teamWorker.get(`/api/cases/${id}`)).status).toBe(200);
    const refused = await worker.get(`/api/cases/${id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.breakGlass).toBe(`/api/cases/${id}/break-glass`);
    expect(((await worker.get('/api/cases')).body as Array<{ id: string }>).map((c) => c.id)).not.toContain(id);

    expect((await worker.post(`/api/cases/${id}/break-glass`, { reason: 'curious' })).status).toBe(400);
    expect((await worker.post(`/api/cases/${caseId}/break-glass`, { reason: 'the case is not restricted at all' })).status).toBe(409);
    const grant = await worker.post(`/api/cases/${id}/break-glass`, { reason: 'Ana called the crisis line at night; I am on call' });
    expect(grant.status).toBe(201);
    expect(grant.body.expiresAt).toBe('2026-01-15T16:00:00.000Z');
    expect((await worker.get(`/api/cases/${id}`)).status).toBe(200);
    const seen = await coordinator.get(`/api/cases/${id}`);
    expect(seen.body.accessGrants).toEqual([expect.objectContaining({ reason: 'Ana called the crisis line at night; I am on call' })]);
    const events = await deps.kysely
      .selectFrom('auditEvent')
      .select(['action', 'outcome'])
      .where('targetId', '=', id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => `${e.action}:${e.outcome}`)).toEqual(expect.arrayContaining(['case.read:refused', 'case.break_glass:ok']));

    deps.advance(61 * 60_000);
    expect((await worker.get(`/api/cases/${id}`)).status).toBe(403);
  });

  it('changes a case, naming the fields changed and never their values', async () => {
    const changed = await coordinator.request('PATCH', `/api/cases/${caseId}`, {
      person: { names: ['María Fernanda López', 'Mafecita', 'Fer'] },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.content.person.dateOfBirth).toBe('1994-07-23');
    expect(((await worker.get('/api/cases?name=fer')).body as Array<{ id: string }>).map((c) => c.id)).toEqual([caseId]);
    const event = await deps.kysely
      .selectFrom('auditEvent')
      .select('details')
      .where('action', '=', 'case.update')
      .executeTakeFirstOrThrow();
    expect(event.details).toEqual({ fields: 'person.names' });
  });

  it('says which pathways are open and what is due, from the case’s own dates', async () => {
    const answer = await worker.get(`/api/cases/${caseId}/pathways`);
    expect(answer.status).toBe(200);
    expect(answer.body.deadlines).toEqual([expect.objectContaining({ kind: 'trp-renewal', due: '2026-03-01', remindOn: '2026-01-30' })]);
    expect((await stranger.get(`/api/cases/${caseId}/pathways`)).status).toBe(404);
  });

  it('keeps a safety plan under the documents’ headings, and shows coming deadlines on the agency calendar', async () => {
    const plan = {
      'work-permit': { goal: 'An open work permit', actions: [{ what: 'Apply with the TRP', owner: 'coordinator', due: '2026-02-10' }] },
      'safe-housing': { goal: 'Stable housing', actions: [{ what: 'Visit the shelter', due: '2026-01-20', progress: 'done' }] },
    };
    const saved = await coordinator.request('PATCH', `/api/cases/${caseId}`, { safetyPlan: plan });
    expect(saved.status).toBe(200);
    expect(saved.body.content.safetyPlan['work-permit'].actions[0]).toMatchObject({ what: 'Apply with the TRP', progress: 'not-started' });
    expect((await coordinator.request('PATCH', `/api/cases/${caseId}`, { safetyPlan: { astrology: { goal: 'x' } } })).status).toBe(400);

    const calendar = await worker.get('/api/cases/calendar?days=60');
    expect(calendar.status).toBe(200);
    const mine = (calendar.body as Array<{ caseId: string; kind: string; due: string }>).filter((e) => e.caseId === caseId);
    expect(mine.map((e) => [e.kind, e.due])).toEqual([
      ['plan-action', '2026-02-10'],
      ['trp-renewal', '2026-03-01'],
    ]);
    expect((await worker.get('/api/cases/calendar?days=400')).body.error.message).toContain('days: at most 366');
    expect(((await stranger.get('/api/cases/calendar')).body as unknown[]).length).toBe(0);
    expect((await researcher.get('/api/cases/calendar')).status).toBe(403);
  });

  it('keeps one de-identified fact row per case, current after each change, with nothing that points back', async () => {
    const before = await deps.kysely.selectFrom('caseFact').selectAll().execute();
    const created = await coordinator.post('/api/cases', {
      person: { names: ['Lin'], dateOfBirth: '2001-03-03', gender: 'woman', citizenshipRegion: 'asia' },
      situation: { exploitation: ['labour'], sector: 'domestic-work', cameThrough: 'self' },
    });
    expect(created.body).toEqual({ id: expect.any(String) });
    const after = await deps.kysely.selectFrom('caseFact').selectAll().execute();
    expect(after).toHaveLength(before.length + 1);
    const fact = after.find((row) => !before.some((b) => b.id === row.id));
    expect(fact).toMatchObject({
      year: 2026,
      ageBand: '18-24',
      gender: 'woman',
      citizenshipRegion: 'asia',
      sector: 'domestic-work',
      cameThrough: 'self',
    });
    expect(Object.keys(fact ?? {}).sort()).toEqual(
      [
        'agencyId',
        'ageBand',
        'cameThrough',
        'citizenshipRegion',
        'exploitation',
        'gender',
        'id',
        'needs',
        'needsMet',
        'pathways',
        'province',
        'sector',
        'services',
        'year',
      ].sort(),
    );

    await coordinator.request('PATCH', `/api/cases/${created.body.id}`, {
      situation: { exploitation: ['labour', 'sexual'], sector: 'domestic-work', cameThrough: 'self' },
    });
    const updated = await deps.kysely.selectFrom('caseFact').selectAll().execute();
    expect(updated).toHaveLength(after.length);
    expect(updated.find((row) => row.id === fact?.id)?.exploitation).toEqual(['labour', 'sexual']);

    // The fact's id is nowhere in the case's row except sealed.
    const row = await deps.kysely.selectFrom('caseRecord').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row, (_, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v))).not.toContain(fact?.id);
    expect((await coordinator.post('/api/cases', { person: { names: ['X'], gender: 'unknown-value' } })).status).toBe(400);
  });

  it('keeps an identification-aid assessment with the case, sealed, with what the rule said', async () => {
    const kept = await worker.post(`/api/cases/${caseId}/assessments`, {
      listId: 'ilo-2009-adult-labour',
      indicators: ['DR1', 'DR2', 'EC1', 'EC2', 'CD1', 'CD2'],
    });
    expect(kept.status).toBe(201);
    expect(kept.body.indicatesTrafficking).toBe(true);
    const opened = await coordinator.get(`/api/cases/${caseId}`);
    expect(opened.body.content.assessments).toEqual([
      expect.objectContaining({
        listId: 'ilo-2009-adult-labour',
        at: '2026-01-15T15:00:00.000Z',
        result: expect.objectContaining({ indicatesTrafficking: true }),
      }),
    ]);
    expect((await worker.post(`/api/cases/${caseId}/assessments`, { listId: 'tarot', indicators: [] })).body.error.message).toBe(
      'listId: no indicator list tarot',
    );
    expect((await stranger.post(`/api/cases/${caseId}/assessments`, { listId: 'ilo-2009-adult-labour', indicators: [] })).status).toBe(404);
    expect((await researcher.post(`/api/cases/${caseId}/assessments`, { listId: 'ilo-2009-adult-labour', indicators: [] })).status).toBe(
      403,
    );
    const event = await deps.kysely
      .selectFrom('auditEvent')
      .select('details')
      .where('action', '=', 'case.assessment.attach')
      .executeTakeFirstOrThrow();
    expect(event.details).toEqual({ list: 'ilo-2009-adult-labour', indicators: 6 });
    // A later change of the case keeps the assessment.
    await coordinator.request('PATCH', `/api/cases/${caseId}`, { restricted: false });
    expect((await coordinator.get(`/api/cases/${caseId}`)).body.content.assessments).toHaveLength(1);
  });

  it('leaves no name, birth date, phone, code word, note or document in plaintext anywhere in a dump of the database', async () => {
    expect((await coordinator.post(`/api/cases/${caseId}/notes`, { text: 'Lives in the bunkhouse at the farm.' })).status).toBe(201);
    const document = Buffer.from('%PDF-1.7\nLease of a room in Saint-Rémi\n');
    const kept = await coordinator.request('POST', `/api/cases/${caseId}/documents?name=lease.pdf`, document, {
      'content-type': 'application/pdf',
    });
    expect(kept.status).toBe(201);
    const dump = await dumpAsText(db);
    expect(dump.length).toBeGreaterThan(10_000);
    for (const secret of secrets) {
      expect(dump, secret).not.toContain(secret);
      expect(dump, secret).not.toContain(Buffer.from(secret, 'utf8').toString('hex'));
    }
  });
});
