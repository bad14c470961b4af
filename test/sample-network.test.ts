import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSample } from '../src/cli/helpers.js';
import { listDomain } from '../src/modules/groups/present.js';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from './support/db.js';

describe.each(engines)('the sample network beyond its directory, on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;

  beforeAll(async () => {
    db = await openTestDb(engine);
    deps = testDeps(db, { HARBOUR_DATA_DIR: `/tmp/harbour-sample-network-${engine}-${process.pid}` });
    await loadSample(deps);
  }, 60_000);
  afterAll(async () => db.close());

  it('has an application to join waiting, and working groups with a meeting and a discussion, all marked as sample data', async () => {
    const applications = await db.kysely.selectFrom('membershipApplication').select(['organizationName', 'state']).execute();
    expect(applications).toEqual([{ organizationName: 'Annapolis Valley Farmworker Circle (sample)', state: 'submitted' }]);
    const groups = await db.kysely
      .selectFrom('workingGroup')
      .select(['nameEn', 'level', 'parentId', 'listName'])
      .orderBy('level')
      .execute();
    expect(groups.map((g) => [g.nameEn, g.level, g.listName])).toEqual([
      ['Calgary working group (sample)', 'city', 'calgary'],
      ['National committee (sample)', 'national', 'national-committee'],
    ]);
    expect(groups[0]?.parentId).not.toBeNull();
    expect(await db.kysely.selectFrom('meeting').select('title').execute()).toEqual([{ title: 'Committee call (sample)' }]);
    expect(await db.kysely.selectFrom('groupThread').select('subject').execute()).toEqual([{ subject: 'Welcome (sample)' }]);
    expect(listDomain(deps.config)).toBe('localhost');
  });
});
