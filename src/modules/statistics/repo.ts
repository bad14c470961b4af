import { type Insertable, type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { CountTable } from './disclosure.js';

/** What every chart can be narrowed to. `agencyId` set: one agency's own figures; unset: the network's. */
export interface Filters {
  yearFrom?: number;
  yearTo?: number;
  province?: string;
  exploitation?: string;
  agencyId?: string;
}

export interface ChartDef {
  id: string;
  source: 'cases' | 'referrals';
  /** what the rows and the columns are: a key the pages translate */
  rowDim: string;
  colDim: string;
  /** the most cells one case (or referral) can add one to: the noise is scaled to it */
  sensitivity: number;
  rowTotals: boolean;
  colTotals: boolean;
  /** the known values of each dimension, in the order they are shown; values met in the data are added */
  rowOrder?: string[];
  colOrder?: string[];
  select: { from: RawBuilder<unknown>; row: RawBuilder<unknown>; col: RawBuilder<unknown> };
}

const facts = sql`case_fact f`;
const ackBands = ['under-4h', '4-24h', '1-2d', '2-5d', 'over-5d', 'not-answered'];

/** The dashboard's charts, each one GROUP BY over de-identified rows: never a case, never a referral. */
export const charts: ChartDef[] = [
  {
    id: 'cases-by-year-province',
    source: 'cases',
    rowDim: 'year',
    colDim: 'province',
    sensitivity: 1,
    rowTotals: true,
    colTotals: true,
    select: { from: facts, row: sql`f.year::text`, col: sql`f.province` },
  },
  {
    id: 'exploitation-by-year',
    source: 'cases',
    rowDim: 'exploitation',
    colDim: 'year',
    sensitivity: 3,
    rowTotals: true,
    colTotals: false,
    rowOrder: ['labour', 'sexual', 'other', 'unknown'],
    select: {
      from: sql`case_fact f CROSS JOIN LATERAL unnest(CASE WHEN cardinality(f.exploitation) = 0 THEN ARRAY['unknown'] ELSE f.exploitation END) AS x(v)`,
      row: sql`x.v`,
      col: sql`f.year::text`,
    },
  },
  {
    id: 'sectors',
    source: 'cases',
    rowDim: 'sector',
    colDim: 'count',
    sensitivity: 1,
    rowTotals: false,
    colTotals: true,
    select: { from: facts, row: sql`f.sector`, col: sql`'cases'` },
  },
  {
    id: 'came-through',
    source: 'cases',
    rowDim: 'cameThrough',
    colDim: 'count',
    sensitivity: 1,
    rowTotals: false,
    colTotals: true,
    select: { from: facts, row: sql`f.came_through`, col: sql`'cases'` },
  },
  {
    id: 'pathways',
    source: 'cases',
    rowDim: 'pathway',
    colDim: 'outcome',
    sensitivity: 3,
    rowTotals: true,
    colTotals: false,
    select: { from: sql`case_fact f CROSS JOIN LATERAL jsonb_each_text(f.pathways) AS p(k, v)`, row: sql`p.k`, col: sql`p.v` },
  },
  {
    id: 'needs-by-province',
    source: 'cases',
    rowDim: 'province',
    colDim: 'needStatus',
    sensitivity: 9,
    rowTotals: true,
    colTotals: true,
    colOrder: ['met', 'unmet'],
    select: {
      from: sql`case_fact f CROSS JOIN LATERAL unnest(f.needs) AS n(v)`,
      row: sql`f.province`,
      col: sql`CASE WHEN n.v = ANY(f.needs_met) THEN 'met' ELSE 'unmet' END`,
    },
  },
  {
    id: 'referral-acknowledgement',
    source: 'referrals',
    rowDim: 'acknowledgement',
    colDim: 'urgency',
    sensitivity: 1,
    rowTotals: true,
    colTotals: true,
    rowOrder: ackBands,
    colOrder: ['urgent', 'normal'],
    select: {
      from: sql`referral_outcome f`,
      row: sql`CASE
        WHEN f.hours_to_acknowledge IS NULL THEN 'not-answered'
        WHEN f.hours_to_acknowledge <= 4 THEN 'under-4h'
        WHEN f.hours_to_acknowledge <= 24 THEN '4-24h'
        WHEN f.hours_to_acknowledge <= 48 THEN '1-2d'
        WHEN f.hours_to_acknowledge <= 120 THEN '2-5d'
        ELSE 'over-5d' END`,
      col: sql`f.urgency`,
    },
  },
];

function where(def: ChartDef, filters: Filters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`TRUE`];
  if (filters.yearFrom !== undefined) parts.push(sql`f.year >= ${filters.yearFrom}`);
  if (filters.yearTo !== undefined) parts.push(sql`f.year <= ${filters.yearTo}`);
  if (def.source === 'cases') {
    if (filters.province) parts.push(sql`f.province = ${filters.province}`);
    if (filters.exploitation) parts.push(sql`${filters.exploitation} = ANY(f.exploitation)`);
    if (filters.agencyId) parts.push(sql`f.agency_id = ${filters.agencyId}`);
  } else {
    if (filters.province) parts.push(sql`f.from_province = ${filters.province}`);
    if (filters.agencyId) parts.push(sql`(f.from_agency_id = ${filters.agencyId} OR f.to_agency_id = ${filters.agencyId})`);
  }
  return sql.join(parts, sql` AND `);
}

