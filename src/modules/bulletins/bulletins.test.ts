import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
import { Client, makeAccount, makeAgency, signedIn } from '../../../test/support/factories.js';
import { buildApp } from '../../server.js';
import { pendingEmails } from '../notifications/index.js';

const draft = (overrides: Record<string, unknown> = {}) => ({
  titleEn: 'Winter bulletin',
  titleFr: 'Bulletin d’hiver',
  bodyEn: '## Farm season\n\nThe **Niagara** group meets in January. See [the toolkit](https://example.org/toolkit).',
  bodyFr: '## Saison agricole\n\nLe groupe du **Niagara** se réunit en janvier.',
  audience: 'public',
  ...overrides,
});

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * Checks an Atom document against what RFC 4287 requires: well-formed XML in the Atom namespace;
 * a feed with one id, title and updated, and an author unless every entry has one; each entry with
 * one id (an absolute IRI), title and updated (RFC 3339), and a link rel="alternate" or content.
 */
function atomProblems(xml: string): string[] {
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) return [`not well-formed XML: ${wellFormed.err.msg}`];
  const { feed } = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml);
  const problems: string[] = [];
  if (feed?.['@xmlns'] !== 'http://www.w3.org/2005/Atom') problems.push('feed: not in the Atom namespace');
  const text = (value: unknown) =>
    typeof value === 'object' && value !== null && '#text' in value ? String(value['#text']) : String(value ?? '');
  for (const name of ['id', 'title', 'updated']) if (asList(feed[name]).length !== 1) problems.push(`feed: needs exactly one ${name}`);
  if (!rfc3339.test(text(feed.updated))) problems.push('feed: updated is not an RFC 3339 date');
  const entries = asList(feed.entry) as Array<Record<string, unknown>>;
  if (!feed.author && entries.some((entry) => !entry.author)) problems.push('feed: no author, and an entry without one');
  for (const [n, entry] of entries.entries()) {
    for (const name of ['id', 'title', 'updated'])
      if (asList(entry[name]).length !== 1) problems.push(`entry ${n}: needs exactly one ${name}`);
    if (!/^[a-z][a-z0-9+.-]*:/i.test(text(entry.id))) problems.push(`entry ${n}: id is not an absolute IRI`);
    if (!rfc3339.test(text(entry.updated))) problems.push(`entry ${n}: updated is not an RFC 3339 date`);
    const links = asList(entry.link) as Array<Record<string, string>>;
    if (!entry.content && !links.some((link) => (link['@rel'] ?? 'alternate') === 'alternate'))
      problems.push(`entry ${n}: no content and no alternate link`);
  }
  return problems;
}

