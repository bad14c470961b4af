import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { buildApp } from '../src/server.js';
import { openTestDb, testDeps } from './support/db.js';

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
  await app.close();
  await db.close();
});
