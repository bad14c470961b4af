/**
 * An agency's case load: N open cases (BENCH_CASES, 2,000 by default), each with a permit and a
 * safety-plan action due, then the pages and jobs that open every case one by one — the case
 * list (the 200 most recent), the 60-day calendar, the hourly reminders — timed on each engine.
 *
 *   npx tsx bench/cases.ts          (BENCH_ENGINES=postgres for the server engine alone)
 */
import { sql } from 'kysely';
import { agencyCalendar, createCase, listCases, remindDeadlines } from '../src/modules/cases/service.js';
import { openTestDb, testDeps } from '../test/support/db.js';
import { makeAccount, makeAgency } from '../test/support/factories.js';
import { engines, say } from './engines.js';

const count = Number(process.env.BENCH_CASES ?? 2_000);
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

for (const engine of engines) {
  const db = await openTestDb(engine);
  const deps = testDeps(db);
  deps.setNow(new Date());
  const agencyId = (await makeAgency(deps, 'Bench agency')).id;
  const coordinator = await makeAccount(deps, agencyId, ['coordinator']);
  const actor = { kind: 'account' as const, accountId: coordinator.id, agencyId, roles: ['coordinator'] as const, stage: 'full' as const };

  let start = performance.now();
  for (let i = 0; i < count; i++) {
    await createCase(
      deps,
      { ...actor, roles: [...actor.roles] },
      {
        person: { names: [`Person ${i}`], dateOfBirth: '1990-01-01' },
        situation: { exploitation: ['labour'], sector: 'agriculture', cameThrough: 'self' },
        pathwayFacts: { permits: [{ issuedOn: day(-300 - (i % 60)), expiresOn: day(65 - (i % 60)) }] },
        safetyPlan: { status: { goal: 'A permit', actions: [{ what: 'See the lawyer', due: day(i % 90), progress: 'not-started' }] } },
        services: [],
        consents: [],
        assessments: [],
        restricted: false,
      },
    );
  }
  say(`[${engine}] ${count} cases opened (sealed, name tokens, fact row)`, `${((performance.now() - start) / 1000).toFixed(1)} s`);
  await sql`ANALYZE`.execute(db.kysely);

  const who = { ...actor, roles: [...actor.roles] };
  start = performance.now();
  const listed = await listCases(deps, who);
  say(`[${engine}] case list (the ${listed.length} most recent, each opened)`, `${(performance.now() - start).toFixed(0)} ms`);
  start = performance.now();
  const calendar = await agencyCalendar(deps, who, 60);
  say(`[${engine}] calendar, 60 days (${calendar.length} deadlines from every open case)`, `${(performance.now() - start).toFixed(0)} ms`);
  start = performance.now();
  const reminded = await remindDeadlines(deps);
  say(
    `[${engine}] reminders job (${reminded.cases} open cases, ${reminded.reminders} reminders)`,
    `${(performance.now() - start).toFixed(0)} ms`,
  );
  start = performance.now();
  await remindDeadlines(deps);
  say(`[${engine}] reminders job again (nothing new to give)`, `${(performance.now() - start).toFixed(0)} ms`);
  await db.close();
}
