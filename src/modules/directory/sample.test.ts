import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sampleNetwork from '../../../data/sample-network-directory.json' with { type: 'json' };
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
import { unitOfWork } from '../../platform/context.js';
import { loadSampleDirectory } from './sample.js';
import { searchQuery } from './schema.js';
import { search } from './service.js';

/** A worker's first questions, as the search is asked them. */
const questions: Record<string, Record<string, string>> = {
  'legal help': { category: 'legal-aid' },
  'emergency housing for women': { category: 'safe-housing', population: 'women' },
  'emergency housing for men': { category: 'safe-housing-men' },
  'emergency housing for youth': { category: 'safe-housing', population: 'youth' },
  'health care': { category: 'health' },
  counselling: { category: 'mental-health' },
  'immigration advice': { category: 'immigration-legal-help' },
  'employment help': { category: 'employment-skills' },
  interpretation: { category: 'interpretation' },
};

describe.each(engines)('the sample network on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;
  let loaded: number;

  beforeAll(async () => {
    db = await openTestDb(engine);
    deps = testDeps(db);
    loaded = await unitOfWork(deps, (tx) => loadSampleDirectory(tx));
  }, 120_000);
  afterAll(async () => db.close());

  const ask = async (query: Record<string, string>) => search(deps, searchQuery.parse({ pageSize: '50', ...query }));

  it('is about the network’s size, in every province and territory, with fictional contact details only', async () => {
    const counts = await deps.kysely
      .selectFrom('service')
      .innerJoin('organization', 'organization.id', 'service.organizationId')
      .select((eb) => [eb.fn.countAll<number>().as('services'), eb.fn.count<number>('organization.id').distinct().as('organizations')])
      .executeTakeFirstOrThrow();
    const points = await deps.kysely
      .selectFrom('servicePoint')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(counts.organizations)).toBeGreaterThanOrEqual(140);
    expect(Number(points.n)).toBeGreaterThanOrEqual(260);
    expect(loaded).toBe(Number(counts.services));
    process.stdout.write(`sample network: ${counts.organizations} organizations, ${points.n} locations, ${counts.services} services\n`);
    const provinces = await deps.kysely.selectFrom('servicePoint').select('province').distinct().execute();
    expect(provinces.map((row) => row.province).sort()).toEqual([
      'AB',
      'BC',
      'MB',
      'NB',
      'NL',
      'NS',
      'NT',
      'NU',
      'ON',
      'PE',
      'QC',
      'SK',
      'YT',
    ]);
    const contacts = await deps.kysely.selectFrom('service').select(['phones', 'email']).where('email', 'is not', null).execute();
    for (const { phones, email } of contacts) {
      expect(email).toMatch(/@[a-z0-9-]+\.example\.org$/);
      for (const phone of phones) expect(phone.number).toMatch(/^555-01\d\d$/);
    }
  });

  it.each(
    sampleNetwork.provinces.map((province) => [province.code, province.main] as const),
  )('answers every first question within 100 km of %s’s largest city, %s', async (code, city) => {
    const unanswered: string[] = [];
    for (const [question, filters] of Object.entries(questions)) {
      const answer = await ask({ ...filters, near: `${city}, ${code}`, radiusKm: '100' });
      if (answer.total === 0) unanswered.push(question);
    }
    expect(unanswered).toEqual([]);
  });

  it('answers what a new user asked and found nothing for', async () => {
    const french = await ask({ q: 'clinique juridique', language: 'fr', near: 'Montréal', radiusKm: '25' });
    expect(french.total).toBeGreaterThan(0);
    const women = await ask({ category: 'safe-housing', population: 'women', near: 'Vancouver', radiusKm: '25' });
    expect(women.results[0]?.location?.city).toBe('Vancouver');
    expect((await ask({ language: 'tl' })).total).toBeGreaterThan(10);
    // A shelter shows its city, never an address, and a women's shelter serves women.
    expect(women.results[0]).toMatchObject({ location: { address: null }, populations: expect.arrayContaining(['women']) });
  });
});
