import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
import { Client, makeAccount, makeAgency, makeMemberService, PASSWORD, signedIn } from '../../../test/support/factories.js';
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
    });
    const events = await deps.kysely.selectFrom('auditEvent').selectAll().where('action', '=', 'account.create').execute();
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toMatch(/Audited|audited\.person/i);
  });

  it('names the field that is wrong when an account is created with bad input', async () => {
    const response = await admin.post('/api/accounts', {
      agencyId: 'nope',
      email: 'x',
      displayName: '',
      roles: ['boss'],
    });
    expect(response.status).toBe(400);
    for (const field of ['agencyId', 'email', 'displayName', 'roles.0']) expect(response.body.error.message).toContain(`${field}:`);
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

  const invitationTo = async (email: string) => {
    const mail = await db.kysely
      .selectFrom('emailOutbox')
      .select('body')
      .where('toAddress', '=', email)
      .orderBy('createdAt', 'desc')
      .execute();
    const token = mail[0]?.body.match(/\/invitation#([A-Za-z0-9_-]+)/)?.[1];
    if (!token) throw new Error(`no invitation mailed to ${email}`);
    return token;
  };
  const accept = (token: string, password: string, client = new Client(app)) => client.post('/api/invitations/accept', { token, password });

  it('refuses a network admin every role inside an existing agency, and stores nothing', async () => {
    const before = await db.kysely.selectFrom('account').select('id').execute();
    for (const roles of [['coordinator'], ['worker'], ['agency_admin'], ['agency_admin', 'coordinator']]) {
      const made = await network.post('/api/accounts', {
        agencyId: other.id,
        email: `sneaky-${roles.join('-')}@test.example`,
        displayName: 'Sneaky',
        roles,
      });
      expect(made.status, roles.join()).toBe(403);
    }
    expect(await db.kysely.selectFrom('account').select('id').execute()).toEqual(before);
    const mail = await db.kysely.selectFrom('emailOutbox').select('toAddress').where('toAddress', 'like', 'sneaky-%').execute();
    expect(mail).toEqual([]);
  });

  it("lets a network admin invite a new agency's first admin only, by a link that goes to the person alone", async () => {
    const created = await network.post('/api/agencies', { slug: 'brand-new-refuge', name: 'Brand New Refuge', province: 'NS' });
    expect(created.status).toBe(201);
    const invited = await network.post('/api/accounts', {
      agencyId: created.body.id,
      email: 'first.admin@test.example',
      displayName: 'First Admin',
      roles: ['agency_admin'],
    });
    expect(invited.status).toBe(201);
    expect(JSON.stringify(invited.body)).not.toMatch(/token|invitation|http/);
    const token = await invitationTo('first.admin@test.example');
    const second = await network.post('/api/accounts', {
      agencyId: created.body.id,
      email: 'second@test.example',
      displayName: 'Second',
      roles: ['agency_admin'],
    });
    expect(second.status).toBe(403);

    // The person sees who the link is for, sets a password of their own (a weak one is refused), and goes on to their second factor.
    expect((await new Client(app).post('/api/invitations/lookup', { token })).body).toMatchObject({
      email: 'first.admin@test.example',
      agency: 'Brand New Refuge',
    });
    for (const weak of ['password1234', 'aaaaaaaaaaaa', 'firstadmin123']) {
      const refused = await accept(token, weak);
      expect(refused.status, weak).toBe(400);
      expect(refused.body.error.message, weak).toMatch(/^password: too easy to guess/);
    }
    const accepted = await accept(token, 'lantern orchard velvet compass');
    expect(accepted.status).toBe(200);
    expect(accepted.body.stage).toBe('enrol');
    // Spent: the same link works no more.
    expect((await accept(token, 'another lantern orchard')).status).toBe(404);
    expect((await new Client(app).post('/api/invitations/lookup', { token })).status).toBe(404);
    const signIn = await new Client(app).post('/api/auth/sign-in', {
      email: 'first.admin@test.example',
      password: 'lantern orchard velvet compass',
    });
    expect(signIn.body.stage).toBe('enrol');
  });

  it('lets an agency admin invite into their agency only; the other admins are told, and it is audited', async () => {
    const { client: colleague, account: colleagueAccount } = await (async () => {
      const account = await makeAccount(deps, home.id, ['agency_admin']);
      return { ...(await signedIn(app, deps, account.email)), account };
    })();
    const invited = await admin.post('/api/accounts', {
      agencyId: home.id,
      email: 'new.coordinator@test.example',
      displayName: 'New Coordinator',
      roles: ['coordinator'],
    });
    expect(invited.status).toBe(201);
    const notices = await colleague.get('/api/notifications');
    expect(notices.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'account-invited', subjectId: invited.body.id })]),
    );
    const audited = await db.kysely
      .selectFrom('auditEvent')
      .select(['action', 'agencyId'])
      .where('targetId', '=', invited.body.id)
      .execute();
    expect(audited).toEqual([{ action: 'account.invite', agencyId: home.id }]);
    expect(colleagueAccount.id).toBeTruthy();
    const network_ = await admin.post('/api/accounts', {
      agencyId: home.id,
      email: 'x.network@test.example',
      displayName: 'X',
      roles: ['network_admin'],
    });
    expect(network_.status).toBe(403);
    expect(network_.body.error.message).toMatch(/command line only/);
  });

  it('expires an invitation after 72 hours', async () => {
    await admin.post('/api/accounts', {
      agencyId: home.id,
      email: 'late.worker@test.example',
      displayName: 'Late Worker',
      roles: ['worker'],
    });
    const token = await invitationTo('late.worker@test.example');
    deps.advance(73 * 3_600_000);
    const late = await accept(token, 'lantern orchard velvet compass');
    expect(late.status).toBe(404);
    expect(late.body.error.message).toMatch(/expired \(after 72 hours\)/);
    deps.advance(-73 * 3_600_000);
  });

  it("resets an account by a new invitation: the old password stops, its sessions end; another agency's admin is refused", async () => {
    const account = await makeAccount(deps, home.id, ['worker']);
    const { client: session } = await signedIn(app, deps, account.email);
    expect((await otherAdmin.post(`/api/accounts/${account.id}/reinvite`, {})).status).toBe(404);
    expect((await network.post(`/api/accounts/${account.id}/reinvite`, {})).status).toBe(404);
    const reset = await admin.post(`/api/accounts/${account.id}/reinvite`, { resetSecondFactor: true });
    expect(reset.status).toBe(200);
    expect(reset.body.secondFactorEnrolled).toBe(false);
    expect((await session.get('/api/auth/me')).status).toBe(401);
    expect((await new Client(app).post('/api/auth/sign-in', { email: account.email, password: account.password })).status).toBe(401);
    const token = await invitationTo(account.email);
    expect((await accept(token, 'saffron harbour lighthouse')).body.stage).toBe('enrol');
  });

  it('lets an agency admin change roles in their agency, compare-and-set and audited, with the new roles in force at once', async () => {
    const person = await makeAccount(deps, home.id, ['worker']);
    const session = (await signedIn(app, deps, person.email)).client;
    expect((await session.get('/api/cases')).status).toBe(200);
    const changed = await admin.request('PUT', `/api/accounts/${person.id}/roles`, { roles: ['researcher'], was: ['worker'] });
    expect(changed.status).toBe(200);
    expect(changed.body.roles).toEqual(['researcher']);
    // The person's open session has the new roles from its next request.
    expect((await session.get('/api/cases')).status).toBe(403);
    const stale = await admin.request('PUT', `/api/accounts/${person.id}/roles`, { roles: ['coordinator'], was: ['worker'] });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/now researcher/);
    const audit = await db.kysely
      .selectFrom('auditEvent')
      .select(['action', 'details'])
      .where('targetId', '=', person.id)
      .where('action', '=', 'account.roles')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ from: 'worker', to: 'researcher' });
  });

  it('refuses a role change by another agency’s admin, a network admin, a worker, to network admin, with no role, or that leaves no admin', async () => {
    const person = await makeAccount(deps, home.id, ['worker']);
    const body = { roles: ['coordinator'], was: ['worker'] };
    expect((await otherAdmin.request('PUT', `/api/accounts/${person.id}/roles`, body)).status).toBe(404);
    // A network admin sees the accounts but grants no case role inside an agency.
    const byNetwork = await network.request('PUT', `/api/accounts/${person.id}/roles`, body);
    expect(byNetwork.status).toBe(403);
    expect((await worker.request('PUT', `/api/accounts/${person.id}/roles`, body)).status).toBe(403);
    const toNetwork = await admin.request('PUT', `/api/accounts/${person.id}/roles`, { roles: ['network_admin'], was: ['worker'] });
    expect(toNetwork.status).toBe(403);
    const none = await admin.request('PUT', `/api/accounts/${person.id}/roles`, { roles: [], was: ['worker'] });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toMatch(/roles: at least one role/);
    const unknown = await admin.request('PUT', `/api/accounts/${person.id}/roles`, { roles: ['boss'], was: ['worker'] });
    expect(unknown.status).toBe(400);
    // The only admin of an agency cannot stop being one.
    const lone = await makeAgency(deps, 'Lone agency');
    const loneAdmin = await makeAccount(deps, lone.id, ['agency_admin']);
    const loneClient = (await signedIn(app, deps, loneAdmin.email)).client;
    const last = await loneClient.request('PUT', `/api/accounts/${loneAdmin.id}/roles`, { roles: ['coordinator'], was: ['agency_admin'] });
    expect(last.status).toBe(409);
    expect(last.body.error.message).toMatch(/at least one active administrator/);
    expect((await db.kysely.selectFrom('account').select('roles').where('id', '=', person.id).executeTakeFirstOrThrow()).roles).toEqual([
      'worker',
    ]);
  });

  it('shows each account’s state, last sign-in and second factor', async () => {
    const invited = await admin.post('/api/accounts', {
      agencyId: home.id,
      email: `invited-${Date.now()}@example.org`,
      displayName: 'Invited Person',
      roles: ['worker'],
    });
    expect(invited.status).toBe(201);
    const listed = (await admin.get('/api/accounts')).body as Array<{
      id: string;
      state: string;
      lastSignInAt: string | null;
      secondFactorEnrolled: boolean;
      displayName: string;
    }>;
    const row = listed.find((account) => account.id === invited.body.id);
    expect(row).toMatchObject({ state: 'invited', lastSignInAt: null, secondFactorEnrolled: false });
    const signedInRow = listed.find(
      (account) => account.state === 'active' && account.lastSignInAt !== null && account.secondFactorEnrolled,
    );
    expect(signedInRow).toBeDefined();
    expect(new Date(signedInRow?.lastSignInAt as string).getTime()).toBeLessThanOrEqual(deps.now().getTime());
  });

  it('lets a network admin suspend a member: its sessions end, it cannot sign in, its listings leave the directory; active again, all come back', async () => {
    const member = await makeAgency(deps, 'Suspended Member Society');
    const memberAdmin = await makeAccount(deps, member.id, ['agency_admin']);
    const session = (await signedIn(app, deps, memberAdmin.email)).client;
    const listing = await makeMemberService(deps, member.id, { name: 'Withheld shelter' });
    const publicly = () => new Client(app).get('/api/directory/search?q=Withheld%20shelter');
    expect((await publicly()).body.results.map((r: { id: string }) => r.id)).toContain(listing.id);

    const members = await network.get('/api/members?q=suspended%20member');
    expect(members.status).toBe(200);
    expect(members.body).toHaveLength(1);
    expect(members.body[0]).toMatchObject({ id: member.id, state: 'active', accounts: 1, admins: [{ email: memberAdmin.email }] });

    expect((await admin.request('PUT', `/api/members/${member.id}/state`, { state: 'suspended', was: 'active' })).status).toBe(403);
    expect((await network.request('PUT', `/api/members/${member.id}/state`, { state: 'gone', was: 'active' })).body.error.message).toMatch(
      /state: one of/,
    );
    const suspended = await network.request('PUT', `/api/members/${member.id}/state`, { state: 'suspended', was: 'active' });
    expect(suspended.status).toBe(200);
    expect(suspended.body.state).toBe('suspended');
    expect((await session.get('/api/accounts')).status).toBe(401);
    expect((await new Client(app).post('/api/auth/sign-in', { email: memberAdmin.email, password: PASSWORD })).status).toBe(401);
    expect((await publicly()).body.results.map((r: { id: string }) => r.id)).not.toContain(listing.id);
    expect((await new Client(app).get(`/api/directory/services/${listing.id}`)).status).toBe(404);
    // Nothing is deleted: the account and the listing are still there.
    expect(await db.kysely.selectFrom('service').select('id').where('id', '=', listing.id).executeTakeFirst()).toBeDefined();
    expect((await network.get('/api/members?state=suspended')).body.map((m: { id: string }) => m.id)).toContain(member.id);
    expect((await network.request('PUT', `/api/members/${member.id}/state`, { state: 'left', was: 'active' })).status).toBe(409);
    const audit = await db.kysely
      .selectFrom('auditEvent')
      .select('details')
      .where('action', '=', 'agency.state')
      .where('targetId', '=', member.id)
      .execute();
    expect(audit[0]?.details).toMatchObject({ from: 'active', to: 'suspended', sessionsEnded: 1, listings: 1 });

    expect((await network.request('PUT', `/api/members/${member.id}/state`, { state: 'active', was: 'suspended' })).status).toBe(200);
    expect((await publicly()).body.results.map((r: { id: string }) => r.id)).toContain(listing.id);
    expect((await new Client(app).post('/api/auth/sign-in', { email: memberAdmin.email, password: PASSWORD })).status).toBe(200);
  });
});
