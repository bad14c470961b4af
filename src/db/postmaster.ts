import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Cluster, EmbeddedError, lastLines, logFile } from './cluster.js';
import { freePort, isAlive } from './processes.js';

/** The running server of a cluster: read from postmaster.pid, started, waited for, stopped. */
export const STATE_READY = 'ready';
export const STATE_STOPPING = 'stopping';

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

function isPostgres(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return process.platform !== 'linux';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function hasSetpriv(): boolean {
  return process.platform === 'linux' && spawnSync('setpriv', ['--version'], { stdio: 'ignore' }).status === 0;
}

export async function startPostmaster(cluster: Cluster, durable: boolean): Promise<{ child: ChildProcess; port: number } | undefined> {
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

export async function waitReady(cluster: Cluster, pid: number): Promise<number> {
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
export async function stopPostmaster(pid: number, first: 'smart' | 'fast' = 'fast'): Promise<void> {
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
    if (await waitGone(pid, wait)) return;
  }
}

export async function waitGone(pid: number, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(25);
  }
  return false;
}

export async function smartShutdown(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  await waitGone(pid, 10_000);
}
