import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
import { type Client, makeAccount, makeAgency, signedIn } from '../../../test/support/factories.js';
import { buildApp } from '../../server.js';

describe.each(engines)('a case’s team and its hand-over on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;
  let app: FastifyInstance;
  const people: Record<'ana' | 'ben' | 'worker' | 'admin' | 'stranger', { client: Client; id: string }> = {} as never;

  const openCase = async (restricted = false) =>
    (await people.ana.client.post('/api/cases', { person: { names: ['Lucero'] }, restricted })).body.id as string;
  const kinds = async (who: keyof typeof people, caseId: string) =>
    ((await people[who].client.get('/api/notifications')).body as Array<{ kind: string; subjectId: string }>)
      .filter((notice) => notice.subjectId === caseId)
      .map((notice) => notice.kind);

  beforeAll(async () => {
    db = await openTestDb(engine);
    deps = testDeps(db, { HARBOUR_SESSION_IDLE_MINUTES: '240' });
    app = await buildApp(deps, { webDir: '/nonexistent' });
    const agencyId = (await makeAgency(deps)).id;
    const login = async (agency: string, roles: Parameters<typeof makeAccount>[2]) => {
      const account = await makeAccount(deps, agency, roles);
      return { client: (await signedIn(app, deps, account.email)).client, id: account.id };
    };
    people.ana = await login(agencyId, ['coordinator']);
    people.ben = await login(agencyId, ['coordinator']);
    people.worker = await login(agencyId, ['worker']);
    people.admin = await login(agencyId, ['agency_admin']);
    people.stranger = await login((await makeAgency(deps)).id, ['coordinator']);
  });
  afterAll(async () => db.close());

  it('lists the colleagues a case can be given to, and who among them may coordinate', async () => {
    const listed = (await people.worker.client.get('/api/cases/colleagues')).body as Array<{ id: string; mayCoordinate: boolean }>;
    expect(listed.find((c) => c.id === people.ben.id)?.mayCoordinate).toBe(true);
    expect(listed.find((c) => c.id === people.worker.id)?.mayCoordinate).toBe(false);
    expect(listed.map((c) => c.id)).not.toContain(people.stranger.id);
  });

  it('hands a case to another coordinator, who is told, as is the one before; both stay able to open it', async () => {
    const id = await openCase(true);
    const handed = await people.ana.client.post(`/api/cases/${id}/hand-over`, { toAccountId: people.ben.id });
    expect(handed.status).toBe(200);
    expect(handed.body.coordinator).toEqual({ id: people.ben.id, displayName: 'Test coordinator' });
    const seen = await people.ben.client.get(`/api/cases/${id}`);
    expect(seen.body.coordinator.id).toBe(people.ben.id);
    expect(seen.body.team.map((m: { id: string }) => m.id)).toEqual([people.ana.id]);
    expect((await people.ana.client.get(`/api/cases/${id}`)).status).toBe(200);
    expect(await kinds('ben', id)).toEqual(['case-handed-to-you']);
    expect(await kinds('ana', id)).toEqual(['case-handed-over']);
    const audited = await deps.kysely
      .selectFrom('auditEvent')
      .select(['action', 'details'])
      .where('targetId', '=', id)
      .where('action', '=', 'case.hand_over')
      .execute();
    expect(audited).toEqual([{ action: 'case.hand_over', details: { from: people.ana.id, to: people.ben.id, stayOnTeam: true } }]);
  });

  it('lets the one handing over leave the team: a restricted case is then closed to them', async () => {
    const id = await openCase(true);
    expect((await people.ana.client.post(`/api/cases/${id}/hand-over`, { toAccountId: people.ben.id, stayOnTeam: false })).status).toBe(
      200,
    );
    expect((await people.ana.client.get(`/api/cases/${id}`)).status).toBe(403);
  });

  it('refuses the wrong people, a stale view, and bad input by name', async () => {
    const id = await openCase();
    const hand = (who: keyof typeof people, body: unknown) => people[who].client.post(`/api/cases/${id}/hand-over`, body);
    expect((await hand('worker', { toAccountId: people.ben.id })).status).toBe(403);
    expect((await hand('stranger', { toAccountId: people.ben.id })).status).toBe(404);
    const toWorker = await hand('ana', { toAccountId: people.worker.id });
    expect(toWorker.status).toBe(400);
    expect(toWorker.body.error.message).toMatch(/toAccountId: no active coordinator/);
    expect((await hand('ana', { toAccountId: people.stranger.id })).status).toBe(400);
    expect((await hand('ana', { toAccountId: 'ben' })).body.error.message).toMatch(/toAccountId: an id/);
    expect((await hand('ana', { toAccountId: people.ana.id })).status).toBe(409);
    // An agency admin may hand over a case that is not theirs; Ana, who saw herself as coordinator, then may not.
    expect((await hand('admin', { toAccountId: people.ben.id })).status).toBe(200);
    expect((await hand('ana', { toAccountId: people.ben.id })).status).toBe(403);
  });

  it('tells whoever is added to a case’s team', async () => {
    const id = await openCase();
    expect((await people.ana.client.request('PATCH', `/api/cases/${id}`, { team: [people.worker.id] })).status).toBe(200);
    expect(await kinds('worker', id)).toEqual(['case-team-added']);
    expect((await people.ana.client.request('PATCH', `/api/cases/${id}`, { team: [people.worker.id, people.ben.id] })).status).toBe(200);
    expect(await kinds('worker', id)).toEqual(['case-team-added']);
    expect(await kinds('ben', id)).toEqual(['case-team-added']);
  });
});
