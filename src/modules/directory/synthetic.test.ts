import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
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
});
