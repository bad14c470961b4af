import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../../db/tables.js';
import type { PlannedPoint } from './to-harbour.js';

/** The SQL of HSDS import and export: whole tables out, batches of rows in by id. */

export async function agencyIdsBySlug(db: Kysely<Database>): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('agency').select(['slug', 'id']).execute()).map((a) => [a.slug, a.id]));
}

/** Rows a page holds, in the export and in the import: either holds one page at a time, whatever the size. */
export const PAGE = 2_000;

/**
 * Keyset pagination: pages of rows in the order of their key, each page asked for after the
 * last key of the one before, until a short page.
 */
export async function* keysetPages<T, K>(page: (after: K | undefined) => Promise<T[]>, keyOf: (row: T) => K): AsyncGenerator<T[]> {
  let after: K | undefined;
  for (;;) {
    const rows = await page(after);
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (rows.length < PAGE || last === undefined) return;
    after = keyOf(last);
  }
}

/** A table's rows in id order, a page at a time. */
const inPages = <T extends { id: string }>(page: (after: string | undefined) => Promise<T[]>) => keysetPages(page, (row) => row.id);

export const organizationPages = (db: Kysely<Database>) =>
  inPages((after) =>
    db
      .selectFrom('organization')
      .leftJoin('agency', 'agency.id', 'organization.agencyId')
      .selectAll('organization')
      .select('agency.slug as agencySlug')
      .$if(after !== undefined, (query) => query.where('organization.id', '>', after as string))
      .orderBy('organization.id')
      .limit(PAGE)
      .execute(),
  );

export const pointPages = (db: Kysely<Database>) =>
  inPages((after) =>
    db
      .selectFrom('servicePoint')
      .selectAll()
      .$if(after !== undefined, (query) => query.where('id', '>', after as string))
      .orderBy('id')
      .limit(PAGE)
      .execute(),
  );

export const servicePages = (db: Kysely<Database>) =>
  inPages((after) =>
    db
      .selectFrom('service')
      .select([
        'id',
        'organizationId',
        'servicePointId',
        'nameEn',
        'nameFr',
        'descriptionEn',
        'descriptionFr',
        'categories',
        'populations',
        'languages',
        'areaProvinces',
        'servesWithoutStatus',
        'traffickingTrained',
        'servesRemoteCommunities',
        'accessibility',
        'fees',
        'eligibility',
        'intake',
        'hours',
        'phones',
        'email',
        'website',
        'capacityBeds',
        'capacityUpdatedAt',
        'province',
        'lastVerifiedAt',
      ])
      .$if(after !== undefined, (query) => query.where('id', '>', after as string))
      .orderBy('id')
      .limit(PAGE)
      .execute(),
  );

/** One snapshot for a whole export, however many statements it takes. */
export function inSnapshot<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').execute(work);
}

type Upserted = 'organization' | 'service_point' | 'service';

const snake = (camel: string) => camel.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * Rows in by id, inserted or updated: sent as one JSON parameter that PostgreSQL reads as the
 * table's own row type (json_populate_recordset), so a batch costs one value to bind instead of
 * one per cell. Values must be as JSON gives them: objects for jsonb, arrays for arrays, bytea
 * as \\x hex. `keep` gives a column its own rule on conflict.
 */
export async function upsert(
  trx: Kysely<Database>,
  table: Upserted,
  rows: Array<Record<string, unknown>>,
  keep: Record<string, RawBuilder<unknown>> = {},
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] ?? {}).map(snake);
  const records = rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [snake(key), value])));
  const names = sql.join(columns.map((column) => sql.id(column)));
  const updates = columns
    .filter((column) => column !== 'id')
    .map((column) => sql`${sql.id(column)} = ${keep[column] ?? sql`excluded.${sql.id(column)}`}`);
  await sql`INSERT INTO ${sql.id(table)} (${names})
    SELECT ${names} FROM json_populate_recordset(NULL::${sql.id(table)}, ${JSON.stringify(records)}::json)
    ON CONFLICT (id) DO UPDATE SET ${sql.join(updates)}`.execute(trx);
}

/** A confidential location exported without its sealed address keeps the one it has. */
export async function upsertPoints(trx: Kysely<Database>, points: PlannedPoint[], sealed: Map<string, Buffer>, now: Date) {
  const rows = points.map((point) => {
    const seal = sealed.get(point.id);
    return {
      ...point,
      address: point.isConfidential ? null : point.address,
      addressSealed: seal ? `\\x${seal.toString('hex')}` : null,
      updatedAt: now,
    };
  });
  await upsert(trx, 'service_point', rows, {
    address_sealed: sql`CASE WHEN excluded.is_confidential AND excluded.address_sealed IS NULL
      THEN service_point.address_sealed ELSE excluded.address_sealed END`,
  });
}
