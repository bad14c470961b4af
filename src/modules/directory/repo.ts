import { type Insertable, type Kysely, type RawBuilder, sql, type Updateable } from 'kysely';
import type { Database, ServicePhone } from '../../db/tables.js';
import type { AgencyScope } from '../../platform/policy.js';

export interface SearchFilter {
  /** One service by id, through the same projection as search results. */
  id?: string;
  words: string[];
  categories?: string[];
  populations?: string[];
  languages?: string[];
  province?: string;
  openNow?: boolean;
  near?: { latitude: number; longitude: number; radiusKm: number; province?: string };
  limit: number;
  offset: number;
  now: Date;
}

export interface SearchRow {
  id: string;
  nameEn: string;
  nameFr: string;
  descriptionEn: string;
  descriptionFr: string;
  categories: string[];
  populations: string[];
  languages: string[];
  areaProvinces: string[];
  servesWithoutStatus: boolean;
  traffickingTrained: boolean;
  servesRemoteCommunities: boolean;
  accessibility: string;
  fees: string;
  eligibility: string;
  intake: string;
  hours: unknown;
  phones: ServicePhone[];
  email: string | null;
  website: string | null;
  capacityBeds: number | null;
  capacityUpdatedAt: Date | null;
  lastVerifiedAt: Date;
  organizationId: string;
  organizationName: string;
  isSample: boolean;
  takesReferrals: boolean;
  city: string | null;
  province: string | null;
  isConfidential: boolean | null;
  address: string | null;
  openNow: boolean;
  distanceKm: number | null;
  total: number;
}

// Literal arrays (the values are checked against the taxonomy first): the planner then sees how
// common each value is and picks the selective index, where a parameter would hide it.
const textArray = (values: string[]) => sql`ARRAY[${sql.join(values.map((value) => sql.lit(value)))}]::text[]`;

/**
 * Each query word, with the closest words of the directory's vocabulary when the word itself is
 * not in it: "juridque" becomes "juridque | juridique". Full text then does the matching, on its
 * indexes.
 */
async function correctWords(db: Kysely<Database>, words: string[]): Promise<string[][]> {
  const groups = await Promise.all(
    words.map(async (word) => {
      // A stop word in both languages says nothing about a service; it must not empty the results.
      const { rows } = await sql<{ nodes: number; known: boolean }>`
        SELECT numnode(plainto_tsquery('harbour_en', ${word})) + numnode(plainto_tsquery('harbour_fr', ${word})) AS nodes,
          EXISTS (SELECT 1 FROM search_word WHERE word = ${word}) AS known`.execute(db);
      if (!rows[0] || Number(rows[0].nodes) === 0) return [];
      if (rows[0].known || word.length < 4) return [word];
      const close = await sql<{ word: string }>`
        SELECT word FROM search_word WHERE word % ${word} ORDER BY similarity(word, ${word}) DESC, word LIMIT 3`.execute(db);
      return [word, ...close.rows.map((row) => row.word)];
    }),
  );
  return groups.filter((group) => group.length > 0);
}

/**
 * One ranked query: every word (or one of its corrections) must match the service's search
 * document by English or French full text (stemmed, unaccented); filters narrow;
 * "near" keeps services within the radius, and services with no address that serve the
 * province; the score weighs relevance against distance.
 */
