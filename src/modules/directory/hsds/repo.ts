import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/tables.js';
import type { PlannedPoint } from './to-harbour.js';

/** The SQL of HSDS import and export: whole tables out, batches of rows in by id. */

export async function agencyIdsBySlug(db: Kysely<Database>): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('agency').select(['slug', 'id']).execute()).map((a) => [a.slug, a.id]));
}

const PAGE = 2_000;

/** A table's rows in id order, a page at a time: an export of any size holds one page. */
async function* inPages<T extends { id: string }>(page: (after: string | undefined) => Promise<T[]>): AsyncGenerator<T[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await page(after);
    if (rows.length > 0) yield rows;
    if (rows.length < PAGE) return;
    after = rows.at(-1)?.id;
  }
}

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

type Upserted = 'organization' | 'service';

export async function upsert<T extends Upserted>(trx: Kysely<Database>, table: T, rows: Array<Record<string, unknown>>) {
  const columns = Object.keys(rows[0] ?? {}).filter((column) => column !== 'id');
  await (trx as Kysely<Database>)
    .insertInto(table)
    .values(rows as never)
    .onConflict((conflict) => conflict.column('id').doUpdateSet(fromIncoming(columns) as never))
    .execute();
}

/** A confidential location exported without its sealed address keeps the one it has. */
export async function upsertPoints(trx: Kysely<Database>, points: PlannedPoint[], sealed: Map<string, Buffer>, now: Date) {
  const rows = points.map((point) => ({
    ...point,
    address: point.isConfidential ? null : point.address,
    addressSealed: sealed.get(point.id) ?? null,
    updatedAt: now,
  }));
  const columns = Object.keys(rows[0] ?? {}).filter((column) => column !== 'id' && column !== 'addressSealed');
  await trx
    .insertInto('servicePoint')
    .values(rows)
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet({
        ...(fromIncoming(columns) as Record<string, never>),
        addressSealed: sql<Buffer | null>`CASE WHEN excluded.is_confidential AND excluded.address_sealed IS NULL
          THEN service_point.address_sealed ELSE excluded.address_sealed END`,
      }),
    )
    .execute();
}

const snake = (camel: string) => camel.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** An upsert's update: each column takes the value the conflicting insert brought. */
const fromIncoming = (columns: string[]) => Object.fromEntries(columns.map((c) => [c, sql.ref(`excluded.${snake(c)}`)]));
