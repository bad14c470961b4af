import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
import { Client, makeAccount, makeAgency, signedIn } from '../../../test/support/factories.js';
import { buildApp } from '../../server.js';
import { loadSampleLibrary } from './service.js';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe.each(engines)('the tools library on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;
  let app: FastifyInstance;
  let agencyId: string;
  let admin: Client;
  let stranger: Client;
  let member: Client;
  let network: Client;

  beforeAll(async () => {
    db = await openTestDb(engine);
    deps = testDeps(db, { HARBOUR_LIBRARY_MAX_FILE_MB: '1' });
    deps.setNow(new Date('2026-11-23T15:00:00Z'));
    app = await buildApp(deps, { webDir: '/nonexistent' });
    agencyId = (await makeAgency(deps)).id;
    const other = (await makeAgency(deps)).id;
    await loadSampleLibrary(deps);
    admin = (await signedIn(app, deps, (await makeAccount(deps, agencyId, ['agency_admin'])).email)).client;
    stranger = (await signedIn(app, deps, (await makeAccount(deps, other, ['agency_admin'])).email)).client;
    member = (await signedIn(app, deps, (await makeAccount(deps, other, ['worker'])).email)).client;
    network = (await signedIn(app, deps, (await makeAccount(deps, other, ['network_admin'])).email)).client;
  });
  afterAll(async () => db.close());

  const share = (client: Client, extra: Record<string, unknown> = {}) =>
    client.post('/api/library/resources', {
      titleEn: 'Interviewing with care',
      titleFr: 'Mener une entrevue avec soin',
      summaryEn: 'Questions that do not retraumatize.',
      summaryFr: 'Des questions qui ne retraumatisent pas.',
      category: 'service-provision',
      kind: 'interview-technique',
      audiences: ['ngo-workers'],
      languages: ['en', 'fr'],
      region: 'QC',
      link: 'https://example.org/interviewing',
      ...extra,
    });

  it('holds the start-up toolkit with Harbour’s own tools, open to the public', async () => {
    const collections = await new Client(app).get('/api/library/collections');
    expect(collections.body).toEqual([expect.objectContaining({ slug: 'start-up-toolkit', count: 2 })]);
    const toolkit = await new Client(app).get('/api/library/collections/start-up-toolkit');
    expect(toolkit.body.title.fr).toBe('Trousse de démarrage');
    expect(toolkit.body.resources.map((r: { link: string }) => r.link)).toEqual(['/identification', '/safety']);
    expect((await new Client(app).get('/api/library/collections/nothing-here')).status).toBe(404);
  });

  it('lets an agency admin share a resource, found in English and French, and refuses others', async () => {
    const shared = await share(admin);
    expect(shared.status).toBe(201);
    expect((await share(stranger, { agencyId })).status).toBe(403);
    expect((await share(member)).status).toBe(403);
    expect((await share(new Client(app))).status).toBe(401);

    const search = async (query: string) => (await new Client(app).get(`/api/library/resources?${query}`)).body;
    expect((await search('q=interviewing')).results.map((r: { id: string }) => r.id)).toEqual([shared.body.id]);
    expect((await search(`q=${encodeURIComponent('entrevues')}`)).results.map((r: { id: string }) => r.id)).toEqual([shared.body.id]);
    expect((await search('kind=interview-technique&language=fr')).total).toBe(1);
    expect((await search('category=awareness')).results.map((r: { kind: string }) => r.kind)).toEqual(['faq']);
    // A resource for all of Canada is found in every region; one for Quebec only there.
    expect((await search('region=ON')).total).toBe(2);
    expect((await search('region=QC')).total).toBe(3);
    expect((await search('collection=start-up-toolkit')).total).toBe(2);
    const event = await deps.kysely.selectFrom('auditEvent').select('action').where('targetId', '=', shared.body.id).executeTakeFirst();
    expect(event?.action).toBe('library.resource.create');
  });

  it.each([
    ['kind=astrology', 'kind: not a known kind of resource'],
    ['category=gossip', 'category: awareness or service-provision'],
    ['language=xx', 'language: not a known language'],
    ['pageSize=51', 'pageSize: at most 50'],
    ['region=ZZ', 'region: CA, or a two-letter province'],
  ])('answers %s with 400 naming the parameter', async (query, message) => {
    const response = await new Client(app).get(`/api/library/resources?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(message);
  });

  it('finds a tool in its own language by its title there — "derechos" finds a Spanish pamphlet — accents and case forgiven', async () => {
    const made = await share(admin, {
      titleEn: 'Your rights at work (Spanish)',
      titleFr: 'Vos droits au travail (espagnol)',
      languages: ['es'],
      ownLanguage: 'es',
      titleOwn: 'Tus derechos en el trabajo',
      summaryOwn: 'Qué hacer si tu empleador guarda tu pasaporte.',
    });
    expect(made.status).toBe(201);
    const id = made.body.id;
    for (const q of ['derechos', 'DERECHOS', 'pasaporte empleador'])
      expect(
        (await new Client(app).get(`/api/library/resources?q=${encodeURIComponent(q)}`)).body.results.map((r: { id: string }) => r.id),
        q,
      ).toContain(id);
    const found = (await new Client(app).get('/api/library/resources?q=derechos')).body.results.find((r: { id: string }) => r.id === id);
    expect(found.own).toEqual({
      language: 'es',
      title: 'Tus derechos en el trabajo',
      summary: 'Qué hacer si tu empleador guarda tu pasaporte.',
    });
    // Still found in English and French as before.
    expect((await new Client(app).get('/api/library/resources?q=rights%20work')).body.results.map((r: { id: string }) => r.id)).toContain(
      id,
    );
    const tagalog = await share(admin, { languages: ['tl'], ownLanguage: 'tl', titleOwn: 'Ang iyong mga karapatan' });
    expect((await new Client(app).get('/api/library/resources?q=karapatan')).body.results.map((r: { id: string }) => r.id)).toEqual([
      tagalog.body.id,
    ]);
  });

  it('refuses a title in its own language without the language, or the other way round, and English or French as one', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ownLanguage: 'es' }, /titleOwn: the title in es/],
      [{ titleOwn: 'Tus derechos' }, /ownLanguage: the language of titleOwn/],
      [{ ownLanguage: 'en', titleOwn: 'Rights' }, /ownLanguage: a language other than English and French/],
      [{ ownLanguage: 'xx', titleOwn: 'Rights' }, /ownLanguage: not a known language/],
    ];
    for (const [extra, message] of cases) {
      const refused = await share(admin, extra);
      expect(refused.status, JSON.stringify(extra)).toBe(400);
      expect(refused.body.error.message).toMatch(message);
    }
  });

  it('refuses a bad resource by field', async () => {
    const bad = await share(admin, { titleEn: 'X', kind: 'scroll', link: 'javascript:alert(1)', audiences: ['everyone'] });
    expect(bad.status).toBe(400);
    for (const part of [
      'titleEn: at least 2 characters',
      'kind: not a known kind',
      'link: a full web address',
      'audiences.0: not a known audience',
    ]) {
      expect(bad.body.error.message).toContain(part);
    }
  });

  it('keeps members-only resources from the public, even by id', async () => {
    const secret = await share(admin, { titleEn: 'Sample MOU between shelters', kind: 'sample-mou', membersOnly: true, link: null });
    expect(secret.status).toBe(201);
    const id = secret.body.id;
    // Nothing to open yet (no link, no file): not listed even for members, but its keeper sees it.
    expect((await member.get(`/api/library/resources/${id}`)).status).toBe(404);
    expect(((await admin.get('/api/library/mine')).body as Array<{ id: string }>).map((r) => r.id)).toContain(id);
    expect(((await stranger.get('/api/library/mine')).body as Array<{ id: string }>).map((r) => r.id)).not.toContain(id);
    expect((await member.get('/api/library/mine')).status).toBe(403);
    const uploaded = await admin.request('PUT', `/api/library/resources/${id}/file?name=mou.pdf`, pdf, {
      'content-type': 'application/pdf',
    });
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.file).toMatchObject({ name: 'mou.pdf', mediaType: 'application/pdf', size: pdf.length });

    expect((await new Client(app).get(`/api/library/resources/${id}`)).status).toBe(404);
    expect((await new Client(app).get(`/api/library/resources/${id}/file`)).status).toBe(404);
    expect((await new Client(app).get('/api/library/resources?q=MOU')).body.total).toBe(0);
    expect((await member.get('/api/library/resources?q=MOU')).body.total).toBe(1);
    const download = await member.get(`/api/library/resources/${id}/file`);
    expect(download.status).toBe(200);
    expect(download.raw.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="mou.pdf"/);
    expect(download.headers['content-security-policy']).toContain('sandbox');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
  });

  it('stores only files that are what they say, within the size limit, and only for their keeper', async () => {
    const id = (await share(admin, { titleEn: 'Awareness poster', kind: 'poster', category: 'awareness' })).body.id;
    const put = (client: Client, body: Buffer, type: string, name = 'poster.png') =>
      client.request('PUT', `/api/library/resources/${id}/file?name=${encodeURIComponent(name)}`, body, { 'content-type': type });
    const disguised = await put(admin, Buffer.from('<script>alert(1)</script>'), 'image/png');
    expect(disguised.status).toBe(415);
    expect(disguised.body.error.message).toBe('the file is not a png file, whatever its name says');
    expect((await put(admin, png, 'text/html', 'poster.html')).status).toBe(415);
    expect((await put(admin, png, 'image/png', 'poster.pdf')).body.error.message).toBe("name: a png file's name ends in .png");
    const big = Buffer.concat([png, Buffer.alloc(2 * 2 ** 20)]);
    expect((await put(admin, big, 'image/png')).status).toBe(413);
    expect((await put(stranger, png, 'image/png')).status).toBe(403);
    const stored = await put(admin, png, 'image/png', '../../etc/poster.png');
    expect(stored.status).toBe(200);
    expect(stored.body.file.name).toBe('poster.png');
  });

  it('lets the keeper change and remove a resource, and the network admin curate collections', async () => {
    const id = (await share(admin, { titleEn: 'Lessons from a shelter', kind: 'lessons-learned' })).body.id;
    const changed = await admin.request('PATCH', `/api/library/resources/${id}`, { titleEn: 'Lessons learned in a shelter' });
    expect(changed.body.title.en).toBe('Lessons learned in a shelter');
    expect((await stranger.request('PATCH', `/api/library/resources/${id}`, { titleEn: 'Mine now' })).status).toBe(403);
    expect((await admin.request('PATCH', `/api/library/resources/${id}`, {})).body.error.message).toContain('name at least one field');

    expect((await admin.post('/api/library/collections', { slug: 'shelters', titleEn: 'Shelters', titleFr: 'Refuges' })).status).toBe(403);
    expect((await network.post('/api/library/collections', { slug: 'Not A Slug', titleEn: 'Shelters', titleFr: 'Refuges' })).status).toBe(
      400,
    );
    expect((await network.post('/api/library/collections', { slug: 'shelters', titleEn: 'Shelters', titleFr: 'Refuges' })).status).toBe(
      201,
    );
    expect((await network.post('/api/library/collections', { slug: 'shelters', titleEn: 'Again', titleFr: 'Encore' })).status).toBe(409);
    const missing = '00000000-0000-4000-8000-000000000000';
    const refused = await network.request('PUT', '/api/library/collections/shelters/items', { resourceIds: [id, missing] });
    expect(refused.body.error.message).toBe(`resourceIds: no resource ${missing}`);
    const set = await network.request('PUT', '/api/library/collections/shelters/items', { resourceIds: [id] });
    expect(set.body.resources.map((r: { id: string }) => r.id)).toEqual([id]);

    expect((await stranger.request('DELETE', `/api/library/resources/${id}`)).status).toBe(403);
    expect((await admin.request('DELETE', `/api/library/resources/${id}`)).status).toBe(204);
    expect((await new Client(app).get(`/api/library/resources/${id}`)).status).toBe(404);
    expect((await new Client(app).get('/api/library/collections/shelters')).body.count).toBe(0);
  });
});
