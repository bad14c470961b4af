import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { AgencyScope } from '../../platform/policy.js';

export interface ResourceFilter {
  words: string[];
  /** The resources an agency keeps (every one for the network), listed or not yet. */
  keptBy?: AgencyScope;
  /** Members see members-only resources; the public does not. */
  member: boolean;
  id?: string;
  ids?: string[];
  category?: string;
  kinds?: string[];
  audiences?: string[];
  languages?: string[];
  region?: string;
  collectionSlug?: string;
  limit: number;
  offset: number;
}

export type ResourceRow = Awaited<ReturnType<typeof findResources>>[number];

/**
 * Resources a viewer may see, each word matched by English or French full text (accents and
 * endings forgiven), best matches first, then the most recently changed. Only resources with
 * something to open — a link or a file — are listed.
 */
export function findResources(db: Kysely<Database>, filter: ResourceFilter) {
  let query = db
    .selectFrom('libraryResource as r')
    .leftJoin('libraryFile as f', 'f.resourceId', 'r.id')
    .leftJoin('agency as a', 'a.id', 'r.agencyId')
    .select([
      'r.id',
      'r.titleEn',
      'r.titleFr',
      'r.summaryEn',
      'r.summaryFr',
      'r.category',
      'r.kind',
      'r.audiences',
      'r.languages',
      'r.region',
      'r.link',
      'r.membersOnly',
      'r.isSample',
      'r.agencyId',
      'r.updatedAt',
      'a.name as agencyName',
      'f.name as fileName',
      'f.mediaType as fileMediaType',
      'f.size as fileSize',
      sql<number>`count(*) OVER ()`.as('total'),
    ])
    .where((eb) => (filter.keptBy ? eb.val(true) : eb.or([eb('r.link', 'is not', null), eb('f.resourceId', 'is not', null)])));
  const kept = filter.keptBy;
  if (kept && 'agencyId' in kept) query = query.where('r.agencyId', '=', kept.agencyId);
  if (!filter.member) query = query.where('r.membersOnly', '=', false);
  if (filter.id) query = query.where('r.id', '=', filter.id);
  if (filter.ids) query = query.where('r.id', 'in', filter.ids.length > 0 ? filter.ids : ['00000000-0000-0000-0000-000000000000']);
  if (filter.category) query = query.where('r.category', '=', filter.category);
  if (filter.kinds) query = query.where('r.kind', 'in', filter.kinds);
  if (filter.audiences) query = query.where(sql<boolean>`r.audiences && ${sql.val(filter.audiences)}::text[]`);
  if (filter.languages) query = query.where(sql<boolean>`r.languages && ${sql.val(filter.languages)}::text[]`);
  // A resource for all of Canada serves every region too.
  if (filter.region) query = query.where('r.region', 'in', [filter.region, 'CA']);
  if (filter.collectionSlug) {
    const slug = filter.collectionSlug;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('libraryCollectionItem as i')
          .innerJoin('libraryCollection as c', 'c.id', 'i.collectionId')
          .whereRef('i.resourceId', '=', 'r.id')
          .where('c.slug', '=', slug)
          .select('i.resourceId'),
      ),
    );
  }
  const queries = filter.words.map(
    (word) => sql`(websearch_to_tsquery('harbour_en', ${word}) || websearch_to_tsquery('harbour_fr', ${word}))`,
  );
  for (const word of filter.words) {
    query = query.where(
      sql<boolean>`(r.search_en @@ websearch_to_tsquery('harbour_en', ${word}) OR r.search_fr @@ websearch_to_tsquery('harbour_fr', ${word}))`,
    );
  }
  if (queries.length > 0) {
    const all = sql.join(queries, sql` && `);
    query = query.orderBy(sql`ts_rank(r.search_en, ${all}) + ts_rank(r.search_fr, ${all})`, 'desc');
  }
  return query.orderBy('r.updatedAt', 'desc').orderBy('r.id').limit(filter.limit).offset(filter.offset).execute();
}

export function collectionPositions(db: Kysely<Database>, slug: string) {
  return db
    .selectFrom('libraryCollectionItem as i')
    .innerJoin('libraryCollection as c', 'c.id', 'i.collectionId')
    .where('c.slug', '=', slug)
    .select(['i.resourceId', 'i.position'])
    .execute();
}
