/**
 * Directory search at scale: 100,000 synthetic service points (BENCH_SERVICE_POINTS to change),
 * then the same searches — text, two filters and "near" — through the HTTP endpoint and as the
 * SQL alone, on each engine; the directory exported as an HSDS package and that package imported
 * into an empty database; and the weight of what the public search page loads.
 *
 *   npx tsx bench/directory.ts          (BENCH_ENGINES=postgres for the server engine alone)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { searchServices } from '../src/modules/directory/repo.js';
import { searchQuery } from '../src/modules/directory/schema.js';
import { exportDirectory, searchWords, seedSynthetic } from '../src/modules/directory/service.js';
import { taxonomy, withSubcategories } from '../src/modules/directory/taxonomy.js';
import { buildApp } from '../src/server.js';
import { openTestDb, testDeps } from '../test/support/db.js';
import { engines, say as line } from './engines.js';
import { percentile } from './figures.js';
import { importInChild } from './import-process.js';

const servicePoints = Number(process.env.BENCH_SERVICE_POINTS ?? 100_000);
const runs = Number(process.env.BENCH_RUNS ?? 300);

const say = (name: string, value: string) => line(name, value, 58);

const texts = ['aide juridique', 'legal aid', 'shelter', 'hébergement', 'counselling', 'clinique', 'workers centre', 'santé'];
const categories = ['legal-aid', 'safe-housing', 'mental-health', 'labour-rights', 'health', 'settlement'];
const languages = ['fr', 'en', 'es', 'tl'];
const cities = ['Montréal', 'Toronto', 'Vancouver', 'Calgary', 'Winnipeg', 'Halifax', 'Québec', 'Ottawa', 'Edmonton', 'Regina'];

function queries(count: number) {
  let state = 7;
  const pick = <T>(items: T[]) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return items[state % items.length] as T;
  };
  return Array.from({ length: count }, () => ({
    q: pick(texts),
    category: pick(categories),
    language: pick(languages),
    near: pick(cities),
    radiusKm: '50',
  }));
}

for (const engine of engines) {
  const db = await openTestDb(engine);
  const deps = testDeps(db);
  deps.setNow(new Date());
  let start = performance.now();
  await seedSynthetic(deps, servicePoints);
  const seconds = (performance.now() - start) / 1000;
  say(
    `[${engine}] synthetic import, ${servicePoints} service points`,
    `${seconds.toFixed(1)} s (${Math.round(servicePoints / seconds)}/s)`,
  );
  await sql`ANALYZE`.execute(db.kysely);

  const app = await buildApp(deps, { webDir: '/nonexistent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const http: number[] = [];
  const raw: number[] = [];
  let results = 0;
  const all = queries(runs + 20);
  for (const [index, query] of all.entries()) {
    const params = new URLSearchParams(query);
    start = performance.now();
    const answer = (await (await fetch(`${base}/api/directory/search?${params}`)).json()) as { total: number };
    const httpMs = performance.now() - start;

    const parsed = searchQuery.parse(query);
    const place = taxonomy().places.find((p) => p.name === query.near);
    start = performance.now();
    await searchServices(
      deps.kysely,
      {
        words: searchWords(parsed.q),
        categories: withSubcategories(query.category),
        languages: [query.language],
        near: { latitude: place?.latitude ?? 0, longitude: place?.longitude ?? 0, radiusKm: 50, province: place?.province ?? '' },
        limit: parsed.pageSize,
        offset: 0,
        now: deps.now(),
      },
      db.planned,
    );
    const rawMs = performance.now() - start;
    if (index >= 20) {
      http.push(httpMs);
      raw.push(rawMs);
      results += answer.total;
    }
  }
  const [h50, h95, r50, r95] = [percentile(http, 50), percentile(http, 95), percentile(raw, 50), percentile(raw, 95)];
  say(`[${engine}] search via HTTP, ${runs} queries: p50 / p95`, `${h50.toFixed(1)} / ${h95.toFixed(1)} ms`);
  say(`[${engine}] same SQL direct: p50 / p95`, `${r50.toFixed(1)} / ${r95.toFixed(1)} ms`);
  say(`[${engine}] HTTP ÷ SQL at p95`, `${(h95 / r95).toFixed(2)}× (mean ${Math.round(results / runs)} matches per query)`);
  await app.close();

  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-bench-hsds-'));
  start = performance.now();
  const exported = await exportDirectory(deps, path.join(folder, 'package'));
  say(`[${engine}] HSDS export, ${exported.services} services`, `${((performance.now() - start) / 1000).toFixed(1)} s`);
  // Imported as people import: the built `harbour directory import`, in a process of its own, so
  // its peak memory is the import's alone — with Node's default heap, and with the old space
  // held to 200 MiB as docs/directory.md advises for a package this size.
  for (const heap of [undefined, 200]) {
    const target = await openTestDb(engine);
    const run = await importInChild(target.url, path.join(folder, 'package'), heap);
    const rows = await sql<{ count: number }>`SELECT count(*)::int AS count FROM service`.execute(target.kysely);
    say(
      `[${engine}] HSDS import, CLI, ${heap ? `old space ${heap} MiB` : 'default heap'}`,
      `${run.seconds.toFixed(1)} s (${Math.round((rows.rows[0]?.count ?? 0) / run.seconds)} services/s, peak RSS ${run.peakMiB} MiB)`,
    );
    await target.close();
  }
  fs.rmSync(folder, { recursive: true, force: true });
  await db.close();
}

const dist = path.join(import.meta.dirname, '..', 'web', 'dist');
if (fs.existsSync(path.join(dist, 'index.html'))) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const loaded = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
  const bytes = loaded.reduce((sum, asset) => sum + zlib.gzipSync(fs.readFileSync(path.join(dist, asset))).length, 0);
  say('public search page: JavaScript and CSS it loads, gzip', `${(bytes / 1024).toFixed(1)} KB (${loaded.length} files)`);
}
