/**
 * The embedded PostgreSQL as a newcomer meets it: cold `npm start` to the first page; 20 fresh
 * starts, each followed at once by a public search, with both CPUs kept busy (PGlite could hang
 * there); and the memory of Harbour plus its PostgreSQL, idle and under 10 concurrent searches.
 *
 *   npm run build && npx tsx bench/embedded.ts      (BENCH_STARTS=20, BENCH_SERVICES=10000)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { removeDataDir } from '../src/db/embedded.js';
import { say as figure, percentile } from './figures.js';
import { freePort, memoryOfTree, requireBuild, startServe, stopServe, waitUp } from './serve-process.js';

requireBuild();
const say = (name: string, value: string) => figure(name, value, 66);
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-bench-embedded-'));
const root = path.resolve(import.meta.dirname, '..');
const starts = Number(process.env.BENCH_STARTS ?? 20);
const services = Number(process.env.BENCH_SERVICES ?? 10_000);
const median = (values: number[]) => percentile(values, 50);
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function firstPage(base: string, limitMs: number): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < limitMs) {
    try {
      const response = await fetch(`${base}/`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok && (await response.text()).includes('<script')) return performance.now();
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('no first page');
}

say('machine', `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);

// 1. Cold `npm start`: a new data directory, so initdb, migrations and the sample network too.
{
  const dir = path.join(temp, 'cold');
  const port = await freePort();
  const begun = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, HARBOUR_DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'silent' },
    stdio: 'ignore',
    detached: true,
  });
  const ready = await firstPage(`http://127.0.0.1:${port}`, 120_000);
  say('cold npm start to the first page (initdb, migrations, sample network)', fmt(ready - begun));
  process.kill(-(child.pid as number), 'SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
  const port2 = await freePort();
  const again = startServe(dir, port2);
  const warm = await waitUp(again);
  say('warm start (existing data directory) to /api/health', fmt(warm));
  await stopServe(again);
  removeDataDir(dir);
}

// 2. Fresh starts, each followed at once by a search, with both CPUs busy.
{
  const busy = Array.from({ length: os.cpus().length }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
  const up: number[] = [];
  const searched: number[] = [];
  let hung = 0;
  for (let i = 0; i < starts; i++) {
    const dir = path.join(temp, `start-${i}`);
    const served = startServe(dir, await freePort());
    try {
      up.push(await waitUp(served));
      const begun = performance.now();
      const response = await fetch(`${served.base}/api/directory/search?q=${encodeURIComponent('aide juridque')}&near=Montreal`, {
        signal: AbortSignal.timeout(60_000),
      });
      await response.json();
      searched.push(performance.now() - begun);
      const health = await fetch(`${served.base}/api/health`, { signal: AbortSignal.timeout(10_000) });
      if (!health.ok) hung++;
    } catch (error) {
      hung++;
      process.stderr.write(`start ${i}: ${(error as Error).message}\n`);
    } finally {
      await stopServe(served);
      removeDataDir(dir);
    }
  }
  for (const child of busy) child.kill('SIGKILL');
  say(`fresh starts with both CPUs busy, each then searched at once`, `${starts - hung} of ${starts} answered, ${hung} hung`);
  say('  start to /api/health: median / max', `${fmt(median(up))} / ${fmt(Math.max(...up))}`);
  say(
    '  first search ("aide juridque" near Montreal): median / max',
    `${median(searched).toFixed(0)} / ${Math.max(...searched).toFixed(0)} ms`,
  );
}

// 3. Memory of Harbour and its PostgreSQL, with synthetic services added by a command run alongside.
{
  const dir = path.join(temp, 'memory');
  const served = startServe(dir, await freePort());
  await waitUp(served);
  const seeded = spawn(process.execPath, [path.join(root, 'dist', 'src', 'cli.js'), 'seed', '--synthetic', String(services)], {
    env: { ...process.env, HARBOUR_DATA_DIR: dir, LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  const seededCode = await new Promise((resolve) => seeded.on('exit', resolve));
  if (seededCode !== 0) throw new Error(`harbour seed --synthetic exited ${seededCode}`);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const pid = served.child.pid as number;
  const idle = memoryOfTree(pid);
  say(
    `memory idle, ${services} services: Harbour + its PostgreSQL (PSS)`,
    `${(idle.harbourMiB + idle.postgresMiB).toFixed(0)} MiB (${idle.harbourMiB.toFixed(0)} + ${idle.postgresMiB.toFixed(0)})`,
  );
  const queries = ['legal aid', 'housing', 'aide juridique', 'interpretation', 'health', 'women shelter', 'emploi', 'counselling'];
  const cities = ['Toronto', 'Montreal', 'Vancouver', 'Calgary', 'Halifax', 'Winnipeg'];
  let peak = { harbourMiB: 0, postgresMiB: 0 };
  let done = 0;
  const until = performance.now() + 15_000;
  const sampler = setInterval(() => {
    const now = memoryOfTree(pid);
    if (now.harbourMiB + now.postgresMiB > peak.harbourMiB + peak.postgresMiB) peak = now;
  }, 200);
  await Promise.all(
    Array.from({ length: 10 }, async (_, worker) => {
      for (let i = worker; performance.now() < until; i += 10) {
        const q = queries[i % queries.length] as string;
        const near = cities[i % cities.length] as string;
        const response = await fetch(`${served.base}/api/directory/search?q=${encodeURIComponent(q)}&near=${near}`);
        await response.arrayBuffer();
        done++;
      }
    }),
  );
  clearInterval(sampler);
  say(
    'memory under 10 concurrent searches for 15 s: peak (PSS)',
    `${(peak.harbourMiB + peak.postgresMiB).toFixed(0)} MiB (${peak.harbourMiB.toFixed(0)} + ${peak.postgresMiB.toFixed(0)}), ${(done / 15).toFixed(1)} searches/s`,
  );
  await stopServe(served);
  removeDataDir(dir);
}

fs.rmSync(temp, { recursive: true, force: true });
