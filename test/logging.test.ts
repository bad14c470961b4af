import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { buildApp } from '../src/server.js';
import { openTestDb, testDeps } from './support/db.js';
import { Client, makeAccount, makeAgency } from './support/factories.js';

it('logs neither the client address, nor query strings, nor values quoted by a failing query, nor sign-in emails', async () => {
  const db = await openTestDb('embedded');
  const deps = testDeps(db, { LOG_LEVEL: 'info' });
  const stream = new PassThrough();
  let logged = '';
  stream.on('data', (chunk) => {
    logged += chunk;
  });
  const app = await buildApp(deps, { logger: true, logStream: stream, webDir: '/nonexistent' });
  app.get('/api/test-failure', { config: { access: 'public' } }, async () => {
    await sql`SELECT ${'Maria Santos'}::int`.execute(deps.kysely);
    return 'unreachable';
  });
  const failed = await app.inject({ method: 'GET', url: '/api/test-failure?name=Maria', remoteAddress: '203.0.113.7' });
  expect(failed.statusCode).toBe(500);
  expect(failed.json()).toEqual({ error: { code: 'internal', message: 'something went wrong on our side' } });
  expect(failed.body).not.toContain('Maria');

  const agency = await makeAgency(deps);
  const account = await makeAccount(deps, agency.id, ['researcher']);
  await new Client(app).post('/api/auth/sign-in', { email: account.email, password: 'wrong password' });
  await app.close();
  await db.close();

  expect(logged).toContain('request failed');
  expect(logged).toContain('22P02');
  expect(logged).not.toContain('Maria');
  expect(logged).not.toContain('203.0.113.7');
  expect(logged).not.toContain('name=');
  expect(logged).not.toContain(account.email);
});
