import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Binaries, canRun, findBinaries, reachableCopy } from './postgres-binaries.js';

/**
 * Harbour's own PostgreSQL server, for when DATABASE_URL is unset: a cluster under
 * `<data dir>/pg`, listening on 127.0.0.1 only (no Unix socket), with a generated password kept
 * in `<data dir>/postgres-password`.
 *
 * - `harbour serve` owns it: it starts the server, takes over one left running by a Harbour that
 *   was killed (stopping it and starting its own), and stops it when it stops.
 * - Any other `harbour` command joins a running server; with none running it starts one for its
 *   own length and stops it after ("smart" shutdown: a client still connected finishes first).
 * - On Linux the server is started through `setpriv --pdeathsig`, so a Harbour killed outright
 *   takes its PostgreSQL with it; elsewhere the next start takes the server over.
 * - PostgreSQL refuses to run as root. Run as root (containers, CI), Harbour runs it as the
 *   `postgres` user (created if missing), keeps the cluster under /var/lib/harbour where that
 *   user can reach it (`<data dir>/pg` then links there; the data dir itself stays mode 700), and
 *   uses a copy of the binaries there too if the user cannot reach node_modules.
 */
export interface EmbeddedServer {
  /** postgres://… of the `harbour` database. */
  url: string;
  /** The URL of another database on the same server. */
  urlOf(database: string): string;
  /** e.g. "PostgreSQL 18.4" */
  version: string;
  /** Where the cluster's files are. */
  clusterDir: string;
  /** True when this process started the server (and will stop it). */
  started: boolean;
  /** Stops the server if this process started it. */
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** `serve` takes over a server left running; a command joins it. */
  mode: 'serve' | 'command';
  /** Tests turn durability off for speed; everything else keeps PostgreSQL's defaults. */
  durable?: boolean;
  say?: (line: string) => void;
}

const USER = 'harbour';
const DATABASE = 'harbour';
const ROOT_HOME = '/var/lib/harbour';
const STATE_READY = 'ready';

interface ServiceUser {
  uid: number;
  gid: number;
}

interface Cluster {
  dataDir: string;
  dir: string;
  binaries: Binaries;
  user?: ServiceUser;
  password: string;
}

export class EmbeddedError extends Error {}

export async function openEmbedded(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const say = options.say ?? (() => {});
  refuseOldPglite(options.dataDir);
  const cluster = prepareCluster(options.dataDir);
  if (!fs.existsSync(path.join(cluster.dir, 'PG_VERSION'))) await initCluster(cluster);

  for (let attempt = 0; attempt < 3; attempt++) {
    const running = readPostmaster(cluster.dir);
    if (running && options.mode === 'command') {
      const port = await waitReady(cluster, running.pid);
      return server(cluster, port, false, () => Promise.resolve());
    }
    if (running) {
      say(`Taking over the embedded PostgreSQL left running (pid ${running.pid}): stopping it first.`);
      await stopPostmaster(running.pid);
    }
    const started = await startPostmaster(cluster, options.durable ?? true);
    if (!started) continue; // another process started it in between: join that one
    await ensureDatabase(cluster, started.port);
    return server(cluster, started.port, true, () => stopPostmaster(started.child.pid as number, 'smart'));
  }
  throw new EmbeddedError(`the embedded PostgreSQL in ${cluster.dir} could not be started or joined; see ${logFile(cluster)}`);
}

function server(cluster: Cluster, port: number, started: boolean, stop: () => Promise<void>): EmbeddedServer {
  const urlOf = (database: string) => `postgres://${USER}:${cluster.password}@127.0.0.1:${port}/${database}`;
  const version = fs.readFileSync(path.join(cluster.dir, 'PG_VERSION'), 'utf8').trim();
  let stopped = false;
  return {
    url: urlOf(DATABASE),
    urlOf,
    version: `PostgreSQL ${cluster.binaries.version.split('-')[0] ?? version}`,
    clusterDir: cluster.dir,
    started,
    close: async () => {
      if (stopped) return;
      stopped = true;
      await stop();
    },
  };
}

/** The last commit whose Harbour embedded PGlite: it can still read such a data directory and back it up. */
export const LAST_PGLITE_COMMIT = '4a5cb14bca578b97c8b834a785c8f68786437c4b';

function refuseOldPglite(dataDir: string): void {
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

function prepareCluster(dataDir: string): Cluster {
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
  fs.rmSync(dir, { recursive: true, force: true }); // a cluster no data dir links to any more
  fs.mkdirSync(dir, { mode: 0o700 });
  fs.chownSync(dir, user.uid, user.gid);
  fs.symlinkSync(dir, link);
  return dir;
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
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const password = crypto.randomBytes(24).toString('hex');
    fs.writeFileSync(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
    return password;
  }
}

const logFile = (cluster: Cluster) => path.join(cluster.dataDir, 'postgres.log');

function lastLines(file: string, count = 8): string {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-count).join(' | ');
  } catch {
    return '(no log)';
  }
}

