import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
import { asActor, type Client, makeAccount, makeAgency, makeCase, makeReferral, signedIn } from '../../../test/support/factories.js';
import { ConfigError, loadConfig } from '../../config.js';
import { buildApp } from '../../server.js';
import { refreshCaseFacts } from '../cases/service.js';
import { formulaSafe } from './csv.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe.each(engines)('pooled statistics on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;
  let app: FastifyInstance;
  let agencyA: string;
  let agencyB: string;
  let researcher: Client;
  let coordinatorA: Client;
  let networkAdmin: Client;
  let caseId: string;
  let referralId: string;

  const login = async (agency: string, roles: Parameters<typeof makeAccount>[2]) => {
    const account = await makeAccount(deps, agency, roles);
    return (await signedIn(app, deps, account.email)).client;
  };
  /** Many de-identified rows at once, as the statistics capability sees them. */
  const facts = async (agencyId: string, count: number, values: Record<string, unknown>) =>
    deps.kysely
      .insertInto('caseFact')
      .values(
        Array.from({ length: count }, () => ({
          year: 2025,
          province: 'ON',
          ageBand: '25-34',
          gender: 'woman',
          citizenshipRegion: 'asia',
          exploitation: ['labour'],
          sector: 'agriculture',
          cameThrough: 'self',
          pathways: JSON.stringify({}),
          needs: ['status'],
          needsMet: [],
          agencyId,
          ...values,
        })),
      )
      .execute();

  beforeAll(async () => {
    db = await openTestDb(engine);
    deps = testDeps(db, { HARBOUR_MFA: 'optional', HARBOUR_STATS_EPSILON_BUDGET: '2' });
    app = await buildApp(deps, { webDir: '/nonexistent' });
    agencyA = (await makeAgency(deps, 'Agency A')).id;
    agencyB = (await makeAgency(deps, 'Agency B')).id;
    researcher = await login(agencyA, ['researcher']);
    const coordinatorAccount = await makeAccount(deps, agencyA, ['coordinator']);
    coordinatorA = (await signedIn(app, deps, coordinatorAccount.email)).client;
    const coordinatorActor = asActor(coordinatorAccount);
    networkAdmin = await login(agencyB, ['network_admin']);
    await facts(agencyA, 40, {});
    await facts(agencyB, 25, { province: 'QC', exploitation: ['sexual'], sector: 'sex-industry' });
    await facts(agencyB, 3, { province: 'NU', sector: 'fishing' });
    await facts(agencyA, 12, { year: 2024, cameThrough: 'referral' });
    caseId = (
      await makeCase(deps, coordinatorActor, {
        person: { names: ['Esperanza Quintero'], dateOfBirth: '1990-04-17', contact: '+1 514 555 0199' },
        situation: { exploitation: ['labour'], sector: 'agriculture', cameThrough: 'self' },
      })
    ).id;
    await coordinatorA.post(`/api/cases/${caseId}/notes`, { text: 'Confided about the employer in Leamington' });
    const other = await makeAgency(deps, 'Agency C');
    referralId = (
      await makeReferral(deps, coordinatorActor, {
        toAgencyId: other.id,
        shared: { person: { name: 'Esperanza' }, needs: ['legal'], safeContact: { channel: 'phone', reachAt: '514-555-0142' } },
        consent: { givenOn: '2026-11-23', until: '2027-01-01', agreed: true },
      })
    ).id;
  });
  afterAll(async () => db.close());

  it('shows the network’s pooled figures with small counts hidden, and totals that give none back', async () => {
    const answer = await researcher.get('/api/stats/dashboard');
    expect(answer.status).toBe(200);
    expect(answer.body.threshold).toBe(10);
    const byProvince = answer.body.charts.find((c: { id: string }) => c.id === 'cases-by-year-province');
    expect(byProvince.cols).toEqual(expect.arrayContaining(['ON', 'QC', 'NU']));
    const at = (year: string, province: string) => byProvince.cells[byProvince.rows.indexOf(year)][byProvince.cols.indexOf(province)];
    expect(at('2025', 'NU')).toBeNull();
    // What is shown is true; what else is hidden is disclosure control's choice.
    for (const [year, province, truth] of [
      ['2025', 'ON', 40],
      ['2025', 'QC', 25],
      ['2024', 'ON', 12],
    ] as const)
      if (at(year, province) !== null) expect(at(year, province)).toBe(truth);
    expect(byProvince.cells.flat().filter((v: number | null) => v !== null).length).toBeGreaterThan(0);
    expect(byProvince.suppressed).toBeGreaterThanOrEqual(2);
    const sectors = answer.body.charts.find((c: { id: string }) => c.id === 'sectors');
    expect(sectors.cells.flat().filter((v: number | null) => v === null).length).not.toBe(1);
    expect(JSON.stringify(answer.body)).not.toMatch(UUID);
  });

  it('gives an agency its own figures, and a researcher only the network’s', async () => {
    const own = await coordinatorA.get('/api/stats/dashboard?scope=agency');
    const byProvince = own.body.charts.find((c: { id: string }) => c.id === 'cases-by-year-province');
    expect(byProvince.cols).not.toContain('QC');
    expect((await researcher.get('/api/stats/dashboard?scope=agency')).status).toBe(403);
    const bad = await researcher.get('/api/stats/dashboard?yearFrom=2026&yearTo=2020');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/yearTo/);
    expect((await researcher.get('/api/stats/dashboard?province=XX')).body.error.message).toMatch(/province/);
    const worker = await login(agencyA, ['worker']);
    expect((await worker.get('/api/stats/dashboard')).status).toBe(403);
  });

  it('exports a chart as CSV with a byte-order mark, hidden figures as x, and no id', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/stats/charts/cases-by-year-province/csv',
      headers: { cookie: researcher.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.body.startsWith('\uFEFF')).toBe(true);
    expect(response.body).toContain('year,');
    expect(response.body).toMatch(/\bx\b/);
    expect(response.body).not.toMatch(UUID);
    expect((await researcher.get('/api/stats/charts/nonsense/csv')).status).toBe(400);
    expect(formulaSafe('=HYPERLINK("http://evil")')).toBe('\'=HYPERLINK("http://evil")');
    expect(formulaSafe('-2+3')).toBe("'-2+3");
    expect(formulaSafe('labour')).toBe('labour');
  });

  it('exports k-anonymised microdata (k = 11) with no id, free text, name or date of birth', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/stats/microdata', headers: { cookie: researcher.cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-harbour-k']).toBe('11');
    const lines = response.body.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe(
      'yearOfRegistration,provinceOfRegistration,ageBroad,majorityStatus,gender,citizenshipRegion,isForcedLabour,isSexualExploit,isOtherExploit,typeOfLabour,referredBy',
    );
    const counts = new Map<string, number>();
    for (const line of lines.slice(1)) counts.set(line, (counts.get(line) ?? 0) + 1);
    expect(Math.min(...counts.values())).toBeGreaterThanOrEqual(11);
    for (const secret of ['Esperanza', 'Quintero', '1990-04-17', '555', 'Leamington', caseId, referralId])
      expect(response.body).not.toContain(secret);
    expect(response.body).not.toMatch(UUID);
    expect((await coordinatorA.get('/api/stats/microdata')).status).toBe(403);
  });

  it('refuses the researcher every case and referral route, before reading any input', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(spec.paths)
      .filter(([path]) => path.startsWith('/api/cases') || path.startsWith('/api/referrals'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })));
    expect(routes.length).toBeGreaterThan(20);
    for (const { method, path } of routes) {
      const url = path
        .replace('{documentId}', '00000000-0000-4000-8000-000000000000')
        .replace('{id}', path.startsWith('/api/referrals') ? referralId : caseId);
      const response = await researcher.request(method as 'GET', url, method === 'GET' ? undefined : {});
      expect(response.status, `${method} ${url}`).toBe(403);
      // The same routes with their path percent-encoded reach the same handlers: the family rule
      // must refuse them too, before the handler's own checks.
      for (const encoded of [url.replace('/api/c', '/api/%63').replace('/api/r', '/api/%72'), url.replace('/api/', '/%61pi/')]) {
        const sneaky = await researcher.request(method as 'GET', encoded, method === 'GET' ? undefined : {});
        expect(sneaky.status, `${method} ${encoded}`).toBe(403);
        expect(sneaky.body.error.message, `${method} ${encoded}`).toMatch(/^not allowed: (case records|referrals) are for/);
      }
    }
  });

  it('publishes releases for the public, noised on request, within the privacy budget', async () => {
    const plain = await networkAdmin.post('/api/stats/releases', { titleEn: 'Cases 2025', titleFr: 'Dossiers 2025', charts: ['sectors'] });
    expect(plain.status).toBe(201);
    const noisy = await networkAdmin.post('/api/stats/releases', {
      titleEn: 'Noisy',
      titleFr: 'Bruité',
      charts: ['cases-by-year-province', 'came-through'],
      epsilon: 1.5,
    });
    expect(noisy.status).toBe(201);
    const over = await networkAdmin.post('/api/stats/releases', { titleEn: 'More', titleFr: 'Plus', charts: ['sectors'], epsilon: 1 });
    expect(over.status).toBe(409);
    expect(over.body.error.message).toMatch(/budget has 0.50 of 2 left/);
    expect((await networkAdmin.get('/api/stats/budget')).body).toEqual({ spent: 1.5, total: 2, releases: 2 });
    expect((await researcher.post('/api/stats/releases', { titleEn: 'Mine', titleFr: 'Le mien', charts: ['sectors'] })).status).toBe(403);
    expect((await networkAdmin.post('/api/stats/releases', { titleEn: 'x', titleFr: 'y', charts: [] })).status).toBe(400);

    const published = await app.inject({ method: 'GET', url: '/api/stats/releases' });
    expect(published.statusCode).toBe(200);
    const releases = published.json() as Array<{ title: { en: string }; epsilon: number | null; charts: Array<{ id: string }> }>;
    expect(releases.map((r) => r.title.en)).toEqual(['Noisy', 'Cases 2025']);
    expect(releases[0]?.epsilon).toBe(1.5);
    expect(releases[0]?.charts.map((c) => c.id)).toEqual(['cases-by-year-province', 'came-through']);
  });

  it('previews a release as the public would see it, refuses one that shows nothing, and withdraws one with a reason', async () => {
    const budgetBefore = (await networkAdmin.get('/api/stats/budget')).body;
    const listed = async () =>
      (await app.inject({ method: 'GET', url: '/api/stats/releases' })).json() as Array<{
        id: string;
        title: { en: string };
        charts: unknown[];
        withdrawn: { at: string; reason: string } | null;
      }>;
    const releasesBefore = (await listed()).length;

    // The preview: the same disclosure control, no noise, nothing stored or spent.
    const preview = await networkAdmin.post('/api/stats/releases/preview', {
      titleEn: 'Sectors',
      titleFr: 'Secteurs',
      charts: ['sectors'],
      epsilon: 0.4,
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ epsilon: 0.4, nothingToShow: false, charts: [{ id: 'sectors' }] });
    expect(preview.body.charts[0].total).toBe(81); // every fact row, and the case made above
    expect(
      (await researcher.post('/api/stats/releases/preview', { titleEn: 'Mine', titleFr: 'Le mien', charts: ['sectors'] })).status,
    ).toBe(403);
    expect((await networkAdmin.post('/api/stats/releases/preview', { titleEn: 'x', titleFr: 'y', charts: ['nope'] })).status).toBe(400);

    // Nunavut's three cases are all below the threshold: a release of them would show nothing.
    const empty = { titleEn: 'Nunavut', titleFr: 'Nunavut', charts: ['sectors'], filters: { province: 'NU' } };
    expect((await networkAdmin.post('/api/stats/releases/preview', empty)).body.nothingToShow).toBe(true);
    const refused = await networkAdmin.post('/api/stats/releases', { ...empty, epsilon: 0.3 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/hides every figure/);
    expect((await networkAdmin.get('/api/stats/budget')).body).toEqual(budgetBefore);
    expect(await listed()).toHaveLength(releasesBefore);

    // Withdrawing: with a reason, once, by a network admin; listed as withdrawn, figures gone, budget still spent.
    const target = (await listed()).find((release) => release.title.en === 'Noisy');
    if (!target) throw new Error('the noisy release is missing');
    const reason = 'A province was counted twice in these figures.';
    expect((await coordinatorA.post(`/api/stats/releases/${target.id}/withdraw`, { reason })).status).toBe(403);
    expect((await researcher.post(`/api/stats/releases/${target.id}/withdraw`, { reason })).status).toBe(403);
    const short = await networkAdmin.post(`/api/stats/releases/${target.id}/withdraw`, { reason: 'wrong' });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toMatch(/reason: at least 10 characters/);
    expect((await networkAdmin.post('/api/stats/releases/not-an-id/withdraw', { reason })).status).toBe(400);
    expect((await networkAdmin.post(`/api/stats/releases/${crypto.randomUUID()}/withdraw`, { reason })).status).toBe(404);
    const withdrawn = await networkAdmin.post(`/api/stats/releases/${target.id}/withdraw`, { reason });
    expect(withdrawn.status).toBe(200);
    expect((await networkAdmin.post(`/api/stats/releases/${target.id}/withdraw`, { reason })).status).toBe(409);
    const after = (await listed()).find((release) => release.id === target.id);
    expect(after).toMatchObject({ charts: [], withdrawn: { reason } });
    expect((await networkAdmin.get('/api/stats/budget')).body).toEqual(budgetBefore);
    const audited = await deps.kysely.selectFrom('auditEvent').select('action').where('action', '=', 'stats.withdraw').execute();
    expect(audited).toHaveLength(1);
  });

  it('recomputes fact rows from the cases, one per case, with their agency', async () => {
    await deps.kysely
      .updateTable('caseFact')
      .set({ agencyId: null })
      .where('sector', '=', 'agriculture')
      .where('year', '=', 2026)
      .execute();
    const before = (await deps.kysely.selectFrom('caseFact').select('id').execute()).length;
    expect(await refreshCaseFacts(deps)).toBeGreaterThan(0);
    const after = await deps.kysely.selectFrom('caseFact').select(['id', 'agencyId']).where('year', '=', 2026).execute();
    expect((await deps.kysely.selectFrom('caseFact').select('id').execute()).length).toBe(before);
    expect(after.every((row) => row.agencyId !== null)).toBe(true);
  });
});

describe('the disclosure threshold setting', () => {
  it('cannot be set below 5', () => {
    expect(() => loadConfig({ HARBOUR_STATS_THRESHOLD: '4' })).toThrow(ConfigError);
    expect(() => loadConfig({ HARBOUR_STATS_THRESHOLD: '4' })).toThrow(/HARBOUR_STATS_THRESHOLD: at least 5/);
    expect(loadConfig({ HARBOUR_STATS_THRESHOLD: '5' }).HARBOUR_STATS_THRESHOLD).toBe(5);
    expect(loadConfig({}).HARBOUR_STATS_THRESHOLD).toBe(10);
  });
});
