import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, TEST_AUDIT_KEY, testDeps } from '../../test/support/db.js';
import { Client, makeAccount, makeAgency, signedIn } from '../../test/support/factories.js';
import { verifyAuditChain } from '../platform/audit.js';
import { buildApp } from '../server.js';
import { BackupError, restoreBackup, writeBackup } from './backup.js';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-backup-test-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

// Every pairing of engines: from the embedded PostgreSQL into the server and back, when a server is given.
const pairs = engines.flatMap((from) => engines.map((to) => [from, to] as const));

describe.each(pairs)('a backup from %s restored into %s', (from, to) => {
  it('brings back agencies, accounts, sealed secrets and an intact audit chain', async () => {
    const source = await openTestDb(from);
    const sourceDeps = testDeps(source);
    const agency = await makeAgency(sourceDeps, 'Backed-up agency');
    const worker = await makeAccount(sourceDeps, agency.id, ['worker']);
    const sourceApp = await buildApp(sourceDeps, { webDir: '/nonexistent' });
    const { totpSecret } = await signedIn(sourceApp, sourceDeps, worker.email);
    await sourceApp.close();
    const file = path.join(temp, `${from}-to-${to}.harbour.gz`);
    const written = await writeBackup(source.kysely, file);
    expect(written.agency).toBe(1);
    expect(written.session).toBeUndefined();
    await source.close();

    const target = await openTestDb(to);
    const { counts: restored } = await restoreBackup(target.kysely, file);
    expect(restored).toEqual({ ...written, case_key: 0, referral_key: 0 });
    expect(await verifyAuditChain({ kysely: target.kysely, auditKey: TEST_AUDIT_KEY })).toMatchObject({ ok: true });

    // The same master key opens the restored data: the worker signs in with password and code.
    const targetDeps = testDeps(target, {}, sourceDeps.keyring);
    targetDeps.advance(120_000);
    const app = await buildApp(targetDeps, { webDir: '/nonexistent' });
    const client = new Client(app);
    expect((await client.post('/api/auth/sign-in', { email: worker.email, password: worker.password })).body.stage).toBe('mfa');
    const { totpCode, totpStep } = await import('../platform/totp.js');
    const code = totpCode(totpSecret as string, totpStep(targetDeps.now()));
    expect((await client.post('/api/auth/second-factor', { code })).status).toBe(200);
    expect((await client.get(`/api/agencies/${agency.id}`)).body.name).toBe('Backed-up agency');

    // New audit events continue the restored chain.
    expect(await verifyAuditChain({ kysely: target.kysely, auditKey: TEST_AUDIT_KEY })).toMatchObject({ ok: true });
    await app.close();

    // Restoring twice is refused, and nothing is lost.
    await expect(restoreBackup(target.kysely, file)).rejects.toThrow(/not empty/);
    const agencies = await target.kysely.selectFrom('agency').select('id').execute();
    expect(agencies).toHaveLength(1);
    await target.close();
  });
});

describe('a backup file that is not right', () => {
  it('is refused with the reason, and the database is left as it was', async () => {
    const db = await openTestDb('embedded');
    const missing = await restoreBackup(db.kysely, path.join(temp, 'nope.gz')).catch((e: Error) => e);
    expect(missing).toBeInstanceOf(BackupError);
    expect((missing as Error).message).toMatch(/no such file/);

    const notHarbour = path.join(temp, 'other.gz');
    fs.writeFileSync(notHarbour, zlib.gzipSync('{"format":"something-else"}\n'));
    await expect(restoreBackup(db.kysely, notHarbour)).rejects.toThrow(/not a Harbour backup/);

    const source = await openTestDb('embedded');
    await makeAgency(testDeps(source));
    const good = path.join(temp, 'good.gz');
    await writeBackup(source.kysely, good);
    await source.close();
    const lines = zlib.gunzipSync(fs.readFileSync(good)).toString().split('\n');
    const truncated = path.join(temp, 'truncated.gz');
    fs.writeFileSync(truncated, zlib.gzipSync(lines.slice(0, 3).join('\n')));
    await expect(restoreBackup(db.kysely, truncated)).rejects.toThrow(/cut short|line/);

    const older = path.join(temp, 'older.gz');
    const header = JSON.parse(lines[0] as string);
    fs.writeFileSync(older, zlib.gzipSync([JSON.stringify({ ...header, migrations: ['0000_ancient'] }), ...lines.slice(1)].join('\n')));
    await expect(restoreBackup(db.kysely, older)).rejects.toThrow(/restore with the same version/);

    const rows = await db.kysely.selectFrom('agency').select('id').execute();
    expect(rows).toHaveLength(0);
    await db.close();
  });
});