export async function searchServices(db: Kysely<Database>, filter: SearchFilter): Promise<SearchRow[]> {
  const conditions: RawBuilder<unknown>[] = [sql`true`];
  // One service by id is shown whatever its state; a search never finds one waiting for review.
  conditions.push(filter.id ? sql`s.id = ${filter.id}` : sql`s.review_note IS NULL`);
  const groups = await correctWords(db, filter.words);
  const query = (config: 'harbour_en' | 'harbour_fr', words: string[]) =>
    sql.join(
      words.map((word) => sql`plainto_tsquery(${sql.lit(config)}, ${word})`),
      sql` || `,
    );
  for (const words of groups) {
    const en = query('harbour_en', words);
    const fr = query('harbour_fr', words);
    conditions.push(sql`(s.search_en @@ (${en}) OR s.search_fr @@ (${fr}))`);
  }
  if (filter.categories?.length) conditions.push(sql`s.categories && ${textArray(filter.categories)}`);
  if (filter.populations?.length) conditions.push(sql`s.populations && ${textArray(filter.populations)}`);
  if (filter.languages?.length) conditions.push(sql`s.languages && ${textArray(filter.languages)}`);
  if (filter.province) conditions.push(sql`(sp.province = ${filter.province} OR ${filter.province} = ANY(s.area_provinces))`);
  if (filter.openNow) conditions.push(sql`harbour_is_open(s.hours, ${filter.now})`);

  const near = filter.near;
  const origin = near ? sql`ll_to_earth(${near.latitude}::float8, ${near.longitude}::float8)` : undefined;
  const here = sql`ll_to_earth(s.latitude, s.longitude)`;
  const distance = origin
    ? sql`CASE WHEN s.latitude IS NULL THEN NULL ELSE earth_distance(${origin}, ${here}) / 1000 END`
    : sql`NULL::float8`;
  // With "near", two branches, each able to use its own index together with the others: services
  // within the radius, and services with no address that serve the place's province.
  const branches: RawBuilder<unknown>[] = [sql`true`];
  if (near && origin) {
    const radius = near.radiusKm * 1000;
    branches.splice(
      0,
      1,
      sql`s.latitude IS NOT NULL AND earth_box(${origin}, ${radius}::float8) @> ${here} AND earth_distance(${origin}, ${here}) <= ${radius}::float8`,
      sql`s.latitude IS NULL AND s.area_provinces @> ARRAY[${sql.lit(near.province ?? '')}]::text[]`,
    );
  }
  const everything = groups.flat();
  const relevance = everything.length
    ? sql`ts_rank(s.search_en, ${query('harbour_en', everything)}) + ts_rank(s.search_fr, ${query('harbour_fr', everything)})`
    : sql`0::float8`;
  const score = everything.length ? sql`(${relevance}) / (1 + coalesce(${distance}, ${near?.radiusKm ?? 0}) / 25)` : sql`0::float8`;

  // Rank on the few columns that decide the order; fetch everything else for one page only.
  const result = await sql<SearchRow>`
      WITH candidates AS (
        ${sql.join(
          branches.map(
            (branch) => sql`SELECT s.id, s.name_en, ${distance} AS distance_km, ${score} AS score
              FROM service s LEFT JOIN service_point sp ON sp.id = s.service_point_id
              WHERE ${sql.join([...conditions, branch], sql` AND `)}`,
          ),
          sql` UNION ALL `,
        )}
      ), ranked AS (
        SELECT *, count(*) OVER () AS total FROM candidates
        ORDER BY score DESC, distance_km NULLS LAST, name_en, id
        LIMIT ${filter.limit} OFFSET ${filter.offset}
      )
      SELECT s.id, s.name_en, s.name_fr, s.description_en, s.description_fr, s.categories, s.populations, s.languages,
        s.area_provinces, s.serves_without_status, s.trafficking_trained, s.serves_remote_communities, s.accessibility,
        s.fees, s.eligibility, s.intake, s.hours, s.phones, s.email, coalesce(s.website, o.website) AS website, s.capacity_beds, s.capacity_updated_at, s.last_verified_at,
        o.id AS organization_id, o.name AS organization_name, o.is_sample, o.agency_id IS NOT NULL AS takes_referrals,
        sp.city, sp.province, sp.is_confidential, CASE WHEN sp.is_confidential THEN NULL ELSE sp.address END AS address,
        harbour_is_open(s.hours, ${filter.now}) AS open_now,
        ranked.distance_km, ranked.total
      FROM ranked
      JOIN service s ON s.id = ranked.id
      JOIN organization o ON o.id = s.organization_id
      LEFT JOIN service_point sp ON sp.id = s.service_point_id
      ORDER BY ranked.score DESC, ranked.distance_km NULLS LAST, ranked.name_en, ranked.id`.execute(db);
  return result.rows;
}

