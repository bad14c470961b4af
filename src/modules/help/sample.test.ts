import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
import { loadSample } from '../../cli/helpers.js';
import { readSampleSignIn } from '../accounts/index.js';
import { newReceipt, openRequest, openShare, sealRequest, unwrapWithPassphrase } from './envelope.js';
import { inboxKeys, intakeDirectory, myStaffKey } from './service.js';

describe.each(engines)('the sample network’s help inboxes on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;

  beforeAll(async () => {
    db = await openTestDb(engine);
    deps = testDeps(db, { HARBOUR_DATA_DIR: `/tmp/harbour-help-sample-${engine}-${process.pid}` });
    await loadSample(deps);
  }, 60_000);
  afterAll(async () => db.close());

  it('has keys for the sample agencies with staff and for the network, opened by the sample password', async () => {
    const sample = readSampleSignIn(deps.config.dataDir);
    if (!sample) throw new Error('no sample sign-in file');
    const directory = await intakeDirectory(deps);
    expect(directory.agencies.map((agency) => agency.name).sort()).toEqual([
      'Action Coalition on Human Trafficking Alberta (ACT Alberta)',
      'FCJ Refugee Centre',
    ]);
    expect(directory.network).not.toBeNull();

    const coordinator = await db.kysely
      .selectFrom('account')
      .select(['id', 'agencyId', 'roles'])
      .where('email', '=', 'coordinator@sample.harbour.example')
      .executeTakeFirstOrThrow();
    const actor = {
      kind: 'account' as const,
      accountId: coordinator.id,
      agencyId: coordinator.agencyId,
      roles: coordinator.roles,
      stage: 'full' as const,
    };
    const own = await unwrapWithPassphrase(
      ((await myStaffKey(deps, actor)).key as { wrappedPrivate: string }).wrappedPrivate,
      sample.password,
    );
    const keys = await inboxKeys(deps, actor, 'agency');
    expect(keys.holders).toHaveLength(3);
    const current = keys.keys[0] as { id: string; myShare: string | null };
    const inboxKey = await openShare(current.id, coordinator.id, current.myShare as string, own);
    const fcj = directory.agencies.find((agency) => agency.name === 'FCJ Refugee Centre') as { keyId: string; publicKey: string };
    const [envelope] = await sealRequest(
      'request-1',
      {
        v: 1,
        language: 'en',
        needs: [],
        province: 'ON',
        place: '',
        contact: { channel: 'phone', reachAt: '555-0100', safeTimes: '', leaveMessage: false, codeWord: '' },
        name: '',
        message: 'hello',
        receipt: newReceipt(),
      },
      [{ id: fcj.keyId, publicKey: fcj.publicKey }],
    );
    expect((await openRequest('request-1', envelope as NonNullable<typeof envelope>, inboxKey)).message).toBe('hello');
  });
});
