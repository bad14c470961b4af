import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
import { CELL_LEVELS, cellWord, distanceKm } from './cells.js';
import { searchQuery } from './schema.js';
import { search, seedSynthetic } from './service.js';

describe.each(engines)('synthetic service points on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;

  beforeAll(async () => {
    db = await openTestDb(engine);
    deps = testDeps(db);
  });
  afterAll(async () => db.close());

  it('are added in batches with progress, marked as sample data, and searchable', async () => {
    const progress: number[] = [];
    expect(await seedSynthetic(deps, 1200, { onProgress: (done) => progress.push(done) })).toBe(1200);
    expect(progress).toEqual([500, 1000, 1200]);
    const count = await deps.kysely
      .selectFrom('service')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1200);
    const samples = await deps.kysely.selectFrom('organization').select('isSample').distinct().execute();
    expect(samples).toEqual([{ isSample: true }]);

    const found = await search(deps, searchQuery.parse({ q: 'clinique juridique', near: 'Montréal', radiusKm: '40' }));
    expect(found.total).toBeGreaterThan(0);
    const distances = found.results.map((r) => r.distanceKm).filter((d): d is number => d !== null);
    expect(distances.every((d) => d <= 40)).toBe(true);
    const shelters = await search(deps, searchQuery.parse({ q: 'shelter', pageSize: '50' }));
    expect(shelters.results.filter((r) => r.location?.confidential).every((r) => r.location?.address === null)).toBe(true);

    // Coherent: a legal clinic is legal help, a women's shelter houses women and no one else.
    const services = await deps.kysely.selectFrom('service').select(['nameEn', 'categories', 'populations']).execute();
    for (const service of services.filter((s) => s.nameEn.startsWith('Legal clinic'))) expect(service.categories).toContain('legal-aid');
    for (const service of services.filter((s) => s.nameEn.startsWith('Women’s shelter'))) {
      expect(service.categories).toContain('safe-housing');
      expect(service.populations).not.toContain('men');
    }
    for (const service of services.filter((s) => s.nameEn.startsWith('Health centre'))) expect(service.categories).toContain('health');
  });

  it('finds near a place exactly the services within the radius, as measuring every one shows', async () => {
    const located = await deps.kysely.selectFrom('service').select(['latitude', 'longitude']).where('latitude', 'is not', null).execute();
    for (const [latitude, longitude, radiusKm] of [
      [43.6532, -79.3832, 5],
      [43.6532, -79.3832, 50],
      [45.5017, -73.5673, 300],
      [49.2827, -123.1207, 1000],
      [62.454, -114.3718, 5000],
    ] as const) {
      const within = located.filter((s) => distanceKm(latitude, longitude, Number(s.latitude), Number(s.longitude)) <= radiusKm).length;
      const found = await search(deps, searchQuery.parse({ near: `${latitude},${longitude}`, radiusKm: String(radiusKm) }));
      expect(found.total, `${radiusKm} km around ${latitude},${longitude}`).toBe(within);
    }
  });

  it('writes in each search document the same cells the search asks for', async () => {
    const rows = await deps.kysely.selectFrom('service').select(['latitude', 'longitude', 'searchDocument']).limit(200).execute();
    for (const row of rows) {
      const words = new Set([...String(row.searchDocument).matchAll(/'(cell [^']+)'/g)].map((m) => m[1]));
      const expected = Array.from({ length: CELL_LEVELS }, (_, level) => cellWord(level, Number(row.latitude), Number(row.longitude)));
      expect([...words].sort()).toEqual(expected.sort());
    }
  });
});
