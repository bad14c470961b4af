import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
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
      'r.ownLanguage',
      'r.titleOwn',
      'r.summaryOwn',
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
  // A word is found in English, in French, or in a tool's own language (its words as they are).
  for (const word of filter.words) {
    query = query.where(
      sql<boolean>`(r.search_en @@ websearch_to_tsquery('harbour_en', ${word}) OR r.search_fr @@ websearch_to_tsquery('harbour_fr', ${word}) OR r.search_own @@ websearch_to_tsquery('harbour_simple', ${word}))`,
    );
  }
  if (queries.length > 0) {
    const all = sql.join(queries, sql` && `);
    const own = sql.join(
      filter.words.map((word) => sql`websearch_to_tsquery('harbour_simple', ${word})`),
      sql` && `,
    );
    query = query.orderBy(sql`ts_rank(r.search_en, ${all}) + ts_rank(r.search_fr, ${all}) + ts_rank(r.search_own, ${own})`, 'desc');
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

type Resource = Insertable<Database['libraryResource']>;

export async function insertResource(db: Kysely<Database>, resource: Resource): Promise<{ id: string }> {
  return db.insertInto('libraryResource').values(resource).returning('id').executeTakeFirstOrThrow();
}

export function findResource(db: Kysely<Database>, id: string) {
  return db.selectFrom('libraryResource').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateResource(db: Kysely<Database>, id: string, changes: Updateable<Database['libraryResource']>) {
  await db.updateTable('libraryResource').set(changes).where('id', '=', id).execute();
}

export async function deleteResource(db: Kysely<Database>, id: string) {
  await db.deleteFrom('libraryResource').where('id', '=', id).execute();
}

/** Stores a resource's file, replacing the one it had. */
export async function putFile(db: Kysely<Database>, resourceId: string, file: Omit<Insertable<Database['libraryFile']>, 'resourceId'>) {
  await db
    .insertInto('libraryFile')
    .values({ resourceId, ...file })
    .onConflict((conflict) => conflict.column('resourceId').doUpdateSet(file))
    .execute();
}

export function findFile(db: Kysely<Database>, resourceId: string) {
  return db
    .selectFrom('libraryFile')
    .select(['name', 'mediaType', 'content', 'sha256'])
    .where('resourceId', '=', resourceId)
    .executeTakeFirst();
}

export function listCollections(db: Kysely<Database>) {
  return db.selectFrom('libraryCollection').selectAll().orderBy('createdAt').orderBy('slug').execute();
}

export function findCollectionId(db: Kysely<Database>, slug: string) {
  return db.selectFrom('libraryCollection').select('id').where('slug', '=', slug).executeTakeFirst();
}

export async function insertCollection(
  db: Kysely<Database>,
  collection: Insertable<Database['libraryCollection']>,
): Promise<{ id: string }> {
  return db.insertInto('libraryCollection').values(collection).returning('id').executeTakeFirstOrThrow();
}

/** Of `ids`, those that are resources. */
export async function existingResourceIds(db: Kysely<Database>, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  return new Set((await db.selectFrom('libraryResource').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
}

/** What a collection holds, in this order. */
export async function setItems(db: Kysely<Database>, collectionId: string, resourceIds: string[]) {
  await db.deleteFrom('libraryCollectionItem').where('collectionId', '=', collectionId).execute();
  if (resourceIds.length > 0)
    await db
      .insertInto('libraryCollectionItem')
      .values(resourceIds.map((resourceId, position) => ({ collectionId, resourceId, position })))
      .execute();
}
