/**
 * Foundation benchmarks: the costs every later capability pays on each request — a password
 * check, a sealed field, an audit event — and how long verifying the audit chain takes.
 * Prints one line per figure. Server figures need BENCH_DATABASE_URL (or TEST_DATABASE_URL).
 *
 *   npm run bench   (all benchmarks; this one alone: npx tsx bench/foundation.ts)
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { recordAudit, verifyAuditChain } from '../src/platform/audit.js';
import { hashPassword, verifyPassword } from '../src/platform/passwords.js';
import { openTestDb, testDeps } from '../test/support/db.js';
import { makeAgency } from '../test/support/factories.js';
import { engines } from './engines.js';
import { say as figure, percentile } from './figures.js';

const median = (values: number[]) => percentile(values, 50);

async function time(runs: number, body: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await body();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const say = (name: string, value: string) => figure(name, value, 58);

say('machine', `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);

const hash = await hashPassword('a benchmark passphrase');
say('argon2id hash (19 MiB, t=2), median of 20', `${(await time(20, () => hashPassword('a benchmark passphrase'))).toFixed(1)} ms`);
say('argon2id verify, median of 20', `${(await time(20, () => verifyPassword(hash, 'a benchmark passphrase'))).toFixed(1)} ms`);

for (const engine of engines) {
  const db = await openTestDb(engine);
  const deps = testDeps(db);
  const agency = await makeAgency(deps);
  const ref = { table: 'bench', column: 'name', rowId: crypto.randomUUID() };

  const fields = 10_000;
  let start = performance.now();
  for (let i = 0; i < fields; i++) {
    const sealed = await deps.crypto.encrypt(agency.id, ref, 'Maria Santos, born 1990-01-01');
    await deps.crypto.decrypt(agency.id, ref, sealed);
  }
  const sealMs = performance.now() - start;
  say(`[${engine}] seal + open a field (data key cached), ${fields}×`, `${((sealMs / fields) * 1000).toFixed(1)} µs each`);

  const events = 5_000;
  start = performance.now();
  for (let i = 0; i < events; i++) {
    await recordAudit(deps, {
      action: 'bench.read',
      outcome: 'ok',
      targetType: 'case',
      targetId: crypto.randomUUID(),
      details: { i },
    });
  }
  const appendMs = performance.now() - start;
  say(
    `[${engine}] audit append, one at a time, ${events}×`,
    `${((appendMs / events) * 1000).toFixed(0)} µs each (${Math.round(events / (appendMs / 1000))}/s)`,
  );

  start = performance.now();
  await Promise.all(
    Array.from({ length: 1000 }, (_, i) => recordAudit(deps, { action: 'bench.concurrent', outcome: 'ok', details: { i } })),
  );
  say(`[${engine}] audit append, 1000 at once`, `${(performance.now() - start).toFixed(0)} ms`);

  start = performance.now();
  const report = await verifyAuditChain(deps);
  say(
    `[${engine}] audit verify, ${report.events} events`,
    `${(performance.now() - start).toFixed(0)} ms (${report.ok ? 'intact' : 'BROKEN'})`,
  );
  await db.close();
}
