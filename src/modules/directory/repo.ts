import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/tables.js';
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
  capacityBeds: number | null;
  capacityUpdatedAt: Date | null;
  lastVerifiedAt: Date;
  organizationId: string;
  organizationName: string;
  isSample: boolean;
  city: string | null;
  province: string | null;
  isConfidential: boolean | null;
  address: string | null;
  openNow: boolean;
  distanceKm: number | null;
  total: number;
}

// Arrays travel as JSON so both drivers pass them the same way.
const textArray = (values: string[]) => sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

/**
 * One ranked query: every word must match the service's search document by English or French
 * full text (stemmed, unaccented) or by trigram word similarity (misspellings); filters narrow;
 * "near" keeps services within the radius, and services with no address that serve the
 * province; the score weighs relevance against distance.
 */
export async function searchServices(db: Kysely<Database>, filter: SearchFilter): Promise<SearchRow[]> {
  const conditions: RawBuilder<unknown>[] = [sql`true`];
  if (filter.id) conditions.push(sql`s.id = ${filter.id}`);
  for (const word of filter.words) {
    conditions.push(sql`(s.search_en @@ plainto_tsquery('harbour_en', ${word})
      OR s.search_fr @@ plainto_tsquery('harbour_fr', ${word})
      OR ${word} <% s.search_norm)`);
  }
  if (filter.categories?.length) conditions.push(sql`s.categories && ${textArray(filter.categories)}`);
  if (filter.populations?.length) conditions.push(sql`s.populations && ${textArray(filter.populations)}`);
  if (filter.languages?.length) conditions.push(sql`s.languages && ${textArray(filter.languages)}`);
  if (filter.province) conditions.push(sql`(sp.province = ${filter.province} OR ${filter.province} = ANY(s.area_provinces))`);
  if (filter.openNow) conditions.push(sql`harbour_is_open(s.hours, ${filter.now})`);

  const near = filter.near;
  const origin = near ? sql`ll_to_earth(${near.latitude}::float8, ${near.longitude}::float8)` : undefined;
  const here = sql`ll_to_earth(sp.latitude, sp.longitude)`;
  const distance = origin
    ? sql`CASE WHEN sp.latitude IS NULL THEN NULL ELSE earth_distance(${origin}, ${here}) / 1000 END`
    : sql`NULL::float8`;
  if (near && origin) {
    const radius = near.radiusKm * 1000;
    conditions.push(sql`(
      (sp.latitude IS NOT NULL AND earth_box(${origin}, ${radius}::float8) @> ${here} AND earth_distance(${origin}, ${here}) <= ${radius}::float8)
      OR (sp.latitude IS NULL AND ${near.province ?? ''} = ANY(s.area_provinces)))`);
  }
  const all = filter.words.join(' or ');
  const relevance = filter.words.length
    ? sql`(ts_rank(s.search_en, websearch_to_tsquery('harbour_en', ${all})) + ts_rank(s.search_fr, websearch_to_tsquery('harbour_fr', ${all}))
        + ${sql.join(
          filter.words.map((word) => sql`word_similarity(${word}, s.search_norm)`),
          sql` + `,
        )})`
    : sql`0::float8`;
  const order = filter.words.length
    ? sql`relevance / (1 + coalesce(distance_km, ${near?.radiusKm ?? 0}) / 25) DESC, distance_km NULLS LAST, organization_name, s.name_en`
    : sql`distance_km NULLS LAST, organization_name, s.name_en`;

  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL pg_trgm.word_similarity_threshold = 0.5`.execute(trx);
    const result = await sql<SearchRow>`
      SELECT * FROM (
        SELECT s.id, s.name_en, s.name_fr, s.description_en, s.description_fr, s.categories, s.populations, s.languages,
          s.area_provinces, s.serves_without_status, s.trafficking_trained, s.serves_remote_communities, s.accessibility,
          s.fees, s.eligibility, s.intake, s.hours, s.capacity_beds, s.capacity_updated_at, s.last_verified_at,
          o.id AS organization_id, o.name AS organization_name, o.is_sample,
          sp.city, sp.province, sp.is_confidential, CASE WHEN sp.is_confidential THEN NULL ELSE sp.address END AS address,
          harbour_is_open(s.hours, ${filter.now}) AS open_now,
          ${distance} AS distance_km,
          ${relevance} AS relevance,
          count(*) OVER () AS total
        FROM service s
        JOIN organization o ON o.id = s.organization_id
        LEFT JOIN service_point sp ON sp.id = s.service_point_id
        WHERE ${sql.join(conditions, sql` AND `)}
      ) s
      ORDER BY ${order}
      LIMIT ${filter.limit} OFFSET ${filter.offset}`.execute(trx);
    return result.rows;
  });
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
      'organization.name as organization',
      eb
        .selectFrom('listingReport')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('listingReport.serviceId', '=', 'service.id')
        .where('listingReport.resolvedAt', 'is', null)
        .as('openReports'),
    ])
    .orderBy('service.lastVerifiedAt')
    .limit(500);
  if ('agencyId' in scope) query = query.where('organization.agencyId', '=', scope.agencyId);
  return query.execute();
}
