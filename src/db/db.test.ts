import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from './connect.js';
import { LockedError, lockDataDir } from './lock.js';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-db-test-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

describe('the embedded database directory', () => {
  it('is locked against a second process, and the message says what to do', async () => {
    const dir = path.join(temp, 'locked');
    const release = lockDataDir(dir);
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import('${path.resolve('src/db/lock.ts').replace(/\\/g, '/')}').then(m => m.lockDataDir(${JSON.stringify(dir)}))`,
      ],
      { stdio: 'pipe', env: { ...process.env, NODE_OPTIONS: '--import tsx' } },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/in use by another Harbour process \(pid \d+\)/);
    release();
    expect(fs.existsSync(path.join(dir, 'harbour.lock'))).toBe(false);
  });

  it('takes over a lock left by a process that is gone', () => {
    const dir = path.join(temp, 'stale');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'harbour.lock'), '999999999');
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'harbour.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('refuses a lock held by another live process', () => {
    const dir = path.join(temp, 'twice');
    const release = lockDataDir(dir);
    fs.writeFileSync(path.join(dir, 'harbour.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(LockedError);
    fs.writeFileSync(path.join(dir, 'harbour.lock'), String(process.pid));
    release();
  });

  it('is copied to snapshots/ before a migration changes an existing database', async () => {
    const dir = path.join(temp, 'snapshot');
    const snapshots = path.join(dir, 'snapshots');
    const first = await openPglite(path.join(dir, 'pgdata'));
    await migrate(first, { snapshotDir: snapshots });
    expect(fs.existsSync(snapshots)).toBe(false);
    await sql`INSERT INTO app_meta (key, value) VALUES ('before', '"yes"')`.execute(first.kysely);
    const next = {
      ...migrations,
      '0999_test_only': {
        up: async (db: Kysely<unknown>) => {
          await sql`CREATE TABLE test_only (id int)`.execute(db);
        },
      },
    };
    await migrate(first, { snapshotDir: snapshots, list: next });
    const files = fs.readdirSync(snapshots);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/before-0999_test_only\.tar\.gz$/);
    await first.close();

    // The snapshot opens as a database holding the row, without the later table.
    const { PGlite } = await import('@electric-sql/pglite');
    const blob = new Blob([fs.readFileSync(path.join(snapshots, files[0] as string))]);
    const restored = await PGlite.create({ loadDataDir: blob });
    const row = await restored.query<{ value: string }>(`SELECT value FROM app_meta WHERE key = 'before'`);
    expect(row.rows[0]?.value).toBe('yes');
    await expect(restored.query('SELECT * FROM test_only')).rejects.toThrow(/does not exist/);
    await restored.close();
  });
});
