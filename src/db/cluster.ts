import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Binaries, canRun, findBinaries, reachableCopy } from './postgres-binaries.js';
import { isAlive } from './processes.js';

/** The embedded PostgreSQL's files: where the cluster lives, who runs it, its password, initdb. */
export const USER = 'harbour';
const ROOT_HOME = '/var/lib/harbour';

export class EmbeddedError extends Error {}

interface ServiceUser {
  uid: number;
  gid: number;
}

export interface Cluster {
  dataDir: string;
  dir: string;
  binaries: Binaries;
  user?: ServiceUser;
  password: string;
}

/** The last commit whose Harbour embedded PGlite: it can still read such a data directory and back it up. */
export const LAST_PGLITE_COMMIT = '4a5cb14bca578b97c8b834a785c8f68786437c4b';

export function refuseOldPglite(dataDir: string): void {
  const old = path.join(dataDir, 'pgdata');
  if (!fs.existsSync(old) || fs.existsSync(path.join(dataDir, 'pg'))) return;
  const dir = path.resolve(dataDir);
  throw new EmbeddedError(
    `${old} holds a database of the PGlite engine that earlier Harbour versions embedded; this version runs a real PostgreSQL and cannot read it. ` +
      'Move it over through a backup (docs/operations.md, "Moving from PGlite"): ' +
      `(1) git worktree add ../harbour-pglite ${LAST_PGLITE_COMMIT.slice(0, 12)} && cd ../harbour-pglite && npm ci && ` +
      `HARBOUR_DATA_DIR=${dir} npm run harbour -- backup ${dir}/pglite.backup --case-keys ${dir}/pglite.case-keys; ` +
      `(2) back here: mv ${old} ${old}.old && npm run harbour -- restore ${dir}/pglite.backup --case-keys ${dir}/pglite.case-keys`,
  );
}

export function prepareCluster(dataDir: string): Cluster {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const user = serviceUser();
  let binaries = findBinaries();
  let dir = path.join(dataDir, 'pg');
  if (user) {
    fs.mkdirSync(ROOT_HOME, { recursive: true, mode: 0o755 });
    fs.chmodSync(ROOT_HOME, 0o755);
    if (!canRun(binaries.postgres, user)) binaries = reachableCopy(binaries, ROOT_HOME);
    dir = rootClusterDir(dataDir, dir, user);
  }
  return { dataDir, dir, binaries, user, password: passwordOf(dataDir) };
}

/** Run as root, the cluster lives where the `postgres` user can reach it, linked from the data dir. */
function rootClusterDir(dataDir: string, link: string, user: ServiceUser): string {
  const existing = fs.lstatSync(link, { throwIfNoEntry: false });
  if (existing?.isSymbolicLink()) return fs.readlinkSync(link);
  if (existing) {
    throw new EmbeddedError(`${link} was made by a Harbour not run as root; run Harbour as the user who owns ${dataDir}, not as root`);
  }
  const id = crypto.createHash('sha256').update(fs.realpathSync(dataDir)).digest('hex').slice(0, 16);
  const home = path.join(ROOT_HOME, 'clusters');
  fs.mkdirSync(home, { recursive: true, mode: 0o755 });
  const dir = path.join(home, id);
  // A cluster no data dir links to any more is removed, unless a PostgreSQL still runs in it (its
  // data dir was deleted under it): writing a new cluster there would mix the two.
  const running = pidIn(path.join(dir, 'postmaster.pid'));
  if (running && isAlive(running)) {
    throw new EmbeddedError(
      `a PostgreSQL (pid ${running}) still runs in ${dir}, whose data directory ${dataDir} was removed: stop it first (kill ${running})`,
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { mode: 0o700 });
  fs.chownSync(dir, user.uid, user.gid);
  fs.symlinkSync(dir, link);
  return dir;
}

/** The pid a pid file names, if there is one. */
function pidIn(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function serviceUser(): ServiceUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => {
    const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (uid.status !== 0 || gid.status !== 0) return undefined;
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  const found = lookup();
  if (found) return found;
  spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
  const made = lookup();
  if (!made) {
    throw new EmbeddedError(
      'PostgreSQL refuses to run as root and no "postgres" user could be made for it (useradd failed): run Harbour as an ordinary user, or set DATABASE_URL',
    );
  }
  return made;
}

function passwordOf(dataDir: string): string {
  const file = path.join(dataDir, 'postgres-password');
  if (!fs.existsSync(file)) {
    try {
      fs.writeFileSync(file, `${crypto.randomBytes(24).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process wrote it first
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}

export const logFile = (cluster: Cluster) => path.join(cluster.dataDir, 'postgres.log');

export function lastLines(file: string, count = 8): string {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-count).join(' | ');
  } catch {
    return '(no log)';
  }
}

export async function initCluster(cluster: Cluster): Promise<void> {
  // initdb reads the password from a file the service user can read; it is gone straight after.
  const pwDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-initdb-'));
  const pwFile = path.join(pwDir, 'pw');
  fs.writeFileSync(pwFile, `${cluster.password}\n`, { mode: 0o600 });
  if (cluster.user) {
    fs.chownSync(pwDir, cluster.user.uid, cluster.user.gid);
    fs.chownSync(pwFile, cluster.user.uid, cluster.user.gid);
  }
  fs.mkdirSync(cluster.dir, { recursive: true, mode: 0o700 });
  try {
    const result = spawnSync(
      cluster.binaries.initdb,
      [
        `--pgdata=${cluster.dir}`,
        `--username=${USER}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
        '--no-instructions',
      ],
      { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' }, ...(cluster.user ?? {}) },
    );
    if (result.error || result.status !== 0) {
      const reason = result.error?.message ?? `${result.stderr}`.trim().split('\n').slice(-3).join(' | ');
      throw new EmbeddedError(`initdb of the embedded PostgreSQL in ${cluster.dir} failed: ${reason}`);
    }
  } finally {
    fs.rmSync(pwDir, { recursive: true, force: true });
  }
}

/** Deletes a data directory and, when run as root, the cluster it links to under /var/lib/harbour (tests, benchmarks). */
export function removeDataDir(dataDir: string): void {
  const link = path.join(dataDir, 'pg');
  if (fs.lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) fs.rmSync(fs.readlinkSync(link), { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
}
