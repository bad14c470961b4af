import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { expect, it } from 'vitest';
import { buildApp } from '../src/server.js';
import { openTestDb, testDeps } from './support/db.js';
import { makeAccount, makeAgency, signedIn } from './support/factories.js';

const built = fs.existsSync(path.resolve(import.meta.dirname, '..', 'web', 'dist', 'index.html'));

it.skipIf(!built && !process.env.CI)('serves the page shell for app paths and a JSON 404 for unknown API paths, to anyone', async () => {
  const db = await openTestDb('embedded');
  const app = await buildApp(testDeps(db));
  const unknown = await app.inject({ method: 'GET', url: '/api/nothing?x=1' });
  expect(unknown.statusCode).toBe(404);
  expect(unknown.json()).toEqual({ error: { code: 'not_found', message: 'no route GET /api/nothing' } });
  const page = await app.inject({ method: 'GET', url: '/directory' });
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('<div id="root">');
  expect(page.body).toContain('<meta name="description"');
  const robots = await app.inject({ method: 'GET', url: '/robots.txt' });
  expect(robots.headers['content-type']).toMatch(/^text\/plain/);
  expect(robots.body).toMatch(/^Disallow: \/staff$/m);
  expect(robots.body).toMatch(/^Disallow: \/invitation$/m);
  await app.close();
  await db.close();
});

it.skipIf(!built && !process.env.CI)(
  'sends assets as the brotli or gzip copy the build made, cached only in a signed-in worker’s browser, never a visitor’s',
  async () => {
    const db = await openTestDb('embedded');
    const deps = testDeps(db, { HARBOUR_MFA: 'optional' });
    const app = await buildApp(deps);
    const shell = await app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br, gzip' } });
    const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(shell.body)?.[1] as string;
    expect(script).toBeTruthy();
    expect(shell.headers['cache-control']).toBe('no-store');

    const plain = await app.inject({ method: 'GET', url: script });
    const brotli = await app.inject({ method: 'GET', url: script, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    const gzip = await app.inject({ method: 'GET', url: script, headers: { 'accept-encoding': 'gzip' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.brotliDecompressSync(brotli.rawPayload).toString()).toBe(plain.body);
    expect(zlib.gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
    expect(brotli.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    for (const answer of [plain, brotli, gzip]) {
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers['content-type']).toMatch(/javascript/);
    }
    const account = await makeAccount(deps, (await makeAgency(deps)).id, ['worker']);
    const { client } = await signedIn(app, deps, account.email);
    const kept = await client.get(script);
    expect(kept.status).toBe(200);
    expect(kept.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect((await client.get('/directory')).headers['cache-control']).toBe('no-store');
    await app.close();
    await db.close();
  },
);

it('compresses JSON for visitors who are not signed in, never for a session', async () => {
  const db = await openTestDb('embedded');
  const app = await buildApp(testDeps(db), { webDir: '/nonexistent' });
  const url = '/api/openapi.json';
  const visitor = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
  expect(visitor.headers['content-encoding']).toBe('br');
  expect(visitor.headers.vary).toContain('Accept-Encoding');
  const full = JSON.parse(zlib.brotliDecompressSync(visitor.rawPayload).toString());
  expect(full.openapi).toBeTruthy();
  expect(
    (await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip;q=0, br;q=0' } })).headers['content-encoding'],
  ).toBeUndefined();
  const signedIn = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br', cookie: 'harbour_session=whatever' } });
  expect(signedIn.headers['content-encoding']).toBeUndefined();
  expect(JSON.parse(signedIn.body).openapi).toBeTruthy();
  await app.close();
  await db.close();
});