describe.each(engines)('the network’s bulletins on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;
  let app: FastifyInstance;
  let network: Client;
  let worker: Client;
  let workerEmail: string;

  beforeAll(async () => {
    db = await openTestDb(engine);
    deps = testDeps(db);
    app = await buildApp(deps, { webDir: '/nonexistent' });
    const office = await makeAgency(deps, 'Network office');
    network = (await signedIn(app, deps, (await makeAccount(deps, office.id, ['network_admin'])).email)).client;
    const clinic = await makeAccount(deps, (await makeAgency(deps, 'Clinic')).id, ['worker']);
    workerEmail = clinic.email;
    worker = (await signedIn(app, deps, clinic.email)).client;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('lets network admins write and change a draft (compare-and-set) that no one else sees; others are refused', async () => {
    expect((await worker.post('/api/bulletins', draft())).status).toBe(403);
    expect((await new Client(app).get('/api/bulletins')).status).toBe(401);
    const made = await network.post('/api/bulletins', draft({ audience: 'members' }));
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ state: 'draft', publishedAt: null });
    expect((await worker.get(`/api/bulletins/${made.body.id}`)).status).toBe(404);
    expect((await worker.get('/api/bulletins')).body.some((b: { id: string }) => b.id === made.body.id)).toBe(false);
    const changed = await network.request('PUT', `/api/bulletins/${made.body.id}`, {
      ...draft({ titleEn: 'Winter bulletin, revised' }),
      was: made.body.revision,
    });
    expect(changed.body.titleEn).toBe('Winter bulletin, revised');
    const stale = await network.request('PUT', `/api/bulletins/${made.body.id}`, { ...draft(), was: made.body.revision });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/^was: the draft was saved again/);
  });

  it.each([
    [{ titleFr: '' }, /titleFr: at least 3 characters/],
    [{ bodyEn: 'short' }, /bodyEn: at least 10 characters/],
    [{ audience: 'everyone' }, /audience: members or public/],
  ])('names what is wrong with a bad draft: %j', async (overrides, message) => {
    const response = await network.post('/api/bulletins', draft(overrides));
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(message);
  });

  it('makes Markdown safe: raw HTML is text, script links and images are gone', async () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)',
      '![tracker](https://tracker.example.org/pixel.png)',
    ].join('\n\n');
    const { body } = await network.post('/api/bulletins/preview', { markdown: hostile });
    expect(body.html).not.toMatch(/<script|<img|<[^>]*\sonerror=|href="(javascript|data):/i);
    expect(body.html).toContain('&lt;script&gt;');
    expect((await worker.post('/api/bulletins/preview', { markdown: 'x' })).status).toBe(403);
  });

  it('publishes once: the email edition goes to everyone who can sign in; a published bulletin is not edited', async () => {
    const made = await network.post('/api/bulletins', draft({ titleEn: 'Members news', audience: 'members' }));
    const published = await network.post(`/api/bulletins/${made.body.id}/publish`, { was: made.body.revision });
    expect(published.body).toMatchObject({ state: 'published' });
    expect(published.body.htmlEn).toContain('<strong>Niagara</strong>');
    const letter = (await pendingEmails(deps)).find(
      (m) => m.toAddress === workerEmail && m.subject === 'Harbour: Members news / Bulletin d’hiver',
    );
    expect(letter?.body).toContain('The **Niagara** group meets in January.');
    expect(letter?.body).toContain(`/staff/bulletins/${made.body.id}`);
    expect((await worker.get(`/api/bulletins/${made.body.id}`)).body.titleEn).toBe('Members news');
    const again = await network.post(`/api/bulletins/${made.body.id}/publish`, { was: published.body.revision });
    expect(again.body.error.message).toMatch(/published bulletin is not edited/);
    // A members' bulletin is not public.
    expect((await new Client(app).get(`/api/public/bulletins/${made.body.id}`)).status).toBe(404);
    const actions = await deps.kysely.selectFrom('auditEvent').select('action').where('targetId', '=', made.body.id).execute();
    expect(actions.map((a) => a.action)).toEqual(['bulletin.draft', 'bulletin.publish']);
  });

  it('lets a member stop the email edition in one click (RFC 8058) and turn it back on; no one else is affected', async () => {
    const publishOne = async (titleEn: string) => {
      const made = await network.post('/api/bulletins', draft({ titleEn, audience: 'members' }));
      await network.post(`/api/bulletins/${made.body.id}/publish`, { was: made.body.revision });
      return (await pendingEmails(deps)).filter((m) => m.subject === `Harbour: ${titleEn} / Bulletin d’hiver`);
    };
    const first = await publishOne('Spring news');
    const letter = first.find((m) => m.toAddress === workerEmail);
    const headers = letter?.headers as Record<string, string>;
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const link = new URL(headers['List-Unsubscribe']?.slice(1, -1) as string);
    expect(letter?.body).toContain(link.href);
    const others = first.filter((m) => m.toAddress !== workerEmail).length;
    expect(others).toBeGreaterThan(0);

    // The link's page only asks; a forged token, or a group's, changes nothing.
    const page = await app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect(page.body).toContain('<form method="post"');
    const oneClick = (query: string, path = link.pathname) =>
      app.inject({
        method: 'POST',
        url: `${path}${query}`,
        payload: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const [list, accountId] = (link.searchParams.get('token') as string).split('.');
    expect(list).toBe('bulletins');
    expect((await oneClick(`?token=bulletins.${accountId}.forged0000000000000000000000000`)).statusCode).toBe(404);
    expect((await oneClick('?token=x')).statusCode).toBe(400);
    // The bulletins' token names no group.
    expect((await oneClick(link.search, '/api/lists/unsubscribe')).statusCode).toBe(404);
    expect((await worker.get('/api/bulletins/mail')).body).toEqual({ byEmail: true });

    const done = await oneClick(link.search);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ byEmail: false });
    expect((await oneClick(link.search)).statusCode).toBe(200);
    expect((await worker.get('/api/bulletins/mail')).body).toEqual({ byEmail: false });
    const second = await publishOne('Summer news');
    expect(second.map((m) => m.toAddress)).not.toContain(workerEmail);
    expect(second.length).toBe(others);

    // Back on, from the bulletins page: only one's own choice, and only signed in.
    expect((await new Client(app).request('PUT', '/api/bulletins/mail', { byEmail: true })).status).toBe(401);
    expect((await worker.request('PUT', '/api/bulletins/mail', { byEmail: 'yes' })).body.error.code).toBe('bad_request');
    expect((await worker.request('PUT', '/api/bulletins/mail', { byEmail: true })).body).toEqual({ byEmail: true });
    expect((await publishOne('Autumn news')).map((m) => m.toAddress)).toContain(workerEmail);
  });

  it('shows public bulletins to anyone, and in an Atom feed per language that meets RFC 4287', async () => {
    const made = await network.post('/api/bulletins', draft({ titleEn: 'Public news', titleFr: 'Nouvelles publiques' }));
    const draftOnly = await network.post('/api/bulletins', draft({ titleEn: 'Not yet', titleFr: 'Pas encore' }));
    await network.post(`/api/bulletins/${made.body.id}/publish`, { was: made.body.revision });
    const listed = await new Client(app).get('/api/public/bulletins');
    expect(listed.body.map((b: { titleEn: string }) => b.titleEn)).toContain('Public news');
    expect(listed.body.map((b: { id: string }) => b.id)).not.toContain(draftOnly.body.id);

    for (const lang of ['en', 'fr'] as const) {
      const response = await new Client(app).get(`/news.atom?lang=${lang}`);
      expect(response.headers['content-type']).toMatch(/^application\/atom\+xml/);
      const xml = response.raw.body;
      expect(atomProblems(xml)).toEqual([]);
      expect(xml).toContain(lang === 'fr' ? 'Nouvelles publiques' : 'Public news');
      expect(xml).toContain(`${deps.config.HARBOUR_PUBLIC_URL}/news/${made.body.id}`);
      expect(xml).not.toContain('Not yet');
      expect(xml).not.toContain('Members news');
    }
    expect((await new Client(app).get('/news.atom?lang=de')).status).toBe(400);
    // The checker itself finds what is missing.
    expect(atomProblems('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>')).toEqual(
      expect.arrayContaining(['feed: needs exactly one id', 'feed: needs exactly one updated']),
    );
  });
});
