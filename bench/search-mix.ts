/**
 * Directory search against its true floor: N synthetic service points (BENCH_SERVICE_POINTS,
 * default 100,000), then a mix of the searches people make — plain words near a big city,
 * French, a misspelling, filters only, a postal prefix, and words with a category and a language
 * — each timed through HTTP, one at a time and ten at once, beside the floor: the main search
 * statement alone, as the search sent it, prepared on one connection so its plan is cached.
 *
 *   npx tsx bench/search-mix.ts          (BENCH_ENGINES=embedded for the embedded engine alone)
 */
import { CamelCasePlugin, type CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/db/tables.js';
import { resolveNear } from '../src/modules/directory/geo.js';
import { searchServices } from '../src/modules/directory/repo.js';
import { searchQuery } from '../src/modules/directory/schema.js';
import { searchWords, seedSynthetic } from '../src/modules/directory/service.js';
import { withSubcategories } from '../src/modules/directory/taxonomy.js';
import { buildApp } from '../src/server.js';
import { openTestDb, testDeps } from '../test/support/db.js';
import { engines, say as line } from './engines.js';
import { percentile } from './figures.js';

const servicePoints = Number(process.env.BENCH_SERVICE_POINTS ?? 100_000);
const runs = Number(process.env.BENCH_RUNS ?? 100);
const say = (name: string, value: string) => line(name, value, 64);

const mix: Record<string, Record<string, string>> = {
  'words near a big city': { q: 'legal aid', near: 'Toronto', radiusKm: '50' },
  French: { q: 'hébergement femmes', near: 'Montréal', radiusKm: '50' },
  misspelling: { q: 'clinique juridque', near: 'Montréal', radiusKm: '50' },
  'filters only': { category: 'safe-housing', population: 'women', province: 'BC' },
  'postal prefix': { q: 'counselling', near: 'H2X', radiusKm: '25' },
  'words, category, language': { q: 'workers centre', category: 'labour-rights', language: 'es', near: 'Calgary', radiusKm: '50' },
};

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
  const parsed = searchQuery.parse(query);
  const near = parsed.near ? resolveNear(parsed.near) : undefined;
  await searchServices(db, {
    words: searchWords(parsed.q),
    ...(parsed.category ? { categories: parsed.category.flatMap(withSubcategories) } : {}),
    ...(parsed.population ? { populations: parsed.population } : {}),
    ...(parsed.language ? { languages: parsed.language } : {}),
    ...(parsed.province ? { province: parsed.province } : {}),
    ...(near ? { near: { ...near, radiusKm: parsed.radiusKm ?? 50 } } : {}),
    limit: parsed.pageSize,
    offset: 0,
    now,
  });
  await db.destroy();
  return seen;
}

for (const engine of engines) {
  const db = await openTestDb(engine, { max: 12 });
  const deps = testDeps(db);
  deps.setNow(new Date());
  await seedSynthetic(deps, servicePoints);
  await sql`ANALYZE`.execute(db.kysely);
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

  const floorClient = new pg.Client({ connectionString: db.url });
  await floorClient.connect();
  let shape = 0;
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
    say(
      `[${engine}] ${name}: p50 / p95 alone, ÷ floor`,
      `${a50.toFixed(1)} / ${a95.toFixed(1)} ms, ${(a95 / f95).toFixed(2)}× (floor p95 ${f95.toFixed(1)} ms, ${statements.length} statements)`,
    );
    say(`[${engine}] ${name}: 10 at once`, `p95 ${t95.toFixed(1)} ms, ${perSecond.toFixed(0)} searches/s`);
  }
  await floorClient.end();
  await app.close();
  await db.close();
}
