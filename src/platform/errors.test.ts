import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, testDeps } from '../../test/support/db.js';
import { makeAccount, makeAgency } from '../../test/support/factories.js';
import { fromConstraint } from './errors.js';

/** What the database refuses, said as the client's mistake: each error here is PostgreSQL's own. */
describe.each(engines)('constraint violations as client errors on %s', (engine) => {
  let db: TestDb;
  let agencyId: string;
  const refusal = (statement: Promise<unknown>) =>
    statement.then(
      () => undefined,
      (error: unknown) => fromConstraint(error as object),
    );

  beforeAll(async () => {
    db = await openTestDb(engine);
    const deps = testDeps(db);
    agencyId = (await makeAgency(deps, 'Kept', 'kept-agency')).id;
    await makeAccount(deps, agencyId, ['worker']);
  });
  afterAll(async () => db.close());

  it('names the field of a value already taken, without repeating the value', async () => {
    const error = await refusal(sql`INSERT INTO agency (slug, name, province) VALUES ('kept-agency', 'Again', 'ON')`.execute(db.kysely));
    expect(error).toMatchObject({ code: 'conflict', message: 'slug: already taken' });
  });

  it('names the reference that points nowhere', async () => {
    const error = await refusal(
      sql`INSERT INTO organization (name, agency_id) VALUES ('Ghost', '00000000-0000-4000-8000-000000000000')`.execute(db.kysely),
    );
    expect(error).toMatchObject({ code: 'bad_request', message: 'agencyId: no agency with that id' });
  });

  it('says what still uses a row that cannot be deleted', async () => {
    const error = await refusal(sql`DELETE FROM agency WHERE id = ${agencyId}`.execute(db.kysely));
    expect(error?.code).toBe('conflict');
    expect(error?.message).toMatch(/^this record is still used by (account|agency key) records: remove those first$/);
  });

  it('names a missing field and a broken rule', async () => {
    expect(await refusal(sql`INSERT INTO agency (slug, province) VALUES ('no-name', 'ON')`.execute(db.kysely))).toMatchObject({
      code: 'bad_request',
      message: 'name: required',
    });
    expect(await refusal(sql`INSERT INTO agency (slug, name, province) VALUES ('Bad Slug', 'X', 'ON')`.execute(db.kysely))).toMatchObject({
      code: 'bad_request',
      message: 'a value breaks the rule agency_slug_format',
    });
  });

  it('leaves other failures to the 500 handler: a value of the wrong form reaching SQL is a bug, not a caller mistake', async () => {
    expect(fromConstraint(new Error('boom'))).toBeUndefined();
    expect(await refusal(sql`SELECT * FROM agency WHERE id = ${'not-a-uuid'}`.execute(db.kysely))).toBeUndefined();
  });
});