export function findOrganization(db: Kysely<Database>, id: string) {
  return db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findServicePoint(db: Kysely<Database>, id: string) {
  return db.selectFrom('servicePoint').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findService(db: Kysely<Database>, id: string) {
  return db.selectFrom('service').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Organizations the scope may keep: its agency's, or every one for the network. */
export function listOrganizations(db: Kysely<Database>, scope: AgencyScope) {
  let query = db.selectFrom('organization').selectAll().orderBy('name');
  if ('agencyId' in scope) query = query.where('agencyId', '=', scope.agencyId);
  return query.execute();
}

/** Listings kept within the scope, least recently verified first, with their unresolved reports. */
export function listListings(db: Kysely<Database>, scope: AgencyScope) {
  let query = db
    .selectFrom('service')
    .innerJoin('organization', 'organization.id', 'service.organizationId')
    .select((eb) => [
      'service.id',
      'service.nameEn',
      'service.nameFr',
      'service.lastVerifiedAt',
      'service.reviewNote',
      'organization.name as organization',
      eb
        .selectFrom('listingReport')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('listingReport.serviceId', '=', 'service.id')
        .where('listingReport.resolvedAt', 'is', null)
        .as('openReports'),
    ])
    .orderBy(sql`service.review_note IS NULL`)
    .orderBy('service.lastVerifiedAt')
    .limit(500);
  if ('agencyId' in scope) query = query.where('organization.agencyId', '=', scope.agencyId);
  return query.execute();
}

type Db = Kysely<Database>;

export function insertOrganization(db: Db, organization: Insertable<Database['organization']>) {
  return db.insertInto('organization').values(organization).returningAll().executeTakeFirstOrThrow();
}

export function insertServicePoint(db: Db, point: Insertable<Database['servicePoint']>) {
  return db.insertInto('servicePoint').values(point).returningAll().executeTakeFirstOrThrow();
}

export function insertService(db: Db, service: Insertable<Database['service']>) {
  return db.insertInto('service').values(service).returningAll().executeTakeFirstOrThrow();
}

/** Many rows at once, in the order given (synthetic load-test data). */
export const insertOrganizations = (db: Db, rows: Insertable<Database['organization']>[]) =>
  db.insertInto('organization').values(rows).returning(['id', 'name']).execute();

export const insertServicePoints = (db: Db, rows: Insertable<Database['servicePoint']>[]) =>
  db.insertInto('servicePoint').values(rows).returning('id').execute();

export async function insertServices(db: Db, rows: Insertable<Database['service']>[]): Promise<void> {
  await db.insertInto('service').values(rows).execute();
}

export async function agencyIdBySlug(db: Db, slug: string): Promise<string | undefined> {
  return (await db.selectFrom('agency').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
}

export async function updateService(db: Db, id: string, changes: Updateable<Database['service']>) {
  await db.updateTable('service').set(changes).where('id', '=', id).execute();
}

export function servicePointsOf(db: Db, organizationIds: string[]) {
  if (organizationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('servicePoint')
    .select(['id', 'organizationId', 'name', 'city', 'province', 'isConfidential'])
    .where('organizationId', 'in', organizationIds)
    .orderBy('name')
    .execute();
}

export async function insertReport(db: Db, serviceId: string, message: string): Promise<{ id: string }> {
  return db.insertInto('listingReport').values({ serviceId, message }).returning('id').executeTakeFirstOrThrow();
}

/** A service with who keeps it and where its location is, for a referral. */
export function serviceWithKeeper(db: Db, id: string) {
  return db
    .selectFrom('service')
    .innerJoin('organization', 'organization.id', 'service.organizationId')
    .leftJoin('servicePoint', 'servicePoint.id', 'service.servicePointId')
    .select([
      'service.id',
      'service.nameEn',
      'service.nameFr',
      'service.categories',
      'organization.agencyId',
      'servicePoint.id as servicePointId',
      'servicePoint.province',
      'servicePoint.isConfidential',
    ])
    .where('service.id', '=', id)
    .executeTakeFirst();
}

export function sealedAddressOf(db: Db, servicePointId: string) {
  return db
    .selectFrom('servicePoint')
    .innerJoin('organization', 'organization.id', 'servicePoint.organizationId')
    .select(['servicePoint.id', 'servicePoint.addressSealed', 'organization.agencyId'])
    .where('servicePoint.id', '=', servicePointId)
    .executeTakeFirst();
}