async function initCluster(cluster: Cluster): Promise<void> {
  // initdb reads the password from a file the service user can read; it is gone straight after.
  const pwDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-initdb-'));
  const pwFile = path.join(pwDir, 'pw');
  fs.writeFileSync(pwFile, `${cluster.password}\n`, { mode: 0o600 });
  if (cluster.user) {
    fs.chownSync(pwDir, cluster.user.uid, cluster.user.gid);
    fs.chownSync(pwFile, cluster.user.uid, cluster.user.gid);
  }
  const target = fs.existsSync(cluster.dir) ? cluster.dir : (fs.mkdirSync(cluster.dir, { mode: 0o700 }), cluster.dir);
  try {
    const result = spawnSync(
      cluster.binaries.initdb,
      [
        `--pgdata=${target}`,
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

interface Postmaster {
  pid: number;
  port: number;
  state: string;
}

/** The running server that postmaster.pid names, or undefined when none runs (a stale file is removed). */
export function readPostmaster(clusterDir: string): Postmaster | undefined {
  const file = path.join(clusterDir, 'postmaster.pid');
  let lines: string[];
  try {
    lines = fs.readFileSync(file, 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(lines[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (!isPostgres(pid)) {
    // After a crash the pid may belong to another process now; PostgreSQL would refuse to start.
    fs.rmSync(file, { force: true });
    return undefined;
  }
  return { pid, port: Number.parseInt(lines[3] ?? '', 10), state: (lines[7] ?? '').trim() };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostgres(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return process.platform !== 'linux';
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function hasSetpriv(): boolean {
  return process.platform === 'linux' && spawnSync('setpriv', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function startPostmaster(cluster: Cluster, durable: boolean): Promise<{ child: ChildProcess; port: number } | undefined> {
  const port = await freePort();
  const settings = [
    `port=${port}`,
    'listen_addresses=127.0.0.1',
    'unix_socket_directories=',
    'timezone=UTC',
    'shared_buffers=64MB',
    'max_connections=100',
    'log_min_messages=warning',
    'log_checkpoints=off',
    ...(durable ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']),
  ];
  const args = ['-D', cluster.dir, ...settings.flatMap((setting) => ['-c', setting])];
  const log = fs.openSync(logFile(cluster), 'a', 0o600);
  let child: ChildProcess;
  try {
    if (hasSetpriv()) {
      const become = cluster.user ? ['--reuid', String(cluster.user.uid), '--regid', String(cluster.user.gid), '--clear-groups'] : [];
      child = spawn('setpriv', [...become, '--pdeathsig', 'TERM', '--', cluster.binaries.postgres, ...args], {
        stdio: ['ignore', log, log],
        detached: true,
      });
    } else {
      child = spawn(cluster.binaries.postgres, args, { stdio: ['ignore', log, log], detached: true, ...(cluster.user ?? {}) });
    }
  } finally {
    fs.closeSync(log);
  }
  child.unref();
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const postmaster = readPostmaster(cluster.dir);
    if (postmaster && postmaster.pid === child.pid && postmaster.state === STATE_READY) return { child, port };
    if (exited) {
      if (readPostmaster(cluster.dir)) return undefined;
      throw new EmbeddedError(`the embedded PostgreSQL did not start: ${lastLines(logFile(cluster))}`);
    }
    await sleep(25);
  }
  child.kill('SIGKILL');
  throw new EmbeddedError(`the embedded PostgreSQL did not become ready within 60 s: ${lastLines(logFile(cluster))}`);
}

async function waitReady(cluster: Cluster, pid: number): Promise<number> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const postmaster = readPostmaster(cluster.dir);
    if (!postmaster || postmaster.pid !== pid) break;
    if (postmaster.state === STATE_READY) return postmaster.port;
    await sleep(25);
  }
  throw new EmbeddedError(`the embedded PostgreSQL (pid ${pid}) is starting or stopping and did not become ready; try again`);
}

/**
 * Stops a server and waits until it is gone: "smart" lets connected clients finish (a command
 * still running), then "fast" ends their sessions, then "immediate".
 */
async function stopPostmaster(pid: number, first: 'smart' | 'fast' = 'fast'): Promise<void> {
  const steps: Array<[NodeJS.Signals, number]> = [
    ...(first === 'smart' ? ([['SIGTERM', 15_000]] as Array<[NodeJS.Signals, number]>) : []),
    ['SIGINT', 30_000],
    ['SIGQUIT', 10_000],
  ];
  for (const [signal, wait] of steps) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    const deadline = Date.now() + wait;
    while (Date.now() < deadline) {
      if (!isAlive(pid)) return;
      await sleep(25);
    }
  }
}

async function ensureDatabase(cluster: Cluster, port: number): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: cluster.password, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}
