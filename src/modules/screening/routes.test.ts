import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb, testDeps } from '../../../test/support/db.js';
import { Client, makeAccount, makeAgency, signedIn } from '../../../test/support/factories.js';
import { buildApp } from '../../server.js';

describe('the identification aid API', () => {
  let db: TestDb;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await openTestDb('embedded');
    app = await buildApp(testDeps(db), { webDir: '/nonexistent' });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('serves the lists and the spectrum to anyone, without signing in', async () => {
    const client = new Client(app);
    const lists = await client.get('/api/screening/lists');
    expect(lists.status).toBe(200);
    expect(lists.body.map((l: { id: string }) => l.id)).toEqual(['ilo-2009-adult-labour', 'ilo-2009-child-labour']);
    const child = await client.get('/api/screening/lists/ilo-2009-child-labour');
    expect(child.body.indicators).toHaveLength(67);
    expect(child.body.confirmed).toBe(false);
    const spectrum = await client.get('/api/screening/spectrum');
    expect(spectrum.body.categories.map((c: { id: string }) => c.id)).toContain('labour-rights');
    expect((await client.get('/api/screening/lists/nope')).status).toBe(404);
  });

  it('evaluates ticked indicators and stores nothing', async () => {
    const before = await db.kysely
      .selectFrom('auditEvent')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await new Client(app).post('/api/screening/assessments', {
      listId: 'ilo-2009-adult-labour',
      indicators: ['DR1', 'DR2', 'EC1', 'EC2', 'CD1', 'CD2'],
    });
    expect(response.status).toBe(200);
    expect(response.body.indicatesTrafficking).toBe(true);
    expect(response.body.spectrum.level).toBe('trafficking');
    const after = await db.kysely
      .selectFrom('auditEvent')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('names what is wrong in bad input', async () => {
    const client = new Client(app);
    const unknownList = await client.post('/api/screening/assessments', { listId: 'horoscope', indicators: [] });
    expect(unknownList.status).toBe(400);
    expect(unknownList.body.error.message).toBe('listId: no indicator list horoscope');
    const unknownIndicator = await client.post('/api/screening/assessments', {
      listId: 'ilo-2009-adult-labour',
      indicators: ['DR1', 'ZZ9'],
    });
    expect(unknownIndicator.status).toBe(400);
    expect(unknownIndicator.body.error.message).toBe('indicators: not in list ilo-2009-adult-labour: ZZ9');
    const shape = await client.post('/api/screening/assessments', { indicators: 'DR1' });
    expect(shape.status).toBe(400);
    expect(shape.body.error.message).toContain('listId: required');
    expect(shape.body.error.message).toContain('indicators:');
  });

  it('refuses an evaluation posted from another site', async () => {
    const response = await new Client(app).request(
      'POST',
      '/api/screening/assessments',
      { listId: 'ilo-2009-adult-labour', indicators: [] },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(response.status).toBe(403);
  });

  it('treats every agency alike: a signed-in worker of any agency gets the same public answer, and no session is needed', async () => {
    const deps = testDeps(db);
    const agency = await makeAgency(deps);
    const { client } = await signedIn(app, deps, (await makeAccount(deps, agency.id, ['researcher'])).email);
    const anonymous = await new Client(app).get('/api/screening/lists/ilo-2009-adult-labour');
    const signedInAnswer = await client.get('/api/screening/lists/ilo-2009-adult-labour');
    expect(signedInAnswer.body).toEqual(anonymous.body);
  });
});
