import { type Insertable, type Kysely, type RawBuilder, sql, type Updateable } from 'kysely';
import type { PlannedReads } from '../../db/connect.js';
import type { Database, ServicePhone } from '../../db/tables.js';
import type { AgencyScope } from '../../platform/policy.js';
import { containsPattern } from '../../platform/text.js';
import { EARTH_KM, radians } from './cells.js';
import { documentQuery } from './search-text.js';

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

/**
 * What the words ask of the search document, as text-search queries PostgreSQL wrote itself:
 * each word (or one of the directory's closest words, when the word itself is not in the
 * directory: "juridque" also asks "juridique") stemmed in English or in French. A word that is a
 * stop word in both languages is dropped, as it says nothing about a service and must not empty
 * the results. `all` asks for any of them, for ranking. One statement for all the words.
 */
async function wordsQuery(read: Read, words: string[]): Promise<{ every: string; all: string } | undefined> {
  if (words.length === 0) return undefined;
  const rows = await read(sql<{ position: number; rank: number; en: string; fr: string }>`
    SELECT w.position::int, c.rank::int, plainto_tsquery('harbour_en', c.word)::text AS en, plainto_tsquery('harbour_fr', c.word)::text AS fr
    FROM unnest(${words}::text[]) WITH ORDINALITY AS w(word, position)
    CROSS JOIN LATERAL (
      SELECT w.word, 0 AS rank
      UNION ALL
      SELECT close.word, close.rank FROM (
        SELECT sw.word, row_number() OVER (ORDER BY similarity(sw.word, w.word) DESC, sw.word) AS rank
        FROM search_word sw
        WHERE length(w.word) >= 4 AND sw.word % w.word AND NOT EXISTS (SELECT 1 FROM search_word known WHERE known.word = w.word)
        ORDER BY similarity(sw.word, w.word) DESC, sw.word LIMIT 3
      ) close
    ) c
    ORDER BY w.position, c.rank`);
  const groups = new Map<number, { meaningful: boolean; queries: Set<string> }>();
  for (const row of rows) {
    const group = groups.get(row.position) ?? { meaningful: row.rank === 0 && (row.en !== '' || row.fr !== ''), queries: new Set() };
    groups.set(row.position, group);
    for (const query of [row.en, row.fr]) if (query) group.queries.add(`(${query})`);
  }
  const kept = [...groups.values()].filter((group) => group.meaningful).map((group) => [...group.queries]);
  if (kept.length === 0) return undefined;
  return { every: kept.map((queries) => `(${queries.join(' | ')})`).join(' & '), all: [...new Set(kept.flat())].join(' | ') };
}

/**
 * The distance in km from a point to a service, along the great circle (haversine) on
 * earthdistance's sphere — in plain arithmetic, which costs far less per row than its functions.
 * The point comes as parameters, so the statement's text is the same wherever the search is.
 */
const greatCircleKm = ({ latitude, longitude }: { latitude: number; longitude: number }) => {
  const [lat, lon, cosLat] = [sql`${latitude}::float8`, sql`${longitude}::float8`, sql`${Math.cos(radians(latitude))}::float8`];
  return sql`(2 * ${sql.lit(EARTH_KM)} * asin(least(1, sqrt(
    sin(radians(s.latitude - ${lat}) / 2) ^ 2
    + ${cosLat} * cos(radians(s.latitude)) * sin(radians(s.longitude - ${lon}) / 2) ^ 2))))`;
};

/** Runs a read: planned once per connection when one is given and no transaction is open (db/connect.ts). */
type Read = <Row>(query: RawBuilder<Row>) => Promise<Row[]>;
const reader =
  (db: Kysely<Database>, planned?: PlannedReads): Read =>
  async <Row>(query: RawBuilder<Row>) =>
    planned && !db.isTransaction ? planned.rows<Row>(query.compile(db)) : (await query.execute(db)).rows;

/**
 * One ranked query on the search document's index: every word (or one of its corrections) in
 * English or French full text (stemmed, unaccented), and the filters and the place as the
 * document's own words (`documentQuery`); "near" then keeps what is within the radius, and the
 * services with no address that serve the place's province; the score weighs relevance against
 * distance.
 */
