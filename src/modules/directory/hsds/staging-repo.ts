import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/tables.js';
import type { SourceRow } from './package.js';

/**
 * The SQL of a staged import: every row of a package goes into a temporary table of the import's
 * own transaction (gone when it ends), so the mapping reads a page of services and what belongs to
 * them at a time, and an import of any size holds one page in memory.
 */

/** The columns rows are looked up by, each with an index of its own. */
export type LinkColumn = 'service_id' | 'location_id' | 'service_at_location_id' | 'link_id';
const linkColumns: LinkColumn[] = ['service_id', 'location_id', 'service_at_location_id', 'link_id'];

/** Rows of one file on their way to the staging table, kept as the statement's columns. */
export class StagingBatch {
  readonly seq: number[] = [];
  readonly place: string[] = [];
  readonly id: string[] = [];
  readonly links = Object.fromEntries(linkColumns.map((column) => [column, [] as Array<string | null>])) as Record<
    LinkColumn,
    Array<string | null>
  >;
  readonly cells: string[] = [];

  constructor(
    readonly resource: string,
    readonly label: string,
  ) {}

  add(seq: number, row: SourceRow) {
    this.seq.push(seq);
    this.place.push(row.where);
    this.id.push((row.values.id ?? '').trim());
    for (const column of linkColumns) this.links[column].push(row.values[column]?.trim() || null);
    this.cells.push(JSON.stringify(row.values));
  }

  get size() {
    return this.seq.length;
  }
}

export async function createStaging(trx: Kysely<Database>): Promise<void> {
  await sql`CREATE TEMP TABLE hsds_row (
      resource text NOT NULL, seq int NOT NULL, place text NOT NULL, id text NOT NULL,
      service_id text, location_id text, service_at_location_id text, link_id text, cells text NOT NULL, label text NOT NULL
    ) ON COMMIT DROP`.execute(trx);
}

/** Each column as one array parameter: a batch binds a few values, whatever its size. */
export async function stageRows(trx: Kysely<Database>, batch: StagingBatch): Promise<void> {
  const { links } = batch;
  await sql`INSERT INTO hsds_row SELECT ${batch.resource}, * , ${batch.label} FROM unnest(
      ${batch.seq}::int[], ${batch.place}::text[], ${batch.id}::text[], ${links.service_id}::text[], ${links.location_id}::text[],
      ${links.service_at_location_id}::text[], ${links.link_id}::text[], ${batch.cells}::text[])`.execute(trx);
}

/** A file that turned out not to be CSV part-way through counts as no rows at all. */
export async function unstageFile(trx: Kysely<Database>, label: string, resource: string): Promise<void> {
  await sql`DELETE FROM hsds_row WHERE label = ${label} AND resource = ${resource}`.execute(trx);
}

/** Once every row is in: the indexes the lookups use, and statistics so the planner uses them. */
export async function indexStaging(trx: Kysely<Database>): Promise<void> {
  // Pages walk a table in package order; the first row of an id is found by id.
  await sql`CREATE INDEX ON hsds_row (resource, seq)`.execute(trx);
  await sql`CREATE INDEX ON hsds_row (resource, id, seq)`.execute(trx);
  for (const column of linkColumns) {
    await sql`CREATE INDEX ON hsds_row (resource, ${sql.id(column)}) WHERE ${sql.id(column)} IS NOT NULL`.execute(trx);
  }
  await sql`ANALYZE hsds_row`.execute(trx);
}

export async function stagedCounts(trx: Kysely<Database>): Promise<Map<string, number>> {
  const { rows } = await sql<{ resource: string; count: number }>`
    SELECT resource, count(*)::int AS count FROM hsds_row GROUP BY resource`.execute(trx);
  return new Map(rows.map((row) => [row.resource, row.count]));
}

/** Rows whose id an earlier row of the same table already has, with where that earlier row is. */
export async function repeatedIds(trx: Kysely<Database>, resource: string): Promise<Array<{ place: string; id: string; first: string }>> {
  const { rows } = await sql<{ place: string; id: string; first: string }>`
    SELECT place, id, first FROM (
      SELECT place, id, seq, first_value(place) OVER same_id AS first, row_number() OVER same_id AS n
      FROM hsds_row WHERE resource = ${resource} AND id <> ''
      WINDOW same_id AS (PARTITION BY id ORDER BY seq)
    ) numbered
    WHERE n > 1 ORDER BY seq`.execute(trx);
  return rows;
}

export async function rowsWithoutId(trx: Kysely<Database>, resource: string): Promise<SourceRow[]> {
  const { rows } = await sql<{ place: string; cells: string }>`
    SELECT place, cells FROM hsds_row WHERE resource = ${resource} AND id = '' ORDER BY seq`.execute(trx);
  return rows.map(asSourceRow);
}

/** Only the first row of each id is read: the ones after it are reported (repeatedIds) and left out. */
const firstOfItsId = sql`NOT EXISTS (SELECT 1 FROM hsds_row d WHERE d.resource = r.resource AND d.id = r.id AND d.seq < r.seq)`;

/** A page of a table's rows in package order, one per id, after the row numbered `after`. */
export async function stagedPage(
  trx: Kysely<Database>,
  resource: string,
  after: number,
  limit: number,
): Promise<Array<SourceRow & { seq: number }>> {
  const { rows } = await sql<{ place: string; cells: string; seq: number }>`
    SELECT r.place, r.cells, r.seq FROM hsds_row r
    WHERE r.resource = ${resource} AND r.id <> '' AND r.seq > ${after} AND ${firstOfItsId}
    ORDER BY r.seq LIMIT ${limit}`.execute(trx);
  return rows.map((row) => ({ ...asSourceRow(row), seq: row.seq }));
}

/** A whole (small) table, one row per id: taxonomy terms, units. */
export async function stagedTable(trx: Kysely<Database>, resource: string): Promise<SourceRow[]> {
  const { rows } = await sql<{ place: string; cells: string }>`
    SELECT r.place, r.cells FROM hsds_row r WHERE r.resource = ${resource} AND ${firstOfItsId} ORDER BY r.seq`.execute(trx);
  return rows.map(asSourceRow);
}

/** Which rows of a table a page needs: those with one of the ids, or whose link column holds one. */
export type Lookup = Partial<Record<LinkColumn | 'id', string[]>>;

/** The rows of a table a lookup names, each once, in package order. */
export async function stagedRows(trx: Kysely<Database>, resource: string, lookup: Lookup): Promise<SourceRow[]> {
  const conditions = Object.entries(lookup)
    .filter(([, ids]) => ids && ids.length > 0)
    .map(([column, ids]) =>
      column === 'id' ? sql`(r.id = ANY(${ids}::text[]) AND ${firstOfItsId})` : sql`r.${sql.id(column)} = ANY(${ids}::text[])`,
    );
  if (conditions.length === 0) return [];
  const { rows } = await sql<{ place: string; cells: string }>`
    SELECT r.place, r.cells FROM hsds_row r
    WHERE r.resource = ${resource} AND (${sql.join(conditions, sql` OR `)}) ORDER BY r.seq`.execute(trx);
  return rows.map(asSourceRow);
}

// A row's cells are JSON text: only the mapping reads them, whole (and the camel-case plugin would rename jsonb keys).
const asSourceRow = (row: { place: string; cells: string }): SourceRow => ({ where: row.place, values: JSON.parse(row.cells) });
