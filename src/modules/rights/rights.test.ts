import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
import { asActor, type Client, makeAccount, makeAgency, signedIn } from '../../../test/support/factories.js';
import { projectRoot } from '../../platform/project.js';
import { buildApp } from '../../server.js';
import { loadRights, rightsContent } from './content.js';
import { negotiate, recordReview, reviewStates, rightsPage } from './service.js';

const { languages, topics } = rightsContent();

describe('choosing the language of a visitor who named none', () => {
  it('takes the first of the browser’s languages the pages have, by weight and on the main subtag; else English', () => {
    expect(negotiate('fr-CA,fr;q=0.9,en;q=0.8', languages)).toBe('fr');
    expect(negotiate('es-MX,es;q=0.9,fr;q=0.5', languages)).toBe('es');
    expect(negotiate('ar-EG', languages)).toBe('ar');
    expect(negotiate('en;q=0.2, fr;q=0.8', languages)).toBe('fr');
    expect(negotiate('de', languages)).toBe('en');
    expect(negotiate(undefined, languages)).toBe('en');
    expect(negotiate('fr;q=0, en', languages)).toBe('en');
  });
});

describe('the rights pages’ data', () => {
  it('names the file and the field that does not fit', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-rights-'));
    fs.cpSync(path.join(projectRoot(), 'data', 'rights'), dir, { recursive: true });
    const file = path.join(dir, 'fr', 'health-care.json');
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), title: '' }));
    expect(() => loadRights(dir)).toThrow(/fr\/health-care\.json: title: required/);
    fs.rmSync(file);
    expect(() => loadRights(dir)).toThrow(/health-care\.json/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe.each(engines)('the rights pages on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;
  let app: FastifyInstance;
  let admin: Client;
  let coordinator: Client;
  let adminActor: ReturnType<typeof asActor>;
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    db = await openTestDb(engine);
    deps = testDeps(db);
    app = await buildApp(deps, { webDir: '/nonexistent' });
    const agencyId = (await makeAgency(deps)).id;
    const adminAccount = await makeAccount(deps, agencyId, ['network_admin']);
    adminActor = asActor(adminAccount);
    admin = (await signedIn(app, deps, adminAccount.email)).client;
    coordinator = (await signedIn(app, deps, (await makeAccount(deps, agencyId, ['coordinator'])).email)).client;
  });
  afterAll(async () => db.close());

  it('sends a visitor to the pages in their browser’s language, with no cookie', async () => {
    const french = await get('/rights', { 'accept-language': 'fr-CA,fr;q=0.9' });
    expect(french.statusCode).toBe(302);
    expect(french.headers.location).toBe('/rights/fr');
    expect(french.headers.vary).toBe('Accept-Language');
    expect((await get('/rights')).headers.location).toBe('/rights/en');
    const index = await get('/rights/fr');
    expect(index.body).toContain('<html lang="fr" dir="ltr">');
    for (const topic of topics) expect(index.body).toContain(`href="/rights/fr/${topic}"`);
    expect(index.headers['set-cookie']).toBeUndefined();
  });

  it('serves every topic in every language as HTML that needs no script, with its sources, the hotline and a quick exit', async () => {
    for (const language of languages)
      for (const topic of topics) {
        const page = await get(`/rights/${language.code}/${topic}`);
        expect(page.statusCode, `${language.code}/${topic}`).toBe(200);
        expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(page.headers['cache-control']).toBe('no-store');
        expect(page.headers['set-cookie']).toBeUndefined();
        expect(page.body).toContain(`<html lang="${language.code}" dir="${language.dir}">`);
        expect(page.body).toContain('1-833-900-1010');
        expect(page.body).toContain('911');
        expect(page.body).toContain('href="/leave" data-quick-exit');
        for (const source of rightsContent().pages.get(`${language.code}/${topic}`)?.sources ?? [])
          expect(page.body).toContain(source.replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
        // Each language is named in itself in the picker, and the page links to itself by QR for the printed leaflet.
        for (const other of languages) expect(page.body).toContain(`lang="${other.code}" dir="${other.dir}">${other.autonym}<`);
        expect(page.body).toContain('<svg');
        // A translation says it is a draft until a native speaker's check is recorded; the network's own texts do not.
        expect(page.body.includes('class="draft"'), `${language.code}/${topic}`).toBe(!language.original);
        expect(page.body).toContain(`href="/rights/fonts/${language.font}.css"`);
      }
  });

  it('weighs at most 30 KB compressed, with its style sheet and script', async () => {
    for (const language of languages)
      for (const topic of topics) {
        const html = (await get(`/rights/${language.code}/${topic}`)).rawPayload;
        const css = (await get('/rights/assets/rights.css')).rawPayload;
        const js = (await get('/rights/assets/exit.js')).rawPayload;
        const weight = [html, css, js].reduce((sum, part) => sum + zlib.gzipSync(part).length, 0);
        expect(weight, `${language.code}/${topic}`).toBeLessThanOrEqual(30 * 1024);
      }
  });

  it('serves each script’s font itself, and nothing else from its packages', async () => {
    const css = await get('/rights/fonts/noto-sans-arabic.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain("font-family: 'Noto Sans Arabic'");
    expect(css.body).not.toContain('.woff)');
    const file = /url\((\/rights\/fonts\/noto-sans-arabic\/[a-z0-9-]+\.woff2)\)/.exec(css.body)?.[1] as string;
    const font = await get(file);
    expect(font.statusCode).toBe(200);
    expect(font.headers['content-type']).toBe('font/woff2');
    expect((await get('/rights/fonts/lato.css')).statusCode).toBe(404);
    expect((await get('/rights/fonts/noto-sans-arabic/package.json')).statusCode).toBe(404);
    expect((await get('/rights/fonts/noto-sans-arabic/..%2f..%2f..%2fpackage.json')).statusCode).toBe(404);
  });

  it('answers a page that is not there with the index in the visitor’s language, as 404', async () => {
    const missing = await get('/rights/fr/nothing-here', { 'accept-language': 'fr' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('<html lang="fr"');
    expect((await get('/rights/xx', { 'accept-language': 'en' })).statusCode).toBe(404);
    expect((await get('/rights/assets/secret.txt')).statusCode).toBe(404);
    expect((await get('/rights/assets/..%2f..%2fpackage.json')).statusCode).toBe(404);
  });

  it('lets a network admin record who checked a translation: the page stops saying draft until its text changes', async () => {
    // A copy of the pages, so the test can change a translation's text afterwards.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-rights-'));
    fs.cpSync(path.join(projectRoot(), 'data', 'rights'), dir, { recursive: true });
    const withSpanish = loadRights(dir);

    expect(await rightsPage(deps, 'es', 'work-rights', withSpanish)).toContain('class="draft"');
    await recordReview(
      deps,
      adminActor,
      { language: 'es', topic: 'work-rights', reviewer: 'Lucía Ramírez', reviewedOn: '2026-01-10' },
      withSpanish,
    );
    const checked = await rightsPage(deps, 'es', 'work-rights', withSpanish);
    expect(checked).not.toContain('class="draft"');
    expect(checked).toContain('Traducción revisada por Lucía Ramírez el 2026-01-10.');
    expect((await reviewStates(deps, adminActor, withSpanish)).find((s) => s.language === 'es' && s.topic === 'work-rights')).toEqual(
      expect.objectContaining({ state: 'reviewed', reviewer: 'Lucía Ramírez', reviewedOn: '2026-01-10' }),
    );
    // The text changes: the page is a draft again, and says it was checked before the change.
    const page = path.join(dir, 'es', 'work-rights.json');
    fs.writeFileSync(page, JSON.stringify({ ...JSON.parse(fs.readFileSync(page, 'utf8')), summary: 'Changed.' }));
    const changed = await rightsPage(deps, 'es', 'work-rights', loadRights(dir));
    expect(changed).toContain('la página cambió después');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a review of the network’s own text, of a page that is not there, or from anyone but a network admin', async () => {
    const review = { language: 'fr', topic: 'work-rights', reviewer: 'Someone', reviewedOn: '2026-01-10' };
    const own = await admin.post('/api/rights/reviews', review);
    expect(own.status).toBe(400);
    expect(own.body.error.message).toMatch(/language: Français is the network's own text/);
    expect((await admin.post('/api/rights/reviews', { ...review, language: 'xx' })).body.error.message).toMatch(
      /language: no rights pages in xx/,
    );
    expect((await admin.post('/api/rights/reviews', { ...review, reviewedOn: '2026-02-30' })).body.error.message).toMatch(
      /reviewedOn: not a real date/,
    );
    expect((await admin.post('/api/rights/reviews', { ...review, reviewer: '' })).status).toBe(400);
    expect((await coordinator.post('/api/rights/reviews', review)).status).toBe(403);
    expect((await coordinator.get('/api/rights/reviews')).status).toBe(403);
    const states = (await admin.get('/api/rights/reviews')).body as Array<{ language: string; state: string }>;
    // Each page in each language, and the help form's words in each language.
    expect(states).toHaveLength(languages.length * (topics.length + 1));
    expect(new Set(states.filter((s) => s.language === 'en' || s.language === 'fr').map((s) => s.state))).toEqual(new Set(['original']));
  });
});
