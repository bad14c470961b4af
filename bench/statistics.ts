/**
 * The statistics dashboard at scale: 1,000,000 de-identified fact rows (BENCH_FACT_ROWS to change)
 * and 100,000 referral outcomes, then every chart's GROUP BY run directly against the same
 * GROUP BY with disclosure control (the dashboard's own path), in one run, on each engine.
 *
 *   npx tsx bench/statistics.ts          (BENCH_ENGINES=postgres for the server engine alone)
 */
import { sql } from 'kysely';
import { createAgency } from '../src/modules/accounts/service.js';
import { protect } from '../src/modules/statistics/disclosure.js';
import { charts, countTable, groupCounts } from '../src/modules/statistics/repo.js';
import { dashboard } from '../src/modules/statistics/service.js';
import { commandLine } from '../src/platform/policy.js';
import { openTestDb, testDeps } from '../test/support/db.js';
import { makeAccount } from '../test/support/factories.js';
import { engines, say } from './engines.js';
import { percentile } from './figures.js';

const factRows = Number(process.env.BENCH_FACT_ROWS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 7);

const median = (values: number[]) => percentile(values, 50);
async function time(fn: () => Promise<unknown>) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

for (const engine of engines) {
  const db = await openTestDb(engine);
  const deps = testDeps(db);
  const agencies = [];
  for (const province of ['ON', 'QC', 'BC', 'AB', 'NS', 'MB'] as const)
    agencies.push(
      (await createAgency(deps, commandLine, { slug: `bench-${province.toLowerCase()}`, name: `Bench ${province}`, province })).id,
    );

  let start = performance.now();
  // Generated in the database: random but plausible categories, the shape the case capability writes.
  await sql`
    INSERT INTO case_fact (year, province, age_band, gender, citizenship_region, exploitation, sector, came_through, pathways, needs, needs_met, services, agency_id)
    SELECT
      2010 + (i % 16),
      -- the territories rare, as in life: their small counts are what disclosure control hides
      CASE (i::bigint * 2654435761 % 1000003) WHEN 1 THEN 'NU' WHEN 2 THEN 'YT' WHEN 3 THEN 'NT'
        ELSE (ARRAY['ON','QC','BC','AB','NS','MB','SK','NB','NL','PE'])[1 + (i * 7 % 10)] END,
      (ARRAY['under-18','18-24','25-34','35-44','45-54','55-plus','unknown'])[1 + (i * 11 % 7)],
      (ARRAY['woman','man','trans-woman','trans-man','non-binary','other','unknown'])[1 + (i * 13 % 7)],
      (ARRAY['africa','americas','asia','europe','oceania','unknown'])[1 + (i * 17 % 6)],
      CASE i % 5 WHEN 0 THEN ARRAY['labour','sexual'] WHEN 1 THEN ARRAY['sexual'] WHEN 4 THEN ARRAY[]::text[] ELSE ARRAY['labour'] END,
      (ARRAY['agriculture','construction','domestic-work','care-work','hospitality','manufacturing','fishing','sex-industry','other','unknown'])[1 + (i * 19 % 10)],
      (ARRAY['self','referral','police','hotline','other','unknown'])[1 + (i * 23 % 6)],
      CASE WHEN i::bigint * 2654435761 % 1000003 < 4 THEN '{"prra":"decided"}'::jsonb WHEN i % 4 = 0 THEN '{"trp":"granted"}'::jsonb
        WHEN i % 4 = 1 THEN '{"refugee-claim":"pending"}'::jsonb ELSE '{}'::jsonb END,
      CASE i % 3 WHEN 0 THEN ARRAY['status','legal'] WHEN 1 THEN ARRAY['safe-housing'] ELSE ARRAY['health-care','work-permit','family'] END,
      CASE i % 6 WHEN 0 THEN ARRAY['status'] ELSE ARRAY[]::text[] END,
      ARRAY[]::text[],
      (${sql.val(agencies)}::uuid[])[1 + (i % ${agencies.length})]
    FROM generate_series(1, ${factRows}) AS g(i)`.execute(db.kysely);
  await sql`
    INSERT INTO referral_outcome (year, from_province, to_province, service_categories, urgency, needs, interpreter_needed, hours_to_acknowledge, accepted, completed, from_agency_id, to_agency_id)
    SELECT 2020 + (i % 6), 'ON', 'QC', ARRAY['safe-housing'], CASE WHEN i % 4 = 0 THEN 'urgent' ELSE 'normal' END, ARRAY['safe-housing'], i % 3 = 0,
      CASE WHEN i % 9 = 0 THEN NULL ELSE i % 200 END, i % 5 <> 0, i % 7 = 0,
      (${sql.val(agencies)}::uuid[])[1 + (i % ${agencies.length})], (${sql.val(agencies)}::uuid[])[1 + ((i + 1) % ${agencies.length})]
    FROM generate_series(1, ${Math.round(factRows / 10)}) AS g(i)`.execute(db.kysely);
  await sql`ANALYZE`.execute(db.kysely);
  say(
    `[${engine}] ${factRows} fact rows and ${Math.round(factRows / 10)} referral outcomes inserted`,
    `${((performance.now() - start) / 1000).toFixed(1)} s`,
  );

  const filters = {};
  let rawTotal = 0;
  let controlledTotal = 0;
  for (const def of charts) {
    const raw: number[] = [];
    const controlled: number[] = [];
    let hidden = 0;
    for (let run = 0; run < runs + 1; run++) {
      const r = await time(() => groupCounts(deps.kysely, def, filters));
      const c = await time(async () => {
        hidden = protect(await countTable(deps.kysely, def, filters), deps.config.HARBOUR_STATS_THRESHOLD).suppressed;
      });
      if (run > 0) {
        raw.push(r);
        controlled.push(c);
      }
    }
    rawTotal += median(raw);
    controlledTotal += median(controlled);
    say(
      `[${engine}] ${def.id}: GROUP BY / with disclosure control (median)`,
      `${median(raw).toFixed(0)} / ${median(controlled).toFixed(0)} ms (${(median(controlled) / median(raw)).toFixed(2)}×, ${hidden} hidden)`,
    );
  }
  say(
    `[${engine}] all ${charts.length} charts: GROUP BY / with disclosure control`,
    `${rawTotal.toFixed(0)} / ${controlledTotal.toFixed(0)} ms (${(controlledTotal / rawTotal).toFixed(2)}×)`,
  );
  const researcher = await makeAccount(deps, agencies[0] as string, ['researcher']);
  start = performance.now();
  await dashboard(
    deps,
    { kind: 'account', accountId: researcher.id, agencyId: agencies[0] as string, roles: ['researcher'], stage: 'full' },
    { scope: 'network' },
  );
  say(`[${engine}] the dashboard service, every chart, once`, `${(performance.now() - start).toFixed(0)} ms`);
  await db.close();
}
