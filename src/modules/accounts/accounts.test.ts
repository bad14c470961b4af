import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
import { Client, makeAccount, makeAgency, signedIn } from '../../../test/support/factories.js';
import { buildApp } from '../../server.js';

describe.each(engines)('agencies and accounts under the access policy on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;
  let app: FastifyInstance;
  let home: { id: string };
  let other: { id: string };
  let admin: Client;
  let otherAdmin: Client;
  let network: Client;
  let worker: Client;
  let otherWorkerId: string;

  beforeAll(async () => {
    db = await openTestDb(engine);
    deps = testDeps(db);
    app = await buildApp(deps, { webDir: '/nonexistent' });
    home = await makeAgency(deps, 'Home agency');
    other = await makeAgency(deps, 'Other agency');
    admin = (await signedIn(app, deps, (await makeAccount(deps, home.id, ['agency_admin'])).email)).client;
    otherAdmin = (await signedIn(app, deps, (await makeAccount(deps, other.id, ['agency_admin'])).email)).client;
    network = (await signedIn(app, deps, (await makeAccount(deps, home.id, ['network_admin'])).email)).client;
    worker = (await signedIn(app, deps, (await makeAccount(deps, home.id, ['worker'])).email)).client;
    otherWorkerId = (await makeAccount(deps, other.id, ['worker'])).id;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('shows an agency admin their own accounts and none of another agency', async () => {
    const listed = await admin.get('/api/accounts');
    expect(listed.status).toBe(200);
    expect(listed.body.length).toBeGreaterThan(0);
    expect(listed.body.every((a: { agencyId: string }) => a.agencyId === home.id)).toBe(true);
    const asked = await admin.get(`/api/accounts?agencyId=${other.id}`);
    expect(asked.status).toBe(200);
    expect(asked.body).toEqual([]);
    expect(JSON.stringify(listed.body)).not.toMatch(/passwordHash|totpSecret|argon2/);
    const theirs = await otherAdmin.get('/api/accounts');
    expect(theirs.body.map((a: { agencyId: string }) => a.agencyId)).toEqual(theirs.body.map(() => other.id));
    expect(theirs.body.some((a: { id: string }) => a.id === otherWorkerId)).toBe(true);
  });

  it("answers 404 for another agency's record, never its data", async () => {
    const response = await admin.get(`/api/agencies/${other.id}`);
    expect(response.status).toBe(404);
    expect(JSON.stringify(response.body)).not.toContain('Other agency');
    expect((await admin.get(`/api/agencies/${home.id}`)).status).toBe(200);
    expect((await network.get(`/api/agencies/${other.id}`)).body.name).toBe('Other agency');
  });

  it("refuses an agency admin who disables or creates another agency's account", async () => {
    const disable = await admin.post(`/api/accounts/${otherWorkerId}/disable`);
    expect(disable.status).toBe(404);
    const create = await admin.post('/api/accounts', {
      agencyId: other.id,
      email: 'intruder@test.example',
      displayName: 'Intruder',
      roles: ['worker'],
      password: 'a long enough password',
    });
    expect(create.status).toBe(403);
    const refusals = await deps.kysely.selectFrom('auditEvent').selectAll().where('action', '=', 'access.refused').execute();
    expect(refusals.map((event) => event.targetId)).toContain('POST /api/accounts');
    expect(refusals.every((event) => event.outcome === 'refused')).toBe(true);
    const row = await deps.kysely.selectFrom('account').select('disabledAt').where('id', '=', otherWorkerId).executeTakeFirstOrThrow();
    expect(row.disabledAt).toBeNull();
  });

  it('refuses a worker every account route', async () => {
    expect((await worker.get('/api/accounts')).status).toBe(403);
    expect((await worker.post('/api/agencies', { slug: 'x-agency', name: 'X agency', province: 'ON' })).status).toBe(403);
  });

  it('records refusals and changes in the audit chain, with ids only', async () => {
    await admin.post('/api/accounts', {
      agencyId: home.id,
      email: 'Audited.Person@Test.Example',
      displayName: 'Audited Person',
      roles: ['coordinator'],
      password: 'a long enough password',
    });
    const events = await deps.kysely.selectFrom('auditEvent').selectAll().where('action', '=', 'account.create').execute();
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toMatch(/Audited|audited\.person/i);
  });

  it('refuses common, repeated and self-referring passwords with advice, and stores no account', async () => {
    for (const password of ['password1234', 'aaaaaaaaaaaa', 'qwertyuiop12', 'soleil123456', 'gabrielasantos', 'gabriela123456']) {
      const response = await admin.post('/api/accounts', {
        agencyId: home.id,
        email: 'gabriela.santos@test.example',
        displayName: 'Gabriela Santos',
        roles: ['worker'],
        password,
      });
      expect(response.status, password).toBe(400);
      expect(response.body.error.message, password).toMatch(/^password: too easy to guess/);
    }
    const stored = await deps.kysely.selectFrom('account').select('id').where('email', '=', 'gabriela.santos@test.example').execute();
    expect(stored).toEqual([]);
  });

  it('names the field that is wrong when an account is created with bad input', async () => {
    const response = await admin.post('/api/accounts', {
      agencyId: 'nope',
      email: 'x',
      displayName: '',
      roles: ['boss'],
      password: 'short',
    });
    expect(response.status).toBe(400);
    for (const field of ['agencyId', 'email', 'displayName', 'roles.0', 'password'])
      expect(response.body.error.message).toContain(`${field}:`);
    const duplicate = await network.post('/api/agencies', { slug: 'dup-agency', name: 'Dup', province: 'ON' });
    expect(duplicate.status).toBe(201);
    const again = await network.post('/api/agencies', { slug: 'dup-agency', name: 'Dup', province: 'ON' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('slug');
    const province = await network.post('/api/agencies', { slug: 'bad-province', name: 'Bad', province: 'XX' });
    expect(province.status).toBe(400);
    expect(province.body.error.message).toMatch(/^province:/);
  });

  it('ends every session of a disabled account at once', async () => {
    const target = await makeAccount(deps, home.id, ['researcher']);
    const { client: victim } = await signedIn(app, deps, target.email);
    expect((await victim.get('/api/agencies')).status).toBe(200);
    const disabled = await admin.post(`/api/accounts/${target.id}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect((await victim.get('/api/agencies')).status).toBe(401);
    const again = await new Client(app).post('/api/auth/sign-in', { email: target.email, password: target.password });
    expect(again.status).toBe(401);
  });

  it('answers 401 to anyone not signed in, and 404 to unknown API routes', async () => {
    expect((await new Client(app).get('/api/accounts')).status).toBe(401);
    expect((await new Client(app).get('/api/agencies')).status).toBe(401);
    const unknown = await new Client(app).get('/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
  });
});
