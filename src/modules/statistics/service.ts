import { randomInt } from 'node:crypto';
import { recordAudit } from '../../platform/audit.js';
import { type Deps, unitOfWork } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type AccountActor, authorize } from '../../platform/policy.js';
import { spreadsheetCsv } from './csv.js';
import { type CountTable, type ProtectedTable, protect, withNoise } from './disclosure.js';
import { DEFAULT_K, kAnonymise, microdataFields } from './microdata.js';
import {
  budgetSpent,
  type ChartDef,
  charts,
  countTable,
  type Filters,
  insertRelease,
  latestReleases,
  markWithdrawn,
  microdataRows,
  releaseExists,
} from './repo.js';
import type { DashboardQuery, NewRelease } from './schema.js';

const audit = (deps: Deps, actor: AccountActor, action: string, details: Record<string, string | number | boolean | null> = {}) =>
  recordAudit(
    deps,
    {
      actorAccountId: actor.accountId,
      agencyId: actor.agencyId,
      action,
      targetType: 'statistics',
      targetId: 'pooled',
      outcome: 'ok',
      details,
    },
    deps.now(),
  );

const view = (def: ChartDef, table: ProtectedTable) => ({ id: def.id, rowDim: def.rowDim, colDim: def.colDim, ...table });

/** Whose figures: the network's pooled, or (for its own staff) one agency's. A researcher only ever gets the network's. */
function scopedFilters(actor: AccountActor, query: DashboardQuery): Filters {
  const { scope, ...filters } = query;
  if (scope === 'agency') {
    authorize(actor, 'stats.agency', actor.agencyId);
    return { ...filters, agencyId: actor.agencyId };
  }
  return filters;
}

/** Every chart of the dashboard, each through disclosure control before it leaves. */
export async function dashboard(deps: Deps, actor: AccountActor, query: DashboardQuery) {
  authorize(actor, 'stats.read');
  const filters = scopedFilters(actor, query);
  const threshold = deps.config.HARBOUR_STATS_THRESHOLD;
  const result = [];
  // One after the other: the server gets no burst of seven heavy queries at once.
  for (const def of charts) result.push(view(def, protect(await countTable(deps.kysely, def, filters), threshold)));
  await audit(deps, actor, 'stats.read', { scope: query.scope });
  return { scope: query.scope, threshold, charts: result };
}

const cell = (value: number | null) => (value === null ? 'x' : String(value));

/** One chart as CSV, hidden figures as "x" (Statistics Canada's sign for "suppressed to meet confidentiality"). */
export async function chartCsv(deps: Deps, actor: AccountActor, chartId: string, query: DashboardQuery) {
  authorize(actor, 'stats.read');
  const def = charts.find((chart) => chart.id === chartId) as ChartDef;
  const table = protect(await countTable(deps.kysely, def, scopedFilters(actor, query)), deps.config.HARBOUR_STATS_THRESHOLD);
  const header = [def.rowDim, ...table.cols, ...(table.rowTotals ? ['total'] : [])];
  const rows = table.rows.map((row, r) => [
    row,
    ...(table.cells[r] ?? []).map(cell),
    ...(table.rowTotals ? [cell(table.rowTotals[r] ?? null)] : []),
  ]);
  const totals = [
    'total',
    ...(table.colTotals ? table.colTotals.map(cell) : table.cols.map(() => '')),
    ...(table.rowTotals ? [cell(table.total)] : []),
  ];
  if (!table.rowTotals && table.cols.length === 1) totals[1] = cell(table.total);
  await audit(deps, actor, 'stats.export', { chart: chartId, scope: query.scope });
  return { name: `harbour-${chartId}.csv`, csv: spreadsheetCsv(header, [...rows, totals]) };
}

/** Every case's fact as k-anonymised microdata (k = 11): only for researchers and network admins. */
export async function microdataCsv(deps: Deps, actor: AccountActor) {
  authorize(actor, 'stats.microdata');
  const records = await microdataRows(deps.kysely);
  const result = kAnonymise(records, DEFAULT_K);
  await audit(deps, actor, 'stats.microdata', { rows: result.rows.length, leftOut: result.leftOut });
  return {
    csv: spreadsheetCsv(
      [...microdataFields],
      result.rows.map((row) => microdataFields.map((field) => row[field])),
    ),
    ...result,
  };
}

const spent = (deps: Deps) => budgetSpent(deps.kysely);

export async function privacyBudget(deps: Deps, actor: AccountActor) {
  authorize(actor, 'stats.publish');
  return { ...(await spent(deps)), total: deps.config.HARBOUR_STATS_EPSILON_BUDGET };
}

/**
 * The charts of a release through disclosure control, from one read of the counts: `plain` as
 * they are (what a preview shows), `published` with noise when a `random` source and ε are given.
 */
