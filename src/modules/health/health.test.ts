import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, testDeps } from '../../../test/support/db.js';
import { buildApp } from '../../server.js';

describe.each(engines)('health and the API description on %s', (engine) => {
  let db: TestDb;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await openTestDb(engine);
    app = await buildApp(testDeps(db), { webDir: '/nonexistent' });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('answers health with the engine and version, without signing in', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      database: engine,
      databaseVersion: expect.stringMatching(/^PostgreSQL \d+\.\d+/),
      version: '0.1.0',
    });
    if (engine === 'embedded') expect(response.json().databaseVersion).toMatch(/^PostgreSQL 18\./);
  });

  it('describes every route in OpenAPI, with its request and response schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const spec = response.json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/health',
      '/api/auth/sign-in',
      '/api/auth/me',
      '/api/agencies',
      '/api/accounts',
      '/api/accounts/{id}/disable',
      '/api/cases/{id}/notes',
      '/api/cases/{id}/documents/{documentId}',
      '/api/cases/{id}/close',
      '/api/cases/{id}/copy',
      '/api/notifications',
      '/api/notifications/{id}/read',
      '/api/referrals',
      '/api/referrals/{id}/state',
      '/api/referrals/{id}/withdraw-consent',
    ]) {
      expect(Object.keys(spec.paths)).toContain(path);
    }
    const signIn = spec.paths['/api/auth/sign-in'].post;
    expect(signIn.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
    expect(Object.keys(signIn.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '429']));
  });

  it('serves the API browser', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });
});
