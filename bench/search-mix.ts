/**
 * Directory search against its true floor, at growing scale: synthetic service points added up
 * to each of BENCH_SCALES (default 10,000, 100,000 and 300,000), and at each a mix of the
 * searches people make — plain words near a big city, French, a misspelling, filters only, a
 * postal prefix, and words with a category and a language — each timed through HTTP, one at a
 * time and ten at once, beside the floor: the main search statement alone, as the search sent
 * it, prepared on one connection with its generic plan cached (made once, never again). Last, each search's p95 at the largest
 * scale over its p95 at the smallest.
 *
 *   npx tsx bench/search-mix.ts          (BENCH_ENGINES=embedded for the embedded engine alone)
 */
import { CamelCasePlugin, type CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/db/tables.js';
import { searchServices } from '../src/modules/directory/repo.js';
import { searchQuery } from '../src/modules/directory/schema.js';
import { searchFilter, seedSynthetic } from '../src/modules/directory/service.js';
import { buildApp } from '../src/server.js';
import { openTestDb, testDeps } from '../test/support/db.js';
import { engines, say as line } from './engines.js';
import { percentile } from './figures.js';
import { mix } from './search-mix-queries.js';

const scales = (process.env.BENCH_SCALES ?? '10000,100000,300000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 100);
const say = (name: string, value: string) => line(name, value, 64);

/** The statements one search sends, as Kysely compiles them; the last is the main one. */
async function statementsOf(url: string, query: Record<string, string>, now: Date): Promise<CompiledQuery[]> {
  const seen: CompiledQuery[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
    log: (event) => {
      if (event.level === 'query') seen.push(event.query);
    },
  });
  await searchServices(db, searchFilter(searchQuery.parse(query), now).filter);
  await db.destroy();
  return seen;
}

for (const engine of engines) {
  const db = await openTestDb(engine, { max: 12 });
  const deps = testDeps(db);
  deps.setNow(new Date());
  const app = await buildApp(deps, { webDir: '/nonexistent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const searchOnce = async (query: Record<string, string>) => {
    const start = performance.now();
    const response = await fetch(`${base}/api/directory/search?${new URLSearchParams(query)}`);
    if (!response.ok) throw new Error(`${response.status} for ${JSON.stringify(query)}`);
    await response.arrayBuffer();
    return performance.now() - start;
  };
  // The floor's plan is cached too: made once, as a generic plan, like the search's own (db/connect.ts).
  const floorClient = new pg.Client({ connectionString: db.url, options: '-c plan_cache_mode=force_generic_plan' });
  await floorClient.connect();
  const p95By = new Map<string, number[]>();
  let seeded = 0;
  let shape = 0;
  for (const scale of scales) {
    // Each top-up its own seed, so the larger scales are not the smaller one repeated.
    await seedSynthetic(deps, scale - seeded, { seed: 20261123 + scale });
    seeded = scale;
    // Vacuumed too, so autovacuum does not start on the new rows while searches are timed.
    await sql`VACUUM ANALYZE`.execute(db.kysely);
    for (const [name, query] of Object.entries(mix)) {
      for (let i = 0; i < 10; i++) await searchOnce(query);
      const alone: number[] = [];
      for (let i = 0; i < runs; i++) alone.push(await searchOnce(query));

      const statements = await statementsOf(db.url, query, deps.now());
      const main = statements.at(-1) as CompiledQuery;
      const prepared = { name: `floor-${shape++}`, text: main.sql, values: main.parameters as unknown[] };
      for (let i = 0; i < 10; i++) await floorClient.query(prepared);
      const floor: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        await floorClient.query(prepared);
        floor.push(performance.now() - start);
      }

      const together: number[] = [];
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          for (let i = 0; i < Math.ceil(runs / 2); i++) together.push(await searchOnce(query));
        }),
      );
      const perSecond = together.length / ((performance.now() - started) / 1000);
      const [a50, a95, f95, t95] = [percentile(alone, 50), percentile(alone, 95), percentile(floor, 95), percentile(together, 95)];
      p95By.set(name, [...(p95By.get(name) ?? []), a95]);
      say(
        `[${engine}] ${scale}: ${name}: p50 / p95 alone, ÷ floor`,
        `${a50.toFixed(1)} / ${a95.toFixed(1)} ms, ${(a95 / f95).toFixed(2)}× (floor p95 ${f95.toFixed(1)} ms, ${statements.length} statements)`,
      );
      say(`[${engine}] ${scale}: ${name}: 10 at once`, `p95 ${t95.toFixed(1)} ms, ${perSecond.toFixed(0)} searches/s`);
    }
  }
  if (scales.length > 1) {
    for (const [name, p95s] of p95By) {
      const [first = 0, last = 0] = [p95s[0], p95s.at(-1)];
      say(`[${engine}] ${name}: p95 at ${scales.at(-1)} ÷ p95 at ${scales[0]}`, `${(last / first).toFixed(2)}×`);
    }
  }
  await floorClient.end();
  await app.close();
  await db.close();
}
