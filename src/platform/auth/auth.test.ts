import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
import { Client, makeAccount, makeAgency, PASSWORD, signedIn } from '../../../test/support/factories.js';
import { buildApp } from '../../server.js';
import { totpCode, totpStep } from '../totp.js';

describe.each(engines)('signing in and sessions on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;
  let app: FastifyInstance;
  let agencyId: string;

  beforeAll(async () => {
    db = await openTestDb(engine);
    deps = testDeps(db, { HARBOUR_SESSION_IDLE_MINUTES: '30', HARBOUR_SESSION_MAX_HOURS: '12' });
    app = await buildApp(deps, { webDir: '/nonexistent' });
    agencyId = (await makeAgency(deps)).id;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('signs a researcher in with a password alone and answers who they are', async () => {
    const researcher = await makeAccount(deps, agencyId, ['researcher']);
    const client = new Client(app);
    const started = await client.post('/api/auth/sign-in', { email: researcher.email.toUpperCase(), password: PASSWORD });
    expect(started.status).toBe(200);
    expect(started.body.stage).toBe('full');
    const cookie = started.raw.cookies[0];
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.account.email).toBe(researcher.email);
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it('names the field that failed when sign-in input is bad, and never answers 500', async () => {
    const client = new Client(app);
    const missing = await client.post('/api/auth/sign-in', { email: 'not-an-email' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('bad_request');
    expect(missing.body.error.message).toContain('email: not an email address');
    expect(missing.body.error.message).toContain('password: required');
    const garbage = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.code).toBe('bad_request');
  });

  it('answers an unknown email and a wrong password with the same words', async () => {
    const worker = await makeAccount(deps, agencyId, ['worker']);
    const wrong = await new Client(app).post('/api/auth/sign-in', { email: worker.email, password: 'not the password' });
    const unknown = await new Client(app).post('/api/auth/sign-in', { email: 'nobody-here@test.example', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('limits failed sign-ins per account with 429, whether or not the account exists', async () => {
    const worker = await makeAccount(deps, agencyId, ['worker']);
    for (const email of [worker.email, 'ghost-account@test.example']) {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push((await new Client(app).post('/api/auth/sign-in', { email, password: 'wrong password' })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    }
    // Even the right password is refused while the account is limited, then allowed after the window.
    expect((await new Client(app).post('/api/auth/sign-in', { email: worker.email, password: PASSWORD })).status).toBe(429);
    deps.advance(16 * 60_000);
    expect((await new Client(app).post('/api/auth/sign-in', { email: worker.email, password: PASSWORD })).status).toBe(200);
  });

  const from = (address: string, target: FastifyInstance = app) => ({
    signIn: (email: string, password: string) =>
      target.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password }, remoteAddress: address }),
  });

  it("lets no stranger lock a worker out: their guesses are refused from their address, the worker's own password still works, only slower", async () => {
    const worker = await makeAccount(deps, agencyId, ['worker']);
    const stranger = from('198.51.100.23');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await stranger.signIn(worker.email, 'guess number one')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // Guesses from many other addresses are never refused, only slowed, more each time.
    for (let i = 0; i < 3; i++) expect((await from(`203.0.113.${i + 1}`).signIn(worker.email, 'another guess')).statusCode).toBe(401);
    const started = performance.now();
    const right = await from('192.0.2.10').signIn(worker.email, PASSWORD);
    expect(right.statusCode).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_000);
    // The counts live in the database: a restarted server (new Deps over the same database) still refuses the stranger.
    const restarted = await buildApp(testDeps(db), { webDir: '/nonexistent' });
    const other = await makeAccount(deps, agencyId, ['worker']);
    for (let i = 0; i < 5; i++) await from('198.51.100.99', restarted).signIn(other.email, 'wrong again');
    const again = await buildApp(testDeps(db), { webDir: '/nonexistent' });
    expect((await from('198.51.100.99', again).signIn(other.email, PASSWORD)).statusCode).toBe(429);
    expect((await from('192.0.2.10', again).signIn(other.email, PASSWORD)).statusCode).toBe(200);
    await restarted.close();
    await again.close();
    // Nothing in the counters names the email or the address.
    const counters = JSON.stringify(await db.kysely.selectFrom('attemptCounter').selectAll().execute());
    expect(counters).not.toContain(worker.email);
    expect(counters).not.toContain('198.51.100');
  });

  it('refuses a stranger guessing second-factor codes from their address, never the worker from theirs', async () => {
    const worker = await makeAccount(deps, agencyId, ['worker']);
    const { totpSecret } = await signedIn(app, deps, worker.email);
    const stranger = new Client(app, '198.51.100.41');
    expect((await stranger.post('/api/auth/sign-in', { email: worker.email, password: PASSWORD })).body.stage).toBe('mfa');
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await stranger.post('/api/auth/second-factor', { code: '000000' })).status);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    deps.advance(60_000);
    const own = new Client(app, '192.0.2.55');
    expect((await own.post('/api/auth/sign-in', { email: worker.email, password: PASSWORD })).body.stage).toBe('mfa');
    const answered = await own.post('/api/auth/second-factor', { code: totpCode(totpSecret as string, totpStep(deps.now())) });
    expect(answered.status).toBe(200);
  });

  it('limits sign-in attempts per client address', async () => {
    const limited = testDeps(db, { HARBOUR_SIGNIN_MAX_PER_ADDRESS: '3' });
    const limitedApp = await buildApp(limited, { webDir: '/nonexistent' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await from('192.0.2.77', limitedApp).signIn(`user${i}@test.example`, 'x')).statusCode);
    expect(statuses).toEqual([401, 401, 429, 429]);
    // Another address is not held back by this one.
    expect((await from('192.0.2.78', limitedApp).signIn('user9@test.example', 'x')).statusCode).toBe(401);
    await limitedApp.close();
  });

  it('requires a second factor set-up before a worker reaches staff routes, and a code after that', async () => {
    const worker = await makeAccount(deps, agencyId, ['worker']);
    const client = new Client(app);
    const started = await client.post('/api/auth/sign-in', { email: worker.email, password: PASSWORD });
    expect(started.body.stage).toBe('enrol');
    const blocked = await client.get('/api/agencies');
    expect(blocked.status).toBe(401);
    expect(blocked.body.error.code).toBe('second_factor_required');

    const enrolment = await client.post('/api/auth/second-factor/enrolment');
    expect(enrolment.status).toBe(200);
    expect(enrolment.body.qrCode).toMatch(/^data:image\/png;base64,/);
    expect(enrolment.body.otpauthUrl).toContain(`secret=${enrolment.body.secret}`);
    const badCode = await client.post('/api/auth/second-factor/enrolment/confirm', { code: '000000' });
    expect(badCode.status).toBe(400);
    const confirmed = await client.post('/api/auth/second-factor/enrolment/confirm', {
      code: totpCode(enrolment.body.secret, totpStep(deps.now())),
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect((await client.get('/api/agencies')).status).toBe(200);

    // The secret is stored sealed, never as the base32 text.
    const row = await deps.kysely.selectFrom('account').select('totpSecret').where('id', '=', worker.id).executeTakeFirstOrThrow();
    expect(Buffer.from(row.totpSecret as Uint8Array).toString('latin1')).not.toContain(enrolment.body.secret);

    // Next sign-in: password, then a code.
    deps.advance(60_000);
    const next = new Client(app);
    expect((await next.post('/api/auth/sign-in', { email: worker.email, password: PASSWORD })).body.stage).toBe('mfa');
    expect((await next.get('/api/agencies')).status).toBe(401);
    const code = totpCode(enrolment.body.secret, totpStep(deps.now()));
    expect((await next.post('/api/auth/second-factor', { code })).status).toBe(200);
    expect((await next.get('/api/agencies')).status).toBe(200);

    // The same code, replayed in the same 30 seconds by another session, is refused.
    const replay = new Client(app);
    await replay.post('/api/auth/sign-in', { email: worker.email, password: PASSWORD });
    const replayed = await replay.post('/api/auth/second-factor', { code });
    expect(replayed.status).toBe(401);
    expect((await replay.get('/api/agencies')).status).toBe(401);

    // A recovery code works once.
    const recovery = confirmed.body.recoveryCodes[0] as string;
    expect((await replay.post('/api/auth/second-factor', { code: recovery })).status).toBe(200);
    const again = new Client(app);
    await again.post('/api/auth/sign-in', { email: worker.email, password: PASSWORD });
    expect((await again.post('/api/auth/second-factor', { code: recovery })).status).toBe(401);
  });

  it('lets a worker in without a second factor only when HARBOUR_MFA=optional', async () => {
    const relaxed = testDeps(db, { HARBOUR_MFA: 'optional' });
    const relaxedApp = await buildApp(relaxed, { webDir: '/nonexistent' });
    const worker = await makeAccount(relaxed, agencyId, ['worker']);
    const client = new Client(relaxedApp);
    expect((await client.post('/api/auth/sign-in', { email: worker.email, password: PASSWORD })).body.stage).toBe('full');
    expect((await client.get('/api/auth/me')).body.secondFactorRequired).toBe(false);
    await relaxedApp.close();
  });

  it('gives a new session id at sign-in and at the second factor', async () => {
    const researcher = await makeAccount(deps, agencyId, ['researcher']);
    const client = new Client(app);
    await client.post('/api/auth/sign-in', { email: researcher.email, password: PASSWORD });
    const first = client.cookie;
    await client.post('/api/auth/sign-in', { email: researcher.email, password: PASSWORD });
    expect(client.cookie).not.toBe(first);
    const stale = new Client(app);
    stale.cookie = first;
    expect((await stale.get('/api/auth/me')).status).toBe(200); // a second device's session stays valid…
    const { client: worker } = await signedIn(app, deps, (await makeAccount(deps, agencyId, ['worker'])).email);
    expect(worker.cookie).toBeTruthy();
  });

  it('ends a session after the idle timeout and after the absolute lifetime', async () => {
    const researcher = await makeAccount(deps, agencyId, ['researcher']);
    const idle = new Client(app);
    await idle.post('/api/auth/sign-in', { email: researcher.email, password: PASSWORD });
    deps.advance(29 * 60_000);
    expect((await idle.get('/api/auth/me')).status).toBe(200);
    deps.advance(31 * 60_000);
    expect((await idle.get('/api/auth/me')).status).toBe(401);

    const busy = new Client(app);
    await busy.post('/api/auth/sign-in', { email: researcher.email, password: PASSWORD });
    for (let hour = 0; hour < 12; hour++) {
      deps.advance(20 * 60_000);
      expect((await busy.get('/api/auth/me')).status).toBe(200);
      deps.advance(20 * 60_000);
      expect((await busy.get('/api/auth/me')).status).toBe(200);
      deps.advance(20 * 60_000);
      const status = (await busy.get('/api/auth/me')).status;
      if (hour < 11) expect(status).toBe(200);
      else expect(status).toBe(401);
    }
  });

  it('refuses an unsafe request without the CSRF token, or from another site', async () => {
    const researcher = await makeAccount(deps, agencyId, ['researcher']);
    const client = new Client(app);
    await client.post('/api/auth/sign-in', { email: researcher.email, password: PASSWORD });
    const token = client.csrf;
    client.csrf = '';
    const without = await client.post('/api/auth/sign-out');
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('csrf_failed');
    client.csrf = 'x'.repeat(token.length);
    expect((await client.post('/api/auth/sign-out')).status).toBe(403);
    client.csrf = token;
    const crossSite = await client.request('POST', '/api/auth/sign-out', undefined, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    const loginCsrf = await new Client(app).request(
      'POST',
      '/api/auth/sign-in',
      { email: researcher.email, password: PASSWORD },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(loginCsrf.status).toBe(403);
    expect((await client.get('/api/auth/me')).status).toBe(200);
  });

  it('signs out with Clear-Site-Data, and "everywhere" ends every session of the account', async () => {
    const researcher = await makeAccount(deps, agencyId, ['researcher']);
    const laptop = new Client(app);
    const phone = new Client(app);
    await laptop.post('/api/auth/sign-in', { email: researcher.email, password: PASSWORD });
    await phone.post('/api/auth/sign-in', { email: researcher.email, password: PASSWORD });
    const out = await laptop.post('/api/auth/sign-out');
    expect(out.status).toBe(200);
    expect(out.headers['clear-site-data']).toContain('"cookies"');
    expect((await phone.get('/api/auth/me')).status).toBe(200);
    await laptop.post('/api/auth/sign-in', { email: researcher.email, password: PASSWORD });
    expect((await phone.post('/api/auth/sign-out-everywhere')).status).toBe(200);
    expect((await laptop.get('/api/auth/me')).status).toBe(401);
  });

  it('sets Secure __Host- cookies when served over HTTPS', async () => {
    const secure = testDeps(db, { HARBOUR_PUBLIC_URL: 'https://harbour.example' });
    const secureApp = await buildApp(secure, { webDir: '/nonexistent' });
    const researcher = await makeAccount(secure, agencyId, ['researcher']);
    const response = await new Client(secureApp).post('/api/auth/sign-in', { email: researcher.email, password: PASSWORD });
    const cookie = response.raw.cookies[0];
    expect(cookie?.name).toBe('__Host-harbour');
    expect(cookie?.secure).toBe(true);
    expect(cookie?.path).toBe('/');
    expect(response.headers['strict-transport-security']).toBeDefined();
    await secureApp.close();
  });
});