/** The chart's GROUP BY, as it runs in the database: what the benchmark times against the controlled path. */
export async function groupCounts(db: Kysely<Database>, def: ChartDef, filters: Filters) {
  const result = await sql<{ row: string; col: string; n: string | number }>`
    SELECT ${def.select.row} AS row, ${def.select.col} AS col, count(*) AS n
    FROM ${def.select.from}
    WHERE ${where(def, filters)}
    GROUP BY 1, 2`.execute(db);
  return result.rows.map((r) => ({ row: String(r.row), col: String(r.col), n: Number(r.n) }));
}

const ordered = (known: string[] | undefined, found: string[]) => {
  const extra = [...new Set(found)].filter((value) => !known?.includes(value)).sort();
  return [...(known ?? []).filter((value) => found.includes(value)), ...extra];
};

/** The chart's counts as a table of true counts, ready for disclosure control. */
export async function countTable(db: Kysely<Database>, def: ChartDef, filters: Filters): Promise<CountTable> {
  const counts = await groupCounts(db, def, filters);
  const rows = ordered(
    def.rowOrder,
    counts.map((c) => c.row),
  );
  const cols = ordered(
    def.colOrder,
    counts.map((c) => c.col),
  );
  const cells = rows.map(() => cols.map(() => 0));
  for (const { row, col, n } of counts) (cells[rows.indexOf(row)] as number[])[cols.indexOf(col)] = n;
  return { rows, cols, cells, rowTotals: def.rowTotals, colTotals: def.colTotals };
}

/** The de-identified fact rows, only the fields microdata may carry. */
export function microdataRows(db: Kysely<Database>) {
  return db
    .selectFrom('caseFact')
    .select(['year', 'province', 'ageBand', 'gender', 'citizenshipRegion', 'exploitation', 'sector', 'cameThrough'])
    .execute();
}

/** The privacy loss spent by every noisy release, and how many releases there are. */
export async function budgetSpent(db: Kysely<Database>) {
  const row = await db
    .selectFrom('statsRelease')
    .select([sql<string | number | null>`sum(epsilon)`.as('spent'), sql<string | number>`count(*)`.as('releases')])
    .executeTakeFirstOrThrow();
  return { spent: Number(row.spent ?? 0), releases: Number(row.releases) };
}

export async function insertRelease(db: Kysely<Database>, release: Insertable<Database['statsRelease']>): Promise<{ id: string }> {
  return db.insertInto('statsRelease').values(release).returning('id').executeTakeFirstOrThrow();
}

export function latestReleases(db: Kysely<Database>) {
  return db.selectFrom('statsRelease').selectAll().orderBy('createdAt', 'desc').limit(100).execute();
}

/** Withdraws a release still published (compare-and-set): false when there is none such. */
export async function markWithdrawn(db: Kysely<Database>, id: string, by: string, reason: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('statsRelease')
    .set({ withdrawnAt: at, withdrawnBy: by, withdrawnReason: reason })
    .where('id', '=', id)
    .where('withdrawnAt', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export function releaseExists(db: Kysely<Database>, id: string) {
  return db.selectFrom('statsRelease').select('id').where('id', '=', id).executeTakeFirst();
}