async function releaseTables(deps: Deps, input: NewRelease, random?: () => number) {
  const threshold = deps.config.HARBOUR_STATS_THRESHOLD;
  // The release's ε, split evenly across its charts (sequential composition).
  const perChart = input.epsilon === undefined ? undefined : input.epsilon / input.charts.length;
  const plain: Array<ReturnType<typeof view>> = [];
  const published: Array<ReturnType<typeof view>> = [];
  for (const chartId of input.charts) {
    const def = charts.find((chart) => chart.id === chartId) as ChartDef;
    const table: CountTable = await countTable(deps.kysely, def, input.filters);
    const shown = view(def, protect(table, threshold));
    plain.push(shown);
    published.push(
      random && perChart !== undefined ? view(def, protect(withNoise(table, perChart, def.sensitivity, random), threshold)) : shown,
    );
  }
  return { threshold, plain, published };
}

/** True when disclosure control hides every figure: such a release would show the public nothing. */
const showsNothing = (tables: ProtectedTable[]) =>
  tables.every(
    (table) =>
      table.total === null &&
      table.cells.every((row) => row.every((cell) => cell === null)) &&
      [...(table.rowTotals ?? []), ...(table.colTotals ?? [])].every((total) => total === null),
  );

/**
 * A release as the public would see it, before publishing: the same charts through the same
 * disclosure control, but without noise — a noisy preview would let whoever publishes choose among
 * draws, which the privacy budget does not account for — and nothing is stored or spent.
 */
export async function previewRelease(deps: Deps, actor: AccountActor, input: NewRelease) {
  authorize(actor, 'stats.publish');
  const { threshold, plain } = await releaseTables(deps, input);
  return { threshold, epsilon: input.epsilon ?? null, charts: plain, nothingToShow: showsNothing(plain) };
}

/**
 * What the network chooses to publish: chosen charts of the pooled figures, suppressed, and with
 * calibrated noise when asked. The noise spends ε from the budget all releases share (split
 * evenly across the release's charts), so the total privacy loss is known and capped. A release
 * in which every figure is hidden is refused before anything is stored or spent.
 */
export async function createRelease(
  deps: Deps,
  actor: AccountActor,
  input: NewRelease,
  random: () => number = () => randomInt(2 ** 31) / 2 ** 31,
) {
  authorize(actor, 'stats.publish');
  if (input.epsilon !== undefined) {
    const { spent: used } = await spent(deps);
    const total = deps.config.HARBOUR_STATS_EPSILON_BUDGET;
    if (used + input.epsilon > total + 1e-9)
      throw new AppError('conflict', `epsilon: the privacy budget has ${Math.max(0, total - used).toFixed(2)} of ${total} left`);
  }
  // Judged as the preview judges it (without noise), so the two always agree, and again after the noise.
  const { threshold, plain, published: tables } = await releaseTables(deps, input, random);
  if (showsNothing(plain) || showsNothing(tables))
    throw new AppError(
      'conflict',
      'charts: disclosure control hides every figure of this release, so it would show nothing; choose other charts or wider filters (nothing was published or spent)',
    );
  return unitOfWork(deps, async (tx) => {
    const created = await insertRelease(tx.kysely, {
      titleEn: input.titleEn,
      titleFr: input.titleFr,
      filters: JSON.stringify(input.filters),
      tables: JSON.stringify(tables),
      threshold,
      epsilon: input.epsilon ?? null,
      createdBy: actor.accountId,
    });
    await audit(tx, actor, 'stats.publish', { release: created.id, epsilon: input.epsilon ?? null });
    return { id: created.id };
  });
}

/**
 * Withdraws a published release, saying why: it stays listed as withdrawn, its figures no longer
 * shown. The budget it spent stays spent: what was public may have been copied.
 */
export async function withdrawRelease(deps: Deps, actor: AccountActor, id: string, reason: string) {
  authorize(actor, 'stats.publish');
  return unitOfWork(deps, async (tx) => {
    const at = deps.now();
    if (!(await markWithdrawn(tx.kysely, id, actor.accountId, reason, at))) {
      if (await releaseExists(tx.kysely, id)) throw new AppError('conflict', 'this release is already withdrawn');
      throw new AppError('not_found', 'no such release');
    }
    await audit(tx, actor, 'stats.withdraw', { release: id });
    return { id, withdrawnAt: at.toISOString() };
  });
}

/** The published releases, newest first: for anyone, signed in or not. */
export async function listReleases(deps: Deps) {
  const rows = await latestReleases(deps.kysely);
  return rows.map((row) => ({
    id: row.id,
    title: { en: row.titleEn, fr: row.titleFr },
    filters: (typeof row.filters === 'string' ? JSON.parse(row.filters) : row.filters) as Record<string, unknown>,
    threshold: row.threshold,
    epsilon: row.epsilon === null ? null : Number(row.epsilon),
    createdAt: new Date(row.createdAt).toISOString(),
    charts: row.withdrawnAt
      ? []
      : ((typeof row.tables === 'string' ? JSON.parse(row.tables) : row.tables) as Array<ReturnType<typeof view>>),
    withdrawn: row.withdrawnAt && row.withdrawnReason ? { at: new Date(row.withdrawnAt).toISOString(), reason: row.withdrawnReason } : null,
  }));
}
