import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
import { Client, makeAccount, makeAgency, signedIn } from '../../../test/support/factories.js';
import { commandLine } from '../../platform/policy.js';
import { buildApp } from '../../server.js';
import { createOrganization, createService, createServicePoint } from './service.js';

const nineToFive: [string, string][] = [['09:00', '17:00']];
const weekdays9to5 = {
  timezone: 'America/Toronto',
  weekly: { '1': nineToFive, '2': nineToFive, '3': nineToFive, '4': nineToFive, '5': nineToFive },
};

describe.each(engines)('the directory on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;
  let app: FastifyInstance;
  let agencyId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await openTestDb(engine);
    deps = testDeps(db, { HARBOUR_PUBLIC_FORMS_PER_HOUR: '3' });
    deps.setNow(new Date('2026-11-23T15:00:00Z')); // a Monday, 10:00 in Toronto and Montréal
    app = await buildApp(deps, { webDir: '/nonexistent' });
    agencyId = (await makeAgency(deps)).id;
    const org = async (name: string) => (await createOrganization(deps, commandLine, { agencyId, name })).id;
    const point = async (organizationId: string, city: string, province: 'QC' | 'ON', extra = {}) =>
      (await createServicePoint(deps, commandLine, { organizationId, name: city, city, province, ...extra })).id;

    const clinic = await org('Clinique juridique du Plateau');
    ids.clinic = (
      await createService(deps, commandLine, {
        organizationId: clinic,
        servicePointId: await point(clinic, 'Montréal', 'QC', { address: '123 rue Saint-Denis' }),
        nameEn: 'Legal clinic for migrant workers',
        nameFr: 'Aide juridique pour travailleurs migrants',
        categories: ['legal-aid'],
        populations: ['migrant-workers'],
        languages: ['fr', 'es'],
        servesWithoutStatus: true,
        hours: weekdays9to5,
      })
    ).id;
    const toronto = await org('Downtown Legal Services');
    ids.toronto = (
      await createService(deps, commandLine, {
        organizationId: toronto,
        servicePointId: await point(toronto, 'Toronto', 'ON'),
        nameEn: 'Legal aid clinic',
        nameFr: 'Clinique d’aide juridique',
        categories: ['legal-aid'],
        languages: ['en'],
      })
    ).id;
    const shelter = await org('Maison Refuge');
    ids.shelter = (
      await createService(deps, commandLine, {
        organizationId: shelter,
        servicePointId: await point(shelter, 'Laval', 'QC', { isConfidential: true, address: '42 chemin Secret' }),
        nameEn: 'Safe house for men',
        nameFr: 'Maison d’hébergement pour hommes',
        categories: ['safe-housing-men'],
        populations: ['men'],
        languages: ['fr', 'en'],
        capacityBeds: 3,
      })
    ).id;
    const line = await org('Ligne Écoute');
    ids.line = (
      await createService(deps, commandLine, {
        organizationId: line,
        nameEn: 'Help line',
        nameFr: 'Ligne d’écoute',
        categories: ['help-lines'],
        languages: ['fr', 'en', 'tl'],
        areaProvinces: ['QC'],
        hours: { alwaysOpen: true },
      })
    ).id;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const search = async (query: string) => {
    const response = await new Client(app).get(`/api/directory/search?${query}`);
    return { ...response, ids: (response.body?.results ?? []).map((r: { id: string }) => r.id) as string[] };
  };

  it('forgives accents and small misspellings: "aide juridque montreal" finds the legal clinic in Montréal first', async () => {
    const found = await search(`q=${encodeURIComponent('aide juridque montreal')}`);
    expect(found.status).toBe(200);
    expect(found.ids[0]).toBe(ids.clinic);
    expect(found.ids).not.toContain(ids.toronto);
    expect((await search(`q=${encodeURIComponent('Montréal')}`)).ids).toContain(ids.clinic);
  });

  it('searches English and French alike', async () => {
    const english = await search('q=legal+aid');
    expect(english.ids).toEqual(expect.arrayContaining([ids.clinic, ids.toronto]));
    const french = await search(`q=${encodeURIComponent('hébergement hommes')}`);
    expect(french.ids).toEqual([ids.shelter]);
  });

  it('filters by category (with its subcategories), population, language and province', async () => {
    expect((await search('category=safe-housing')).ids).toEqual([ids.shelter]);
    expect((await search('population=migrant-workers')).ids).toEqual([ids.clinic]);
    expect((await search('language=tl')).ids).toEqual([ids.line]);
    expect((await search('category=legal-aid&province=ON')).ids).toEqual([ids.toronto]);
    expect((await search('language=es&language=tl')).ids.sort()).toEqual([ids.clinic, ids.line].sort());
  });

  it('knows what is open now, in the service’s own time zone', async () => {
    expect((await search('openNow=true')).ids.sort()).toEqual([ids.clinic, ids.line].sort());
    deps.setNow(new Date('2026-11-22T15:00:00Z')); // Sunday
    expect((await search('openNow=true')).ids).toEqual([ids.line]);
    deps.setNow(new Date('2026-11-23T15:00:00Z'));
  });

  it('finds services near a city, a postal code or coordinates, nearest first, with lines serving the province', async () => {
    const nearMontreal = await search(`near=${encodeURIComponent('Montréal')}&radiusKm=30`);
    expect(nearMontreal.ids).toEqual([ids.clinic, ids.shelter, ids.line]);
    expect(nearMontreal.body.near.label).toBe('Montréal, QC');
    expect(nearMontreal.body.results[1].distanceKm).toBeGreaterThan(5);
    expect((await search('near=H2X+1Y4&radiusKm=30')).ids).toEqual([ids.clinic, ids.shelter, ids.line]);
    expect((await search('near=43.65,-79.38&radiusKm=10')).ids).toEqual([ids.toronto]);
    expect((await search(`q=legal&near=${encodeURIComponent('Toronto')}&radiusKm=1000`)).ids).toEqual([ids.toronto, ids.clinic]);
  });

  it('never shows a confidential address, and keeps it sealed in the database', async () => {
    const shelter = (await search('category=safe-housing')).body.results[0];
    expect(shelter.location).toEqual({ city: 'Laval', province: 'QC', address: null, confidential: true });
    expect(shelter.capacity.beds).toBe(3);
    expect(JSON.stringify((await new Client(app).get(`/api/directory/services/${ids.shelter}`)).body)).not.toContain('Secret');
    const row = await deps.kysely.selectFrom('servicePoint').selectAll().where('city', '=', 'Laval').executeTakeFirstOrThrow();
    expect(row.address).toBeNull();
    expect(Buffer.from(row.addressSealed as Uint8Array).toString('latin1')).not.toContain('Secret');
    expect(
      await deps.crypto.decrypt(agencyId, { table: 'service_point', column: 'address', rowId: row.id }, row.addressSealed as Uint8Array),
    ).toBe('42 chemin Secret');
    const clinic = await new Client(app).get(`/api/directory/services/${ids.clinic}`);
    expect(clinic.body.location.address).toBe('123 rue Saint-Denis');
  });

  it('seals a confidential address even when the agency key is not yet in memory (its key read before the transaction opens)', async () => {
    deps.crypto.forget();
    const organizationId = (await createOrganization(deps, commandLine, { agencyId, name: 'Refuge Nord' })).id;
    const point = await createServicePoint(deps, commandLine, {
      organizationId,
      name: 'Refuge',
      city: 'Laval',
      province: 'QC',
      isConfidential: true,
      address: '7 rue Cachée',
    });
    expect(point.address).toBeNull();
    expect(
      await deps.crypto.decrypt(
        agencyId,
        { table: 'service_point', column: 'address', rowId: point.id },
        point.addressSealed as Uint8Array,
      ),
    ).toBe('7 rue Cachée');
  });

  it('pages through results and bounds the page size', async () => {
    const first = await search('pageSize=2&page=1');
    const second = await search('pageSize=2&page=2');
    expect(first.body.total).toBe(4);
    expect(first.ids).toHaveLength(2);
    expect(second.ids).toHaveLength(2);
    expect(new Set([...first.ids, ...second.ids]).size).toBe(4);
    expect((await search('pageSize=2&page=3')).ids).toEqual([]);
  });

  it.each([
    ['pageSize=51', 'pageSize: at most 50'],
    ['page=0', 'page: at least 1'],
    ['category=astrology', 'category: not a known category'],
    ['province=XX', 'province: a two-letter province or territory code'],
    ['near=Atlantis', 'near: no place called "Atlantis" is known'],
    ['near=10,10', 'near: those coordinates are not in Canada'],
    ['radiusKm=0', 'radiusKm: at least 1'],
  ])('answers %s with 400 naming the parameter', async (query, message) => {
    const response = await search(query);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(message);
  });

  it('lets anyone report a wrong listing, a few times an hour per address', async () => {
    const client = new Client(app);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await client.post(`/api/directory/services/${ids.toronto}/reports`, { message: 'The phone number is out of date.' })).status,
      );
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect((await new Client(app).post(`/api/directory/services/${ids.toronto}/reports`, { message: 'no' })).status).toBe(400);
  });

  it('lets an agency admin keep their own listings and refuses everyone else', async () => {
    const other = await makeAgency(deps);
    const { client: admin } = await signedIn(app, deps, (await makeAccount(deps, agencyId, ['agency_admin'])).email);
    const { client: stranger } = await signedIn(app, deps, (await makeAccount(deps, other.id, ['agency_admin'])).email);
    const { client: worker } = await signedIn(app, deps, (await makeAccount(deps, agencyId, ['worker'])).email);
    const org = await admin.post('/api/directory/organizations', { name: 'Nouvel organisme' });
    expect(org.status).toBe(201);
    const service = { organizationId: org.body.id, nameEn: 'Counselling', nameFr: 'Counseling', categories: ['mental-health'] };
    expect((await stranger.post('/api/directory/services', service)).status).toBe(403);
    expect((await worker.post('/api/directory/services', service)).status).toBe(403);
    expect((await new Client(app).post('/api/directory/services', service)).status).toBe(401);
    expect((await admin.post('/api/directory/services', { ...service, categories: ['astrology'] })).status).toBe(400);
    const added = await admin.post('/api/directory/services', service);
    expect(added.status).toBe(201);
    const events = await deps.kysely
      .selectFrom('auditEvent')
      .select(['action', 'targetId'])
      .where('targetId', '=', added.body.id)
      .execute();
    expect(events).toEqual([{ action: 'directory.service.create', targetId: added.body.id }]);
    expect((await search('q=counselling')).ids).toEqual([added.body.id]);
  });

  it('lets the keeper change and verify a listing, flags it after twelve months, and refuses another agency', async () => {
    const other = await makeAgency(deps);
    const { client: admin } = await signedIn(app, deps, (await makeAccount(deps, agencyId, ['agency_admin'])).email);
    const { client: stranger } = await signedIn(app, deps, (await makeAccount(deps, other.id, ['agency_admin'])).email);
    const changed = await admin.request('PATCH', `/api/directory/services/${ids.toronto}`, {
      nameEn: 'Legal aid and tenant clinic',
      capacityBeds: 2,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.name.en).toBe('Legal aid and tenant clinic');
    expect(changed.body.capacity.beds).toBe(2);
    expect((await search('q=tenant')).ids).toEqual([ids.toronto]);
    const event = await deps.kysely
      .selectFrom('auditEvent')
      .select('details')
      .where('action', '=', 'directory.service.update')
      .executeTakeFirstOrThrow();
    expect(event.details).toEqual({ fields: 'capacityBeds,nameEn' });

    expect((await stranger.request('PATCH', `/api/directory/services/${ids.toronto}`, { nameEn: 'Hijacked' })).status).toBe(403);
    expect((await stranger.post(`/api/directory/services/${ids.toronto}/verify`)).status).toBe(403);
    expect((await stranger.get('/api/directory/listings')).body).toMatchObject({ total: 0, listings: [] });
    expect((await admin.request('PATCH', `/api/directory/services/${ids.toronto}`, {})).body.error.message).toContain(
      'name at least one field',
    );
    expect(
      (await admin.request('PATCH', '/api/directory/services/00000000-0000-4000-8000-000000000000', { nameEn: 'Nobody' })).status,
    ).toBe(404);

    deps.advance(400 * 24 * 3_600_000);
    const { client: later } = await signedIn(app, deps, (await makeAccount(deps, agencyId, ['agency_admin'])).email);
    const stale = await later.get('/api/directory/listings');
    expect(stale.body.listings.find((l: { id: string }) => l.id === ids.toronto).needsVerification).toBe(true);
    expect((await new Client(app).get(`/api/directory/services/${ids.toronto}`)).body.needsVerification).toBe(true);
    expect((await later.post(`/api/directory/services/${ids.toronto}/verify`)).body.needsVerification).toBe(false);
    const after = await later.get('/api/directory/listings');
    expect(after.body.listings.find((l: { id: string }) => l.id === ids.toronto)).toMatchObject({
      needsVerification: false,
      openReports: 3,
    });

    // The queue: overdue first, searched, filtered by province, a page at a time, several confirmed at once.
    deps.advance(400 * 24 * 3_600_000);
    const { client: keeper } = await signedIn(app, deps, (await makeAccount(deps, agencyId, ['agency_admin'])).email);
    const all = (await keeper.get('/api/directory/listings?pageSize=100')).body;
    expect(all.total).toBeGreaterThan(1);
    expect(all.listings.every((l: { mine: boolean }) => l.mine)).toBe(true);
    const dates = all.listings
      .filter((l: { toReview: string | null }) => !l.toReview)
      .map((l: { lastVerifiedAt: string }) => l.lastVerifiedAt);
    expect(dates).toEqual([...dates].sort());
    const first = (await keeper.get('/api/directory/listings?pageSize=1&page=1')).body;
    const second = (await keeper.get('/api/directory/listings?pageSize=1&page=2')).body;
    expect(first.total).toBe(all.total);
    expect(first.listings[0].id).not.toBe(second.listings[0].id);
    const named = all.listings[0] as { id: string; name: { en: string }; province: string | null };
    const searched = (await keeper.get(`/api/directory/listings?q=${encodeURIComponent(named.name.en.slice(0, 6).toUpperCase())}`)).body;
    expect(searched.listings.map((l: { id: string }) => l.id)).toContain(named.id);
    if (named.province) {
      const inProvince = (await keeper.get(`/api/directory/listings?province=${named.province}&pageSize=100`)).body;
      expect(inProvince.listings.every((l: { province: string }) => l.province === named.province)).toBe(true);
    }
    expect((await keeper.get('/api/directory/listings?province=XX')).status).toBe(400);
    expect((await keeper.get('/api/directory/listings?pageSize=500')).body.error.message).toMatch(/pageSize: at most 100/);
    const overdue = all.listings.filter((l: { needsVerification: boolean }) => l.needsVerification).map((l: { id: string }) => l.id);
    expect(overdue.length).toBeGreaterThan(1);
    const { client: outsider } = await signedIn(app, deps, (await makeAccount(deps, other.id, ['agency_admin'])).email);
    expect((await outsider.post('/api/directory/listings/verify', { ids: overdue })).status).toBe(403);
    expect((await keeper.post('/api/directory/listings/verify', { ids: [] })).body.error.message).toMatch(/ids: at least one listing/);
    const bulk = await keeper.post('/api/directory/listings/verify', { ids: overdue });
    expect(bulk.body).toEqual({ verified: overdue.length });
    const confirmed = (await keeper.get('/api/directory/listings?pageSize=100')).body.listings;
    expect(confirmed.filter((l: { id: string; needsVerification: boolean }) => overdue.includes(l.id) && l.needsVerification)).toEqual([]);
    deps.setNow(new Date('2026-11-23T15:00:00Z'));
  });

  it('keeps how to reach a service — phones, email, website — names a bad one, and refuses another agency', async () => {
    const other = await makeAgency(deps);
    const { client: admin } = await signedIn(app, deps, (await makeAccount(deps, agencyId, ['agency_admin'])).email);
    const { client: stranger } = await signedIn(app, deps, (await makeAccount(deps, other.id, ['agency_admin'])).email);
    const url = `/api/directory/services/${ids.clinic}`;
    const contact = {
      phones: [
        { number: '+1 514 555 0142', extension: '3', description: 'Intake, weekdays' },
        { number: '514-555-0143', kind: 'text' },
      ],
      email: 'accueil@example.org',
      website: 'https://example.org/clinique',
    };
    const changed = await admin.request('PATCH', url, contact);
    expect(changed.status).toBe(200);
    const seen = await new Client(app).get(url);
    expect(seen.body).toMatchObject({
      phones: [
        { number: '+1 514 555 0142', extension: '3', kind: 'voice', description: 'Intake, weekdays' },
        { number: '514-555-0143', kind: 'text' },
      ],
      email: 'accueil@example.org',
      website: 'https://example.org/clinique',
    });
    const bad = await admin.request('PATCH', url, { phones: [{ number: 'call us!' }], email: 'nope', website: 'javascript:alert(1)' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/phones\.0\.number: a phone number/);
    expect(bad.body.error.message).toMatch(/email: an email address/);
    expect(bad.body.error.message).toMatch(/website: a full web address/);
    expect((await stranger.request('PATCH', url, { email: 'hijack@example.org' })).status).toBe(403);
    expect((await new Client(app).get(url)).body.email).toBe('accueil@example.org');
  });

  it('checks input and agency on organizations and locations too', async () => {
    const other = await makeAgency(deps);
    const { client: admin } = await signedIn(app, deps, (await makeAccount(deps, agencyId, ['agency_admin'])).email);
    const { client: stranger } = await signedIn(app, deps, (await makeAccount(deps, other.id, ['agency_admin'])).email);
    const badOrganization = await admin.post('/api/directory/organizations', { name: 'X', website: 'not a url' });
    expect(badOrganization.status).toBe(400);
    expect(badOrganization.body.error.message).toContain('name: at least 2 characters');
    expect(badOrganization.body.error.message).toContain('website: a full web address');
    expect((await stranger.post('/api/directory/organizations', { name: 'Not mine', agencyId })).status).toBe(403);

    const org = (await admin.post('/api/directory/organizations', { name: 'Centre Est' })).body.id;
    const point = { organizationId: org, name: 'Centre', city: 'Sherbrooke', province: 'QC' };
    const badPoint = await admin.post('/api/directory/service-points', { ...point, province: 'Quebec', latitude: 10 });
    expect(badPoint.status).toBe(400);
    expect(badPoint.body.error.message).toContain('province: a two-letter province or territory code');
    expect(badPoint.body.error.message).toContain('latitude:');
    expect((await stranger.post('/api/directory/service-points', point)).status).toBe(403);
    expect(
      (await admin.post('/api/directory/service-points', { ...point, organizationId: '00000000-0000-4000-8000-000000000000' })).status,
    ).toBe(400);
    const created = await admin.post('/api/directory/service-points', point);
    expect(created.status).toBe(201);
    const kept = (await admin.get('/api/directory/organizations')).body as Array<{ id: string; servicePoints: Array<{ id: string }> }>;
    expect(kept.find((o) => o.id === org)?.servicePoints.map((p) => p.id)).toEqual([created.body.id]);
    expect(((await stranger.get('/api/directory/organizations')).body as Array<{ id: string }>).map((o) => o.id)).not.toContain(org);
    const { client: worker } = await signedIn(app, deps, (await makeAccount(deps, agencyId, ['worker'])).email);
    expect((await worker.get('/api/directory/organizations')).status).toBe(403);
    expect((await new Client(app).get('/api/directory/services/not-an-id')).body.error.message).toBe('id: not an id');
  });

  it('answers 400 naming the field when an organization names an agency that does not exist, and stores nothing', async () => {
    const { client: network } = await signedIn(app, deps, (await makeAccount(deps, agencyId, ['network_admin'])).email);
    const before = await db.kysely.selectFrom('organization').select('id').execute();
    const missing = await network.post('/api/directory/organizations', {
      name: 'Nowhere Centre',
      agencyId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toEqual({ code: 'bad_request', message: 'agencyId: no agency with that id' });
    expect(await db.kysely.selectFrom('organization').select('id').execute()).toEqual(before);
  });
});
