/**
 * What planning each search once per connection saves: the directory search mix at
 * BENCH_SCALE synthetic service points (default 100,000), run through the directory's own search
 * statements, planned on every search (PostgreSQL's usual choice for a statement sent with its
 * values) and planned once (Db.planned, src/db/connect.ts) — one after the other, alternating,
 * so the machine's own changes of pace fall on both alike. Both must find the same rows.
 *
 *   npx tsx bench/search-plans.ts          (BENCH_ENGINES=embedded for the embedded engine alone)
 */
import { sql } from 'kysely';
import { searchServices } from '../src/modules/directory/repo.js';
import { searchQuery } from '../src/modules/directory/schema.js';
import { searchFilter, seedSynthetic } from '../src/modules/directory/service.js';
import { openTestDb, testDeps } from '../test/support/db.js';
import { engines, say as line } from './engines.js';
import { percentile } from './figures.js';
import { mix } from './search-mix-queries.js';

const scale = Number(process.env.BENCH_SCALE ?? 100_000);
const runs = Number(process.env.BENCH_RUNS ?? 200);
const say = (name: string, value: string) => line(name, value, 60);

for (const engine of engines) {
  const db = await openTestDb(engine, { max: 4 });
  const deps = testDeps(db);
  await seedSynthetic(deps, scale, { seed: 20261201 });
  await sql`VACUUM ANALYZE`.execute(db.kysely);
  for (const [name, query] of Object.entries(mix)) {
    const { filter } = searchFilter(searchQuery.parse(query), deps.now());
    const everyTime = () => searchServices(db.kysely, filter);
    const once = () => searchServices(db.kysely, filter, db.planned);
    if (JSON.stringify(await everyTime()) !== JSON.stringify(await once())) throw new Error(`${name}: the two found different rows`);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < runs + 10; i++) {
      let start = performance.now();
      await everyTime();
      const everyMs = performance.now() - start;
      start = performance.now();
      await once();
      if (i < 10) continue;
      a.push(everyMs);
      b.push(performance.now() - start);
    }
    const [a50, a95, b50, b95] = [percentile(a, 50), percentile(a, 95), percentile(b, 50), percentile(b, 95)];
    say(
      `[${engine}] ${scale}: ${name}: p50 / p95`,
      `planned each time ${a50.toFixed(1)} / ${a95.toFixed(1)} ms, once ${b50.toFixed(1)} / ${b95.toFixed(1)} ms`,
    );
  }
  await db.close();
}
