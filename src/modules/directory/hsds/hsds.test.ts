import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../../test/support/db.js';
import { asActor, makeAccount, makeAgency } from '../../../../test/support/factories.js';
import { commandLine } from '../../../platform/policy.js';
import { agencyIdBySlug } from '../repo.js';
import { searchQuery } from '../schema.js';
import {
  createOrganization,
  createService,
  createServicePoint,
  getService,
  myListings,
  search,
  seedSynthetic,
  updateService,
} from '../service.js';
import { exportDirectory } from './export.js';
import { describeProblem, importDirectory, importReport } from './import.js';
import { harbourId } from './to-harbour.js';

const fixtures = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'test', 'fixtures', 'hsds');
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-hsds-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

/** A copy of a fixture with some cells changed: [file, line (1 = header), column, new value]. */
function altered(fixture: string, changes: Array<[string, number, string, string]>): string {
  const target = fs.mkdtempSync(path.join(temp, `${fixture}-`));
  fs.cpSync(path.join(fixtures, fixture), target, { recursive: true });
  for (const [file, line, column, value] of changes) {
    const lines = fs.readFileSync(path.join(target, file), 'utf8').split('\n');
    const header = (lines[0] ?? '').split(',');
    const cells = (lines[line - 1] ?? '').split(',');
    cells[header.indexOf(column)] = value;
    lines[line - 1] = cells.join(',');
    fs.writeFileSync(path.join(target, file), lines.join('\n'));
  }
  return target;
}

