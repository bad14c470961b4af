import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../test/support/db.js';
import { makeAgency } from '../../test/support/factories.js';
import { createFieldCrypto, DecryptionError, rewrapAllDataKeys } from './crypto.js';
import { parseMasterKeyVariable } from './keyring.js';

const ref = (rowId: string, column = 'name') => ({ table: 'person', column, rowId });

describe.each(engines)('field encryption on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;
  let agencyA: string;
  let agencyB: string;

  beforeAll(async () => {
    db = await openTestDb(engine);
    deps = testDeps(db);
    agencyA = (await makeAgency(deps)).id;
    agencyB = (await makeAgency(deps)).id;
  });
  afterAll(async () => db.close());

  it('opens what it sealed, and the sealed bytes do not hold the text', async () => {
    const sealed = await deps.crypto.encrypt(agencyA, ref('row-1'), 'Maria Santos');
    expect(sealed.toString('latin1')).not.toContain('Maria');
    expect(await deps.crypto.decrypt(agencyA, ref('row-1'), sealed)).toBe('Maria Santos');
    const again = await deps.crypto.encrypt(agencyA, ref('row-1'), 'Maria Santos');
    expect(again.equals(sealed)).toBe(false);
  });

  it('refuses a value moved to another row, column or agency', async () => {
    const sealed = await deps.crypto.encrypt(agencyA, ref('row-1'), 'Maria Santos');
    await expect(deps.crypto.decrypt(agencyA, ref('row-2'), sealed)).rejects.toThrow(DecryptionError);
    await expect(deps.crypto.decrypt(agencyA, ref('row-1', 'alias'), sealed)).rejects.toThrow(DecryptionError);
    await expect(deps.crypto.decrypt(agencyB, ref('row-1'), sealed)).rejects.toThrow(DecryptionError);
  });

  it('refuses a tampered tag or body, and says which field without its content', async () => {
    const sealed = await deps.crypto.encrypt(agencyA, ref('row-3'), 'Maria Santos');
    const tag = Buffer.from(sealed);
    tag[5 + 12] = (tag[5 + 12] as number) ^ 1;
    const error = await deps.crypto.decrypt(agencyA, ref('row-3'), tag).catch((e: Error) => e);
    expect(error).toBeInstanceOf(DecryptionError);
    expect((error as Error).message).toContain('person.name of row row-3');
    expect((error as Error).message).not.toContain('Maria');
    const body = Buffer.from(sealed);
    body[body.length - 1] = (body[body.length - 1] as number) ^ 1;
    await expect(deps.crypto.decrypt(agencyA, ref('row-3'), body)).rejects.toThrow(DecryptionError);
  });

  it('stores data keys only wrapped by the master key', async () => {
    const rows = await deps.kysely.selectFrom('agencyKey').selectAll().where('agencyId', '=', agencyA).execute();
    expect(rows).toHaveLength(1);
    const other = createFieldCrypto(deps.kysely, parseMasterKeyVariable(crypto.randomBytes(32).toString('base64')));
    const sealed = await deps.crypto.encrypt(agencyA, ref('row-4'), 'secret');
    await expect(other.decrypt(agencyA, ref('row-4'), sealed)).rejects.toThrow(/does not open with master key/);
  });

  it('re-wraps data keys under a new master key, and old values still open', async () => {
    const sealed = await deps.crypto.encrypt(agencyA, ref('row-5'), 'before rotation');
    const oldKey = deps.keyring.keys.get(1) as Buffer;
    const newKey = crypto.randomBytes(32);
    const during = parseMasterKeyVariable(`1:${oldKey.toString('base64')},2:${newKey.toString('base64')}`);
    const rewrapped = await rewrapAllDataKeys(deps.kysely, during);
    expect(rewrapped).toBeGreaterThanOrEqual(2);
    const versions = await deps.kysely.selectFrom('agencyKey').select('masterVersion').execute();
    expect(versions.every((row) => row.masterVersion === 2)).toBe(true);

    const after = createFieldCrypto(deps.kysely, parseMasterKeyVariable(`2:${newKey.toString('base64')}`));
    expect(await after.decrypt(agencyA, ref('row-5'), sealed)).toBe('before rotation');
    const oldOnly = createFieldCrypto(deps.kysely, parseMasterKeyVariable(`1:${oldKey.toString('base64')}`));
    await expect(oldOnly.decrypt(agencyA, ref('row-5'), sealed)).rejects.toThrow(/version 2, which is not configured/);
  });

  it('gives an agency a new data key version while values sealed under the old one still open', async () => {
    const keyring = parseMasterKeyVariable(crypto.randomBytes(32).toString('base64'));
    const service = createFieldCrypto(deps.kysely, keyring);
    const agency = (await makeAgency({ ...deps, keyring, crypto: service })).id;
    const before = await service.encrypt(agency, ref('row-6'), 'first key');
    expect(await service.createAgencyKey(agency)).toBe(2);
    const after = await service.encrypt(agency, ref('row-6'), 'second key');
    expect(after.readUInt32BE(1)).toBe(2);
    const fresh = createFieldCrypto(deps.kysely, keyring);
    expect(await fresh.decrypt(agency, ref('row-6'), before)).toBe('first key');
    expect(await fresh.decrypt(agency, ref('row-6'), after)).toBe('second key');
  });
});
