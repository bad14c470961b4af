import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { removeDataDir } from '../src/db/embedded.js';
import { isAlive } from '../src/db/processes.js';
import { openRuntime } from '../src/runtime.js';
import { finished, harbour, start, waitFor } from './support/cli.js';
import { databaseUrl, dropDatabase, onServer } from './support/templates.js';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-cli-test-'));
afterAll(() => {
  for (const entry of fs.readdirSync(temp, { withFileTypes: true })) if (entry.isDirectory()) removeDataDir(path.join(temp, entry.name));
  fs.rmSync(temp, { recursive: true, force: true });
});

const dataDir = (name: string) => ({ HARBOUR_DATA_DIR: path.join(temp, name) });

/** The pid of the embedded PostgreSQL serving a data directory, from its postmaster.pid. */
function postmasterPid(dir: string): number {
  return Number.parseInt(fs.readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0] as string, 10);
}

// Every step starts a whole harbour process (tsx, then its PostgreSQL): on a busy 2-core machine a step can take
// several seconds, so these tests get more time than the default.
describe('the harbour command', { timeout: 240_000 }, () => {
  it('lists its commands and settings with --help', async () => {
    const result = await harbour(['--help'], {});
    expect(result.code).toBe(0);
    for (const name of [
      'serve',
      'migrate',
      'seed',
      'user add',
      'user disable',
      'user reset-password',
      'agency add',
      'backup',
      'restore',
      'audit verify',
      'audit checkpoint',
      'keys rotate',
      'directory import',
      'directory export',
      'DATABASE_URL',
      'HARBOUR_DATA_DIR',
    ]) {
      expect(result.stdout).toContain(name);
    }
    const sub = await harbour(['user', 'add', '--help'], {});
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('one-time link');
  });

  it('exits non-zero with a one-line reason on a bad command, option or setting', async () => {
    const unknown = await harbour(['frobnicate'], {});
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('harbour: unknown command "frobnicate"; run "harbour --help" for the list\n');
    const option = await harbour(['audit', 'verify', '--colour'], dataDir('options'));
    expect(option.code).toBe(1);
    expect(option.stderr).toMatch(/^harbour: audit verify: Unknown option '--colour'/);
    const setting = await harbour(['migrate'], { PORT: 'eighty' });
    expect(setting.code).toBe(1);
    expect(setting.stderr).toMatch(/^harbour: configuration: PORT: /);
    expect(setting.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('adds agencies and users, refusing bad input by name', async () => {
    const env = dataDir('users');
    const badProvince = await harbour(['agency', 'add', '--slug', 'north-shelter', '--name', 'North Shelter', '--province', 'ZZ'], env);
    expect(badProvince.code).toBe(1);
    expect(badProvince.stderr).toMatch(/^harbour: --province: /m);
    const agency = await harbour(['agency', 'add', '--slug', 'north-shelter', '--name', 'North Shelter', '--province', 'NU'], env);
    expect(agency.stdout).toContain('added agency north-shelter');
    const again = await harbour(['agency', 'add', '--slug', 'north-shelter', '--name', 'North Shelter', '--province', 'NU'], env);
    expect(again.stderr).toBe('harbour: slug: north-shelter is already taken\n');

    const base = ['user', 'add', '--email', 'a@example.org', '--agency', 'north-shelter'];
    const badRole = await harbour([...base, '--role', 'boss'], env);
    expect(badRole.stderr).toMatch(/--role: "boss" is not one of/);
    const password = await harbour([...base, '--role', 'coordinator', '--password-stdin'], env, 'a password I chose for them\n');
    expect(password.stderr).toMatch(/Unknown option '--password-stdin'/);
    const noAgency = await harbour(['user', 'add', '--email', 'a@example.org', '--agency', 'nowhere', '--role', 'worker'], env);
    expect(noAgency.stderr).toBe('harbour: no agency with slug nowhere\n');
    // Nobody chooses another person's password: the command prints the invitation link, also emailed to them.
    const added = await harbour([...base, '--role', 'coordinator,worker'], env);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('invited a@example.org (coordinator, worker)');
    expect(added.stdout).toMatch(/^ {2}http:\/\/localhost:3000\/invitation#[A-Za-z0-9_-]{43}$/m);
    const outbox = await harbour(['outbox'], env);
    expect(outbox.stdout).toContain('--- to a@example.org');
    expect(outbox.stdout).toContain(added.stdout.match(/invitation#\S+/)?.[0]);

    const reset = await harbour(['user', 'reset-password', '--email', 'a@example.org', '--second-factor'], env);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/^reset a@example.org; a new invitation link/);
    expect((await harbour(['user', 'disable', '--email', 'a@example.org'], env)).stdout).toContain('disabled a@example.org');
    expect((await harbour(['user', 'disable', '--email', 'nobody@example.org'], env)).stderr).toBe(
      'harbour: no account with email nobody@example.org\n',
    );
    const verified = await harbour(['audit', 'verify'], env);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/audit chain intact: \d+ events/);

    // A checkpoint leaves the database; later events are fine, a checkpoint is never overwritten.
    const checkpointFile = path.join(temp, 'users-checkpoint.json');
    const checkpoint = await harbour(['audit', 'checkpoint', checkpointFile], env);
    expect(checkpoint.stdout).toMatch(/^wrote .*users-checkpoint\.json: \d+ events/);
    expect((fs.statSync(checkpointFile).mode & 0o777).toString(8)).toBe('600');
    expect((await harbour(['audit', 'checkpoint', checkpointFile], env)).stderr).toMatch(
      /already exists: a checkpoint is never written over/,
    );
    await harbour(['user', 'disable', '--email', 'a@example.org'], env);
    const since = await harbour(['audit', 'verify', '--checkpoint', checkpointFile], env);
    expect(since.stdout).toMatch(/audit chain intact: \d+ events, none cut or rewritten since the checkpoint/);
    fs.writeFileSync(path.join(temp, 'not-a-checkpoint.json'), '{"format":"something"}');
    const bad = await harbour(['audit', 'verify', '--checkpoint', path.join(temp, 'not-a-checkpoint.json')], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not a Harbour audit checkpoint/);
    expect((await harbour(['audit', 'verify', '--checkpoint', path.join(temp, 'nope.json')], env)).stderr).toMatch(
      /--checkpoint: .*no such file/,
    );
  });

  it('rotates the master key in the key file, and sealed values still open', async () => {
    const env = dataDir('keys');
    await harbour(['seed'], env);
    const config = loadConfig(env);
    const before = await openRuntime(config, () => {});
    const agency = await before.deps.kysely.selectFrom('agency').select('id').executeTakeFirstOrThrow();
    const ref = { table: 'test', column: 'value', rowId: '1' };
    const sealed = await before.deps.crypto.encrypt(agency.id, ref, 'kept across rotation');
    const keyFile = path.join(config.dataDir, 'master.key');
    const oldKey = JSON.parse(fs.readFileSync(keyFile, 'utf8')).keys['1'];
    expect((fs.statSync(keyFile).mode & 0o777).toString(8)).toBe('600');
    await before.close();

    const rotated = await harbour(['keys', 'rotate', '--data-keys'], env);
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/master key version 2 now wraps 5 data keys; 5 agencies got a new data key/);
    const keys = JSON.parse(fs.readFileSync(keyFile, 'utf8')).keys;
    expect(Object.keys(keys)).toEqual(['2']);
    expect(keys['2']).not.toBe(oldKey);

    const after = await openRuntime(config, () => {});
    expect(await after.deps.crypto.decrypt(agency.id, ref, sealed)).toBe('kept across rotation');
    const fresh = await after.deps.crypto.encrypt(agency.id, ref, 'new value');
    expect(fresh.readUInt32BE(1)).toBe(2);
    await after.close();
  });

  it('adds synthetic service points with progress, and refuses a bad count', async () => {
    const env = dataDir('synthetic');
    const bad = await harbour(['seed', '--synthetic', 'lots'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^harbour: --synthetic: a whole number from 1 to 1000000$/m);
    const added = await harbour(['seed', '--synthetic', '600'], env);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('added 600 synthetic service points');
    expect(added.stderr).toMatch(/500\/600 service points/);
    expect(added.stderr).toMatch(/600\/600 service points/);
  });

  it('refuses to seed a database that already holds agencies', async () => {
    const env = dataDir('seed-twice');
    expect((await harbour(['seed'], env)).code).toBe(0);
    const twice = await harbour(['seed'], env);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/already holds agencies/);
  });

  it('serves on its embedded PostgreSQL, runs other commands alongside, and refuses a second serve', async () => {
    const env = { ...dataDir('serve'), PORT: String(20000 + Math.floor(Math.random() * 20000)) };
    const first = start(['serve'], env);
    let postgresPid = 0;
    try {
      const printed = await waitFor(first, 'authenticator app at first sign-in');
      expect(printed).toContain('Loaded the sample network');
      expect(printed).toMatch(/password for all: \S{12,}/);
      expect(printed).toContain('on its embedded PostgreSQL');
      const health = await fetch(`http://127.0.0.1:${env.PORT}/api/health`).then((r) => r.json());
      expect(health).toMatchObject({ status: 'ok', database: 'embedded', databaseVersion: expect.stringMatching(/^PostgreSQL 18\./) });
      postgresPid = postmasterPid(path.join(temp, 'serve'));
      expect(postgresPid).toBeGreaterThan(0);

      // Commands join the running server instead of refusing, and leave it running.
      const agency = await harbour(['agency', 'add', '--slug', 'beside-serve', '--name', 'Beside the server', '--province', 'MB'], env);
      expect(agency.stderr).toBe('');
      expect(agency.stdout).toContain('added agency beside-serve');
      const outbox = await harbour(['outbox'], env);
      expect(outbox.code).toBe(0);
      const backup = await harbour(['backup', path.join(temp, 'while-serving.gz')], env);
      expect(backup.code).toBe(0);
      expect(backup.stdout).toMatch(/agency \d+/);
      expect(postmasterPid(path.join(temp, 'serve'))).toBe(postgresPid);
      const after = await fetch(`http://127.0.0.1:${env.PORT}/api/health`);
      expect(after.status).toBe(200);

      const second = await harbour(['serve'], { ...env, PORT: String(Number(env.PORT) + 1) });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/^harbour: the data directory .* is served by another harbour serve \(pid \d+\)/);
    } finally {
      first.kill('SIGTERM');
      await finished(first);
    }
    // Its PostgreSQL stopped with it.
    expect(isAlive(postgresPid)).toBe(false);
  });

  it('refuses a data directory made by PGlite, naming the commands that move it over', async () => {
    const env = dataDir('pglite-era');
    fs.mkdirSync(path.join(temp, 'pglite-era', 'pgdata'), { recursive: true });
    fs.writeFileSync(path.join(temp, 'pglite-era', 'pgdata', 'PG_VERSION'), '17');
    const refused = await harbour(['migrate'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/holds a database of the PGlite engine/);
    expect(refused.stderr).toMatch(/git worktree add \.\.\/harbour-pglite 4a5cb14bca57 .* backup .*pglite\.backup --case-keys/);
    expect(refused.stderr).toMatch(/restore .*pglite\.backup --case-keys .*pglite\.case-keys/);
    expect(fs.existsSync(path.join(temp, 'pglite-era', 'pg'))).toBe(false);
  });

  it('refuses a cluster made by another major PostgreSQL, saying how to move it', async () => {
    const env = dataDir('other-major');
    expect((await harbour(['migrate'], env)).code).toBe(0);
    fs.writeFileSync(path.join(temp, 'other-major', 'pg', 'PG_VERSION'), '17\n');
    const refused = await harbour(['migrate'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /was made by PostgreSQL 17, and this Harbour runs PostgreSQL 18: take a backup with the Harbour that made it/,
    );
  });

  // Run as root the cluster lives outside the data directory, so deleting the data directory leaves it running.
  it.skipIf(process.getuid?.() !== 0)(
    'refuses to make a new cluster where a PostgreSQL still runs, its data directory deleted under it',
    async () => {
      const env = { ...dataDir('deleted-under'), PORT: String(20000 + Math.floor(Math.random() * 20000)) };
      const first = start(['serve'], env);
      let cluster = '';
      try {
        await waitFor(first, 'authenticator app at first sign-in');
        cluster = fs.readlinkSync(path.join(temp, 'deleted-under', 'pg'));
        fs.rmSync(path.join(temp, 'deleted-under'), { recursive: true, force: true });
        const refused = await harbour(['migrate'], env);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(/still runs in .*whose data directory .* was removed: stop it first/);
        expect(fs.existsSync(path.join(cluster, 'PG_VERSION'))).toBe(true);
      } finally {
        first.kill('SIGTERM');
        await finished(first);
        if (cluster) fs.rmSync(cluster, { recursive: true, force: true });
      }
    },
  );

  it('takes its PostgreSQL down with it when killed outright, and a stale postmaster.pid never blocks the next start', async () => {
    const env = { ...dataDir('killed'), PORT: String(20000 + Math.floor(Math.random() * 20000)) };
    const first = start(['serve'], env);
    await waitFor(first, 'authenticator app at first sign-in');
    const postgresPid = postmasterPid(path.join(temp, 'killed'));
    first.kill('SIGKILL');
    await finished(first);
    for (let i = 0; i < 80 && isAlive(postgresPid); i++) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(isAlive(postgresPid)).toBe(false);
    const again = start(['serve'], env);
    try {
      const printed = await waitFor(again, 'authenticator app at first sign-in');
      expect(printed).not.toContain('Loaded the sample network');
      const health = await fetch(`http://127.0.0.1:${env.PORT}/api/health`).then((r) => r.json());
      expect(health).toMatchObject({ status: 'ok', database: 'embedded' });
    } finally {
      // Both killed outright: PostgreSQL leaves its postmaster.pid behind, naming a pid that
      // after a reboot may belong to another process — here, this test's own.
      const pid = postmasterPid(path.join(temp, 'killed'));
      process.kill(pid, 'SIGKILL');
      again.kill('SIGKILL');
      await finished(again);
    }
    const pidFile = path.join(temp, 'killed', 'pg', 'postmaster.pid');
    const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
    fs.writeFileSync(pidFile, [String(process.pid), ...lines.slice(1)].join('\n'));
    const third = start(['serve'], env);
    try {
      await waitFor(third, 'authenticator app at first sign-in');
      const health = await fetch(`http://127.0.0.1:${env.PORT}/api/health`).then((r) => r.json());
      expect(health).toMatchObject({ status: 'ok', database: 'embedded' });
    } finally {
      third.kill('SIGTERM');
      await finished(third);
    }
  });

  it('stops serving when the process that started it is gone', async () => {
    const env = { ...dataDir('orphan'), PORT: String(20000 + Math.floor(Math.random() * 20000)) };
    const cli = path.resolve('src/cli.ts');
    // A shell starts the server in the background, waits until it answers, then exits without a signal.
    const shell = spawn(
      'bash',
      [
        '-c',
        `node --import tsx ${cli} serve > /dev/null 2>&1 & echo $!; for i in $(seq 1 60); do curl -fs localhost:${env.PORT}/api/health > /dev/null && exit 0; sleep 0.5; done`,
      ],
      {
        env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
      },
    );
    let output = '';
    shell.stdout.on('data', (chunk) => {
      output += chunk;
    });
    await new Promise((resolve) => shell.on('exit', resolve));
    const pid = Number(output.trim().split('\n')[0]);
    expect(pid).toBeGreaterThan(0);
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 40 && alive(); i++) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(alive()).toBe(false);
    expect(fs.existsSync(path.join(temp, 'orphan', 'harbour.lock'))).toBe(false);
  });

  it('says loudly at start when the second factor is optional', async () => {
    const env = { ...dataDir('mfa-optional'), PORT: String(20000 + Math.floor(Math.random() * 20000)), HARBOUR_MFA: 'optional' };
    const server = start(['serve'], env);
    try {
      expect(await waitFor(server, 'Never run a real network like this')).toContain('HARBOUR_MFA=optional');
    } finally {
      server.kill('SIGTERM');
      await finished(server);
    }
  });

  it('backs up the embedded database and restores it into another engine, through the command', async () => {
    const source = dataDir('backup-source');
    await harbour(['seed'], source);
    const file = path.join(temp, 'cli-backup.gz');
    const written = await harbour(['backup', file], source);
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/agency 5, account 6/);
    const masterKey = JSON.parse(fs.readFileSync(path.join(temp, 'backup-source', 'master.key'), 'utf8')).keys['1'];
    // The audit key travels like the master key: the restored chain verifies only under it.
    const auditKey = fs.readFileSync(path.join(temp, 'backup-source', 'audit.key'), 'utf8').trim();
    const target = await targetEnvironment();
    target.env.HARBOUR_AUDIT_KEY = auditKey;
    expect(written.stdout).toContain(`wrote ${file}.case-keys: 0 case keys`);
    const withoutKeys = await harbour(['restore', file], { ...target.env, HARBOUR_MASTER_KEY: masterKey });
    expect(withoutKeys.stderr).toMatch(/^harbour: --case-keys KEYFILE is required to restore cases/);
    const restored = await harbour(['restore', file, '--case-keys', `${file}.case-keys`], { ...target.env, HARBOUR_MASTER_KEY: masterKey });
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toMatch(/restored: agency 5, account 6/);
    const verified = await harbour(['audit', 'verify'], { ...target.env, HARBOUR_MASTER_KEY: masterKey });
    expect(verified.stdout).toMatch(/audit chain intact/);
    const missing = await harbour(['restore'], { ...target.env, HARBOUR_MASTER_KEY: masterKey });
    expect(missing.stderr).toBe('harbour: FILE is required\n');
    await target.drop();
  });

  it('imports an HSDS package all or nothing, reports what it left out, and exports the directory', async () => {
    const env = dataDir('hsds');
    const fixture = path.join(import.meta.dirname, 'fixtures', 'hsds', 'legacy-2.0');
    const bad = path.join(temp, 'hsds-bad');
    fs.cpSync(fixture, bad, { recursive: true });
    fs.writeFileSync(
      path.join(bad, 'locations.csv'),
      'id,organization_id,name,latitude,longitude\nloc-1,org-1,Halifax office,north,-63.5\n',
    );
    const refused = await harbour(['directory', 'import', bad], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('  locations.csv line 2, latitude: "north" is not a number\n');
    expect(refused.stderr).toMatch(/harbour: nothing imported: \d+ problem\(s\) in .*use --skip-invalid to import the rest\n$/);

    const report = path.join(temp, 'hsds-report.txt');
    const skipped = await harbour(['directory', 'import', bad, '--skip-invalid', '--report', report], env);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(/imported 1 organizations, 0 locations and 0 services/);
    expect(fs.readFileSync(report, 'utf8')).toContain('locations.csv line 2, latitude: "north" is not a number');

    const imported = await harbour(['directory', 'import', fixture], env);
    expect(imported.stdout).toMatch(/imported 1 organizations, 1 locations and 1 services from .* \(HSDS 2.0 tabular\)/);
    const exported = await harbour(['directory', 'export', path.join(temp, 'hsds-out')], env);
    expect(exported.stdout).toMatch(/exported 1 organizations, 1 locations and 1 services/);
    expect(fs.readFileSync(path.join(temp, 'hsds-out', 'services.csv'), 'utf8')).toContain('Legal clinic for migrant workers');
    const missing = await harbour(['directory', 'import'], env);
    expect(missing.stderr).toMatch(/^harbour: PATH \(a folder of HSDS CSV files/);
  });
});

/** The server when TEST_DATABASE_URL is set (a new database on it), else another embedded data directory. */
async function targetEnvironment(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return { env: dataDir('backup-target'), drop: async () => {} };
  const name = `harbour_cli_${Date.now()}`;
  await onServer(server, `CREATE DATABASE ${name}`);
  return { env: { ...dataDir('backup-target-server'), DATABASE_URL: databaseUrl(server, name) }, drop: () => dropDatabase(server, name) };
}