const count = async (deps: TestDeps, table: 'organization' | 'servicePoint' | 'service') =>
  Number(
    (
      await deps.kysely
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each(engines)('HSDS import and export on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;

  beforeAll(async () => {
    db = await openTestDb(engine);
    deps = testDeps(db);
    deps.setNow(new Date('2026-11-23T15:00:00Z'));
    await makeAgency(deps, 'Prairie agency', 'prairie');
  });
  afterAll(async () => db.close());

  it('imports an HSDS 3.0 package laid out like the specification example, and says what it did not keep', async () => {
    const result = await importDirectory(deps, path.join(fixtures, 'example-3.0'), { agency: 'prairie' });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ layout: 'HSDS 3.0 tabular', imported: true, organizations: 1, servicePoints: 2, services: 3 });
    expect(result.notes.join('\n')).toMatch(/contact: 1 row\(s\) not kept — named contacts are personal data/);
    expect(result.notes.join('\n')).toMatch(/status "inactive" are not imported/);
    expect(result.notes.join('\n')).toMatch(/"Bicycle repair" matches no Harbour category/);
    expect(result.notes.join('\n')).toMatch(/"Klingon" is not in Harbour's language list/);
    expect(result.notes.join('\n')).toMatch(/only weekly hours are kept/);

    const counselling = await getService(deps, 'ac148810-d857-441c-9679-408f346de14b');
    expect(counselling).toMatchObject({
      name: { en: 'Community counselling', fr: 'Community counselling' },
      organization: { name: 'Prairie Newcomer Support' },
      location: { city: 'Winnipeg', province: 'MB', address: '100 Main Street, Unit 2, R3C 1A1', confidential: false },
      categories: ['mental-health'],
      populations: ['migrant-workers'],
      languages: expect.arrayContaining(['en', 'tl', 'fr']),
      areaProvinces: ['MB', 'NU'],
      fees: 'Free of charge.',
      eligibility: 'Adults and youth aged 16 and over, whatever their immigration status.',
      intake: 'Call reception, or walk in during opening hours.',
      phones: [{ number: '+1 204 555 0100', extension: '100', kind: 'voice', description: 'Reception' }],
      email: 'counselling@example.org',
      website: 'https://example.org/counselling',
      accessibility: 'Step-free entrance and an accessible washroom. Ring the bell at the side door.',
      capacity: { beds: 3, updatedAt: '2026-11-20T12:00:00.000Z' },
      lastVerifiedAt: '2026-09-01T00:00:00.000Z',
      hours: {
        timezone: 'America/Winnipeg',
        weekly: { '1': [['09:00', '17:00']], '5': [['09:00', '17:00']], '6': [['10:00', '13:00']] },
      },
    });
    // The same service at a second place is a second listing, placed at Brandon's centre.
    const brandon = await getService(deps, harbourId('f94c9f38-1e8f-4564-91d4-d53501ab1766'));
    expect(brandon).toMatchObject({ name: { en: 'Community counselling' }, location: { city: 'Brandon', province: 'MB' } });
    const advice = await getService(deps, '5e4b3c2a-1f0e-4d9c-8b7a-6a5b4c3d2e1f');
    expect(advice).toMatchObject({ location: null, categories: ['labour-rights'], languages: [] });
    expect(advice.areaProvinces).toHaveLength(13);

    const found = await search(deps, searchQuery.parse({ q: 'counselling', near: 'Winnipeg' }));
    expect(found.results.map((r) => r.id)).toContain('ac148810-d857-441c-9679-408f346de14b');

    // Importing the same package again updates in place: nothing is added twice.
    const again = await importDirectory(deps, path.join(fixtures, 'example-3.0'), { agency: 'prairie' });
    expect(again.imported).toBe(true);
    expect(await count(deps, 'service')).toBe(3);
    const audit = await deps.kysely.selectFrom('auditEvent').select('details').where('action', '=', 'directory.import').execute();
    expect(audit).toHaveLength(2);
  });

  it('reads the HSDS 2.0 layout', async () => {
    const result = await importDirectory(deps, path.join(fixtures, 'legacy-2.0'));
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ layout: 'HSDS 2.0 tabular', imported: true, services: 1 });
    const clinic = await getService(deps, harbourId('svc-1'));
    expect(clinic).toMatchObject({
      name: { en: 'Legal clinic for migrant workers' },
      location: { city: 'Halifax', province: 'NS', address: '5 Spring Garden Road, B3J 1A1' },
      categories: ['legal-aid', 'immigration-legal-help'],
      languages: ['es', 'en'],
      areaProvinces: ['NS'],
      fees: 'No fees',
      eligibility: 'Migrant workers of any status',
      accessibility: 'Elevator to the second floor',
      hours: {
        timezone: 'America/Halifax',
        weekly: {
          '2': [
            ['09:00', '12:00'],
            ['13:00', '17:00'],
          ],
        },
      },
    });
  });

  it('imports nothing from a package with a bad row, and names every problem by file, line and field', async () => {
    const before = await Promise.all([count(deps, 'organization'), count(deps, 'servicePoint'), count(deps, 'service')]);
    // Rows shaped like the specification's own example: a place outside Canada at latitude 100.
    const bad = altered('example-3.0', [
      ['locations.csv', 2, 'latitude', '100'],
      ['addresses.csv', 3, 'state_province', 'MyState'],
      ['addresses.csv', 3, 'country', 'US'],
      ['services.csv', 3, 'name', ''],
      ['schedules.csv', 3, 'closes_at', '09:00'],
    ]);
    const result = await importDirectory(deps, bad);
    expect(result.imported).toBe(false);
    expect(result.problems.map(describeProblem)).toEqual(
      expect.arrayContaining([
        'locations.csv line 2, latitude: in Canada: from 41 to 84',
        'addresses.csv line 3, country: "US": the directory lists places in Canada',
        'addresses.csv line 3, state_province: "MyState" is not a Canadian province or territory',
        'services.csv line 3, name: at least 2 characters',
        'schedules.csv line 3, closes_at: closes at 09:00, not after it opens at 10:00',
        'service_at_location.csv line 2, location_id: location "3a19ff88-4620-4d17-9830-ac1d859eb5d5" has errors',
      ]),
    );
    expect(await Promise.all([count(deps, 'organization'), count(deps, 'servicePoint'), count(deps, 'service')])).toEqual(before);

    // --skip-invalid imports the good rows: only the organization, since each service has a bad one.
    const rest = await importDirectory(deps, bad, { skipInvalid: true, agency: 'prairie' });
    expect(rest).toMatchObject({ imported: true, organizations: 1, services: 0 });
  });

  it('keeps a service with no category Harbour knows "to review": listed for its keeper, found by no search until categorised', async () => {
    const unknown = altered('example-3.0', [['taxonomy_terms.csv', 4, 'name', 'Food pantry']]);
    const result = await importDirectory(deps, unknown, { agency: 'prairie' });
    expect(result).toMatchObject({ imported: true, services: 3, toReview: 1, problems: [] });
    expect(importReport('test', result, deps.now())).toContain('To review: 1 services');
    const id = '5e4b3c2a-1f0e-4d9c-8b7a-6a5b4c3d2e1f';
    const held = await deps.kysely
      .selectFrom('service')
      .select(['categories', 'reviewNote'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(held).toEqual({
      categories: [],
      reviewNote: 'imported without a category Harbour knows (its terms: Food pantry, Bicycle repair): choose one to list it',
    });
    const found = async () => (await search(deps, searchQuery.parse({ q: 'wages', pageSize: '50' }))).results.map((r) => r.id);
    expect(await found()).not.toContain(id);
    const keeper = asActor(await makeAccount(deps, (await agencyIdBySlug(deps.kysely, 'prairie')) as string, ['agency_admin']));
    const listed = (await myListings(deps, keeper)).listings;
    expect(listed[0]).toMatchObject({ id, toReview: expect.stringContaining('Food pantry') });
    await updateService(deps, keeper, id, { categories: ['labour-rights'] });
    expect(await found()).toContain(id);
    expect((await myListings(deps, keeper)).listings.find((listing) => listing.id === id)?.toReview).toBeNull();
  });

  it('matches the names other directories give to kinds of help', async () => {
    const named = altered('example-3.0', [
      ['taxonomy_terms.csv', 4, 'name', "Services d'immigration"],
      ['taxonomy_terms.csv', 4, 'code', 'X-1'],
    ]);
    const result = await importDirectory(deps, named, { agency: 'prairie' });
    expect(result.toReview).toBe(0);
    expect((await getService(deps, '5e4b3c2a-1f0e-4d9c-8b7a-6a5b4c3d2e1f')).categories).toEqual(['immigration-legal-help']);
  });

  it('maps 211/AIRS codes by their longest known prefix, and holds a code it does not know to review', async () => {
    const id = '5e4b3c2a-1f0e-4d9c-8b7a-6a5b4c3d2e1f';
    const coded = (code: string, name: string) =>
      altered('example-3.0', [
        ['taxonomy_terms.csv', 4, 'code', code],
        ['taxonomy_terms.csv', 4, 'name', name],
      ]);
    // FT alone is legal aid; FT-3600 (immigration) is the longer prefix of FT-3600.6500.
    const relief = await importDirectory(deps, coded('FT-3600.6500', 'Relief from Removal'), { agency: 'prairie' });
    expect(relief).toMatchObject({ imported: true, toReview: 0 });
    expect((await getService(deps, id)).categories).toEqual(['immigration-legal-help']);

    await importDirectory(deps, coded('FT-3375', 'Human Trafficking Legal Assistance'), { agency: 'prairie' });
    expect((await getService(deps, id)).categories).toEqual(['legal-aid', 'victim-services']);

    const pantry = await importDirectory(deps, coded('BD-1800.2000', 'Food Pantries'), { agency: 'prairie' });
    expect(pantry.toReview).toBe(1);
    const held = await deps.kysely
      .selectFrom('service')
      .select(['categories', 'reviewNote'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(held.categories).toEqual([]);
    expect(held.reviewNote).toContain('Food Pantries');
  });

  it('refuses what it cannot read with a clear reason', async () => {
    await expect(importDirectory(deps, path.join(temp, 'nowhere'))).rejects.toThrow(/no such file or folder/);
    const notJson = path.join(temp, 'broken.json');
    fs.writeFileSync(notJson, '{"id": ');
    await expect(importDirectory(deps, notJson)).rejects.toThrow(/broken.json: not valid JSON/);
    const empty = fs.mkdtempSync(path.join(temp, 'empty-'));
    await expect(importDirectory(deps, empty)).rejects.toThrow(/no CSV files/);
    const ragged = fs.mkdtempSync(path.join(temp, 'ragged-'));
    fs.writeFileSync(path.join(ragged, 'services.csv'), 'id,name\n"unclosed,quote\n');
    const result = await importDirectory(deps, ragged);
    expect(result.imported).toBe(false);
    expect(result.problems[0]?.where).toBe('services.csv');
    expect(result.problems[0]?.message).toMatch(/^not readable as CSV/);
    await expect(importDirectory(deps, path.join(fixtures, 'example-3.0'), { agency: 'atlantis' })).rejects.toThrow(
      '--agency: no agency "atlantis"',
    );
  });
});

describe.each(engines)('an HSDS export on %s', (engine) => {
  let source: TestDb;
  let copy: TestDb;
  let deps: TestDeps;
  let copyDeps: TestDeps;

  beforeAll(async () => {
    source = await openTestDb(engine);
    copy = await openTestDb(engine);
    deps = testDeps(source);
    copyDeps = testDeps(copy);
    deps.setNow(new Date('2026-11-23T15:00:00Z'));
    copyDeps.setNow(new Date('2026-11-24T15:00:00Z'));
    const agency = await makeAgency(deps, 'Maison agency', 'maison');
    await makeAgency(copyDeps, 'Maison agency', 'maison');
    const org = await createOrganization(deps, commandLine, {
      agencyId: agency.id,
      name: 'Maison Refuge',
      descriptionEn: 'A shelter, with "quotes", commas, and\na second line',
      descriptionFr: 'Un refuge',
      website: 'https://example.org',
      isMember: true,
      source: 'CCR report',
    });
    const house = await createServicePoint(deps, commandLine, {
      organizationId: org.id,
      name: 'Safe house',
      city: 'Laval',
      province: 'QC',
      isConfidential: true,
      address: '42 chemin Secret',
    });
    const office = await createServicePoint(deps, commandLine, {
      organizationId: org.id,
      name: 'Office',
      city: 'Montréal',
      province: 'QC',
      address: '1 rue Sainte-Catherine',
      latitude: 45.5017,
      longitude: -73.5673,
    });
    await createService(deps, commandLine, {
      organizationId: org.id,
      servicePointId: house.id,
      nameEn: 'Safe housing for trans women',
      nameFr: 'Hébergement sécuritaire pour femmes trans',
      descriptionEn: 'Beds, meals and support.',
      descriptionFr: 'Lits, repas et soutien.',
      categories: ['safe-housing-trans', 'mental-health'],
      populations: ['trans-people', 'women'],
      languages: ['fr', 'en', 'es'],
      areaProvinces: ['QC', 'ON'],
      servesWithoutStatus: true,
      traffickingTrained: true,
      servesRemoteCommunities: true,
      accessibility: 'Ground floor room',
      fees: 'None',
      eligibility: 'Trans women, 18 and over',
      intake: 'Call the help line at any hour',
      hours: { timezone: 'America/Toronto', alwaysOpen: true },
      capacityBeds: 4,
    });
    await createService(deps, commandLine, {
      organizationId: org.id,
      servicePointId: office.id,
      nameEn: 'Legal clinic',
      nameFr: 'Clinique juridique',
      categories: ['legal-aid'],
      hours: {
        timezone: 'America/Toronto',
        weekly: {
          '1': [
            ['09:00', '12:00'],
            ['13:00', '17:00'],
          ],
          '3': [['09:00', '12:00']],
        },
      },
    });
    await createService(deps, commandLine, {
      organizationId: org.id,
      nameEn: 'Help line',
      nameFr: "Ligne d'écoute",
      categories: ['help-lines'],
      phones: [
        { number: '1-800-555-0199', kind: 'voice', description: '24/7' },
        { number: '613-555-0142', extension: '12', kind: 'tty' },
      ],
      email: 'aide@example.org',
      website: 'https://example.org/ligne',
    });
  });
  afterAll(async () => {
    await source.close();
    await copy.close();
  });

  const readAll = (folder: string) =>
    Object.fromEntries(
      fs
        .readdirSync(folder)
        .filter((file) => file.endsWith('.csv'))
        .map((file) => [file, fs.readFileSync(path.join(folder, file), 'utf8')]),
    );

  it('imports back without loss, and never holds a confidential address', async () => {
    const first = path.join(temp, `${engine}-first`);
    expect(await exportDirectory(deps, first)).toMatchObject({ organizations: 1, servicePoints: 2, services: 3 });
    const exported = readAll(first);
    expect(Object.values(exported).join('\n')).not.toContain('chemin Secret');
    expect(JSON.parse(fs.readFileSync(path.join(first, 'datapackage.json'), 'utf8'))).toMatchObject({
      profile: 'tabular-data-package',
      version: '3.0',
    });

    expect(exported['phones.csv']).toContain('613-555-0142,12,textphone');
    const result = await importDirectory(copyDeps, first);
    expect(result.problems).toEqual([]);
    const second = path.join(temp, `${engine}-second`);
    await exportDirectory(copyDeps, second);
    expect(readAll(second)).toEqual(exported);

    const [original, copied] = await Promise.all([
      search(deps, searchQuery.parse({ pageSize: '50' })),
      search(copyDeps, searchQuery.parse({ pageSize: '50' })),
    ]);
    expect(copied.results.map(({ openNow: _, ...rest }) => rest)).toEqual(original.results.map(({ openNow: _, ...rest }) => rest));
    // The copy's safe house has no address to give, sealed or not: it never left the first database.
    const house = await copyDeps.kysely
      .selectFrom('servicePoint')
      .select(['address', 'addressSealed'])
      .where('isConfidential', '=', true)
      .executeTakeFirstOrThrow();
    expect(house).toEqual({ address: null, addressSealed: null });

    // Importing into the database it came from keeps the sealed address it already holds.
    await importDirectory(deps, first);
    const kept = await deps.kysely
      .selectFrom('servicePoint')
      .select('addressSealed')
      .where('isConfidential', '=', true)
      .executeTakeFirstOrThrow();
    expect(kept.addressSealed).not.toBeNull();
  });

  it('writes HSDS JSON that imports back the same', async () => {
    const file = path.join(temp, `${engine}-services.json`);
    await exportDirectory(deps, file);
    const services = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ organization: { name: string } }>;
    expect(services).toHaveLength(3);
    expect(services[0]?.organization.name).toBe('Maison Refuge');
    const result = await importDirectory(copyDeps, file);
    expect(result).toMatchObject({ layout: 'HSDS 3.0 JSON', imported: true, problems: [], services: 3 });
    const again = path.join(temp, `${engine}-again.json`);
    await exportDirectory(copyDeps, again);
    expect(fs.readFileSync(again, 'utf8')).toBe(fs.readFileSync(file, 'utf8'));
  });

  it('streams a directory larger than a page: every row once, in order, in a package that imports back', async () => {
    const large = await openTestDb(engine);
    const largeDeps = testDeps(large);
    await seedSynthetic(largeDeps, 4_100);
    const folder = path.join(temp, `${engine}-large`);
    expect(await exportDirectory(largeDeps, folder)).toMatchObject({ servicePoints: 4_100, services: 4_100 });
    const ids = fs
      .readFileSync(path.join(folder, 'services.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.slice(0, 36));
    expect(ids).toHaveLength(4_100);
    expect(new Set(ids).size).toBe(4_100);
    expect(ids).toEqual([...ids].sort());
    const last = ids.at(-1) as string;
    const original = await getService(largeDeps, last);
    expect(original.phones.length).toBeGreaterThan(0);
    await large.close();
    const back = await openTestDb(engine);
    const backDeps = testDeps(back);
    // Imported a page at a time: a service of the last page comes back with what belongs to it.
    expect(await importDirectory(backDeps, folder)).toMatchObject({ imported: true, problems: [], services: 4_100 });
    expect(await getService(backDeps, last)).toMatchObject({
      phones: original.phones,
      hours: original.hours,
      categories: original.categories,
      languages: original.languages,
      location: { city: original.location?.city },
    });

    // A repeated id pages apart, and a file that stops being CSV after thousands of good rows.
    fs.appendFileSync(path.join(folder, 'services.csv'), `${fs.readFileSync(path.join(folder, 'services.csv'), 'utf8').split('\n')[1]}\n`);
    fs.appendFileSync(path.join(folder, 'phones.csv'), '"unclosed,quote\n');
    const broken = await importDirectory(backDeps, folder);
    expect(broken.imported).toBe(false);
    expect(broken.problems.map(describeProblem)).toEqual([
      expect.stringMatching(/^phones\.csv: not readable as CSV/),
      `services.csv line 4102, id: "${ids[0]}" is already used at services.csv line 2`,
    ]);
    // With --skip-invalid the rest comes in, and the unreadable file counts as empty: no phones.
    expect(await importDirectory(backDeps, folder, { skipInvalid: true })).toMatchObject({ imported: true, services: 4_100 });
    expect((await getService(backDeps, last)).phones).toEqual([]);
    await back.close();
  });

  it('refuses to write into a folder that holds files', async () => {
    const full = fs.mkdtempSync(path.join(temp, 'full-'));
    fs.writeFileSync(path.join(full, 'keep.txt'), 'mine');
    await expect(exportDirectory(deps, full)).rejects.toThrow('the folder is not empty');
    expect(fs.readdirSync(full)).toEqual(['keep.txt']);
  });
});
