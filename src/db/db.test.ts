import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { engines, openEmptyDb, openTestDb } from '../../test/support/db.js';
import { connect } from './connect.js';
import { LockedError, lockDataDir } from './lock.js';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-db-test-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

describe('the data directory lock of harbour serve', () => {
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
    expect(stderr).toMatch(/served by another harbour serve \(pid \d+\)/);
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
});

describe.each(engines)('migrations on %s', (engine) => {
  it('run from nothing to the latest schema', async () => {
    const db = await openEmptyDb(engine);
    try {
      const applied = await migrate(db);
      expect(applied).toEqual(Object.keys(migrations));
      expect(await migrate(db)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('that fail leave the schema and the data as they were', async () => {
    const db = await openTestDb(engine);
    try {
      await sql`INSERT INTO app_meta (key, value) VALUES ('before', '"yes"')`.execute(db.kysely);
      const next = {
        ...migrations,
        '0998_test_only': {
          up: async (k: Kysely<unknown>) => {
            await sql`CREATE TABLE test_only (id int)`.execute(k);
            await sql`DELETE FROM app_meta`.execute(k);
          },
        },
        '0999_test_broken': {
          up: async (k: Kysely<unknown>) => {
            await sql`SELECT no_such_column FROM app_meta`.execute(k);
          },
        },
      };
      await expect(migrate(db, { list: next })).rejects.toThrow(
        /migration 0999_test_broken failed: column "no_such_column" does not exist/,
      );
      const row = await sql<{ value: string }>`SELECT value FROM app_meta WHERE key = 'before'`.execute(db.kysely);
      expect(row.rows[0]?.value).toBe('yes');
      await expect(sql`SELECT * FROM test_only`.execute(db.kysely)).rejects.toThrow(/does not exist/);
    } finally {
      await db.close();
    }
  });

  it('survives its connection being ended in the middle of a transaction: the statement fails, the process goes on', async () => {
    const db = await openTestDb(engine);
    try {
      const outcome = await db.kysely
        .transaction()
        .execute(async (trx) => {
          const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
          const other = connect(db.url, engine, { max: 1 });
          await sql`SELECT pg_terminate_backend(${rows[0]?.pid})`.execute(other.kysely);
          await other.kysely.destroy();
          await new Promise((resolve) => setTimeout(resolve, 200));
          await sql`SELECT 1`.execute(trx);
        })
        .then(
          () => 'committed',
          (error: Error) => error.message,
        );
      expect(outcome).toMatch(/connection error|terminat/i);
      expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(db.kysely)).rows[0]?.one).toBe(1);
    } finally {
      await db.close();
    }
  });
});

describe.each(engines)('planned reads on %s', (engine) => {
  it('keep one generic plan per statement on connections of their own, and answer as Kysely does', async () => {
    const db = await openTestDb(engine);
    try {
      const typed = sql<{ someCount: number }>`SELECT count(*) AS some_count FROM generate_series(1, ${3}::int)`.compile(db.kysely);
      expect(await db.planned.rows(typed)).toEqual([{ someCount: 3 }]);

      const plans = sql<{ generic: number; custom: number }>`
        SELECT coalesce(sum(generic_plans), 0)::int AS generic, coalesce(sum(custom_plans), 0)::int AS custom
        FROM pg_prepared_statements WHERE name LIKE 'planned%' AND parameter_types <> '{}'`.compile(db.kysely);
      for (let i = 0; i < 3; i++) await db.planned.rows(typed);
      const [counted] = await db.planned.rows<{ generic: number; custom: number }>(plans);
      expect(counted?.custom).toBe(0);
      expect(counted?.generic).toBeGreaterThan(0);

      // Only those connections: every other statement keeps PostgreSQL's own choice.
      const mode = sql<{ mode: string }>`SELECT current_setting('plan_cache_mode') AS mode`;
      expect(await db.planned.rows(mode.compile(db.kysely))).toEqual([{ mode: 'force_generic_plan' }]);
      expect((await mode.execute(db.kysely)).rows).toEqual([{ mode: 'auto' }]);
    } finally {
      await db.close();
    }
  });
});