export async function searchServices(db: Kysely<Database>, filter: SearchFilter, planned?: PlannedReads): Promise<SearchRow[]> {
  const read = reader(db, planned);
  const conditions: RawBuilder<unknown>[] = [];
  // One service by id is shown whatever its state; a search never finds one waiting for review.
  conditions.push(filter.id ? sql`s.id = ${filter.id}` : sql`s.review_note IS NULL`, sql`s.withheld_at IS NULL`);
  const words = await wordsQuery(read, filter.words);
  const asked = [words?.every, documentQuery(filter)].filter(Boolean).join(' & ');
  if (asked) conditions.push(sql`s.search_document @@ ${asked}::tsquery`);
  if (filter.openNow) conditions.push(sql`harbour_is_open(s.hours, ${filter.now})`);

  const near = filter.near;
  const distance = near ? greatCircleKm(near) : sql`NULL::float8`;
  if (near) conditions.push(sql`(s.latitude IS NULL OR ${distance} <= ${near.radiusKm}::float8)`);
  const score = words
    ? sql`ts_rank(s.search_document, ${words.all}::tsquery) / (1 + coalesce(${distance}, ${near?.radiusKm ?? 0}) / 25)`
    : sql`0::float8`;

  // Rank on the few columns that decide the order; fetch everything else for one page only.
  return read(sql<SearchRow>`
      WITH ranked AS (
        SELECT s.id, s.name_en, ${distance} AS distance_km, ${score} AS score, count(*) OVER () AS total
        FROM service s
        WHERE ${sql.join(conditions, sql` AND `)}
        ORDER BY score DESC, distance_km NULLS LAST, s.name_en, s.id
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
      ORDER BY ranked.score DESC, ranked.distance_km NULLS LAST, ranked.name_en, ranked.id`);
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

export interface ListingFilter {
  q?: string;
  agencyId?: string;
  province?: string;
  limit: number;
  offset: number;
}

/**
 * Listings kept within the scope — those waiting for a category first, then the least recently
 * verified (the overdue) — with their unresolved reports, one page at a time with the total.
 */
export function listListings(db: Kysely<Database>, scope: AgencyScope, filter: ListingFilter) {
  let query = db
    .selectFrom('service')
    .innerJoin('organization', 'organization.id', 'service.organizationId')
    .leftJoin('agency', 'agency.id', 'organization.agencyId')
    .leftJoin('servicePoint', 'servicePoint.id', 'service.servicePointId')
    .select((eb) => [
      'service.id',
      'service.nameEn',
      'service.nameFr',
      'service.lastVerifiedAt',
      'service.reviewNote',
      'organization.name as organization',
      'organization.agencyId',
      'agency.name as agency',
      'servicePoint.province',
      eb
        .selectFrom('listingReport')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('listingReport.serviceId', '=', 'service.id')
        .where('listingReport.resolvedAt', 'is', null)
        .as('openReports'),
      sql<string>`count(*) OVER ()`.as('total'),
    ])
    .orderBy(sql`service.review_note IS NULL`)
    .orderBy('service.lastVerifiedAt')
    .orderBy('service.id')
    .limit(filter.limit)
    .offset(filter.offset);
  if ('agencyId' in scope) query = query.where('organization.agencyId', '=', scope.agencyId);
  if (filter.agencyId) query = query.where('organization.agencyId', '=', filter.agencyId);
  if (filter.province) query = query.where('servicePoint.province', '=', filter.province);
  if (filter.q) {
    const like = containsPattern(filter.q);
    query = query.where((eb) =>
      eb.or([eb('service.nameEn', 'ilike', like), eb('service.nameFr', 'ilike', like), eb('organization.name', 'ilike', like)]),
    );
  }
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

/**
 * Merges the search index's pending entries after a bulk write: GIN keeps new entries in a list
 * that every search reads whole until they are merged (by autovacuum, or when the list is full).
 */
export async function mergePendingSearchEntries(db: Db): Promise<void> {
  // Only the index's owner may merge; a role that does not own it leaves the work to autovacuum.
  await sql`SELECT gin_clean_pending_list('service_search_document_idx'::regclass)`.execute(db).catch(() => undefined);
}

/** Withholds (or, with null, shows again) every listing of an agency's organizations. */
export async function withholdAgencyListings(db: Kysely<Database>, agencyId: string, at: Date | null): Promise<number> {
  const result = await db
    .updateTable('service')
    .set({ withheldAt: at })
    .where('organizationId', 'in', db.selectFrom('organization').select('id').where('agencyId', '=', agencyId))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
