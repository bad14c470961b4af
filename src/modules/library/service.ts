import { createHash } from 'node:crypto';
import { type AuditDetails, recordAudit } from '../../platform/audit.js';
import { type Deps, unitOfWork } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { checkUpload } from '../../platform/files.js';
import { type Actor, actorAccountId, actorVia, authorize, isMember, scopeFor } from '../../platform/policy.js';
import { fold } from '../../platform/text.js';
import * as repo from './repo.js';
import type { LibraryQuery, NewCollection, NewResource, ResourceChanges, ResourceResult } from './schema.js';
import { vocabulary } from './vocabulary.js';

/** Who is looking (no one signed in: undefined): a member of the network sees members-only resources too. */
type Viewer = Actor | undefined;

function present(row: repo.ResourceRow): ResourceResult {
  return {
    id: row.id,
    title: { en: row.titleEn, fr: row.titleFr },
    summary: { en: row.summaryEn, fr: row.summaryFr },
    category: row.category as ResourceResult['category'],
    kind: row.kind,
    audiences: row.audiences,
    languages: row.languages,
    region: row.region,
    link: row.link,
    file:
      row.fileName && row.fileMediaType && row.fileSize !== null
        ? { name: row.fileName, mediaType: row.fileMediaType, size: row.fileSize, url: `/api/library/resources/${row.id}/file` }
        : null,
    own: row.ownLanguage ? { language: row.ownLanguage, title: row.titleOwn, summary: row.summaryOwn } : null,
    membersOnly: row.membersOnly,
    isSample: row.isSample,
    agency: row.agencyName,
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

const words = (q: string | undefined) => [...new Set(fold(q ?? '').split(/[^\p{L}\p{N}]+/u))].filter((word) => word.length > 1).slice(0, 8);

/** Browse and search the library; nothing about who searched is kept. */
export async function searchLibrary(deps: Deps, viewer: Viewer, query: LibraryQuery) {
  const rows = await repo.findResources(deps.kysely, {
    words: words(query.q),
    member: isMember(viewer),
    ...(query.category ? { category: query.category } : {}),
    ...(query.kind ? { kinds: query.kind } : {}),
    ...(query.audience ? { audiences: query.audience } : {}),
    ...(query.language ? { languages: query.language } : {}),
    ...(query.region ? { region: query.region } : {}),
    ...(query.collection ? { collectionSlug: query.collection } : {}),
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { total: Number(rows[0]?.total ?? 0), page: query.page, pageSize: query.pageSize, results: rows.map(present) };
}

/** One resource; a members-only one is "not found" to the public, which need not know it exists. */
export async function getResource(deps: Deps, viewer: Viewer, id: string) {
  const [row] = await repo.findResources(deps.kysely, { id, words: [], member: isMember(viewer), limit: 1, offset: 0 });
  if (!row) throw new AppError('not_found', `no resource ${id}`);
  return present(row);
}

/** What an admin keeps (everything, for a network admin), including resources with nothing to open yet. */
export async function myResources(deps: Deps, actor: Actor) {
  const keptBy = scopeFor(actor, 'library.manage');
  const rows = await repo.findResources(deps.kysely, { words: [], member: true, keptBy, limit: 500, offset: 0 });
  return rows.map(present);
}

const audit = (
  deps: Deps,
  actor: Actor,
  agencyId: string | null,
  action: string,
  targetId: string,
  details: AuditDetails = {},
  targetType = 'library_resource',
) =>
  recordAudit(
    deps,
    {
      actorAccountId: actorAccountId(actor),
      agencyId,
      action,
      targetType,
      targetId,
      outcome: 'ok',
      details: { via: actorVia(actor), ...details },
    },
    deps.now(),
  );

function searchText(resource: {
  titleEn: string;
  titleFr: string;
  summaryEn?: string;
  summaryFr?: string;
  kind: string;
  category: string;
}) {
  const { kinds, categories } = vocabulary();
  const labels = [...kinds, ...categories]
    .filter((term) => term.id === resource.kind || term.id === resource.category)
    .flatMap((t) => [t.en, t.fr]);
  return [resource.titleEn, resource.titleFr, resource.summaryEn, resource.summaryFr, ...labels].filter(Boolean).join(' \n ');
}

/** A tool's own language and its title in it go together, and only for a language other than English and French. */
function checkOwn(resource: { ownLanguage?: string | null; titleOwn?: string }) {
  if (resource.ownLanguage && !resource.titleOwn?.trim())
    throw new AppError('bad_request', `titleOwn: the title in ${resource.ownLanguage}, since ownLanguage is given`);
  if (!resource.ownLanguage && resource.titleOwn?.trim()) throw new AppError('bad_request', 'ownLanguage: the language of titleOwn');
}

/** An author shares a resource for their agency; a network admin for any agency or the network. */
export async function createResource(deps: Deps, actor: Actor, input: NewResource & { isSample?: boolean }) {
  const agencyId = input.agencyId !== undefined ? input.agencyId : actor.kind === 'account' ? actor.agencyId : null;
  authorize(actor, 'library.manage', agencyId ?? undefined);
  checkOwn(input);
  return unitOfWork(deps, async (tx) => {
    const created = await repo.insertResource(tx.kysely, { ...input, agencyId, link: input.link ?? null, searchText: searchText(input) });
    await audit(tx, actor, agencyId, 'library.resource.create', created.id);
    return created;
  });
}

async function resourceInScope(deps: Deps, actor: Actor, id: string) {
  const resource = await repo.findResource(deps.kysely, id);
  if (!resource) throw new AppError('not_found', `no resource ${id}`);
  authorize(actor, 'library.manage', resource.agencyId ?? undefined);
  return resource;
}

export async function updateResource(deps: Deps, actor: Actor, id: string, changes: ResourceChanges) {
  const resource = await resourceInScope(deps, actor, id);
  const merged = { ...resource, ...changes };
  checkOwn(merged);
  await unitOfWork(deps, async (tx) => {
    await repo.updateResource(tx.kysely, id, { ...changes, searchText: searchText(merged), updatedAt: deps.now() });
    await audit(tx, actor, resource.agencyId, 'library.resource.update', id, { fields: Object.keys(changes).sort().join(',') });
  });
  return getResource(deps, actor, id);
}

export async function deleteResource(deps: Deps, actor: Actor, id: string) {
  const resource = await resourceInScope(deps, actor, id);
  await unitOfWork(deps, async (tx) => {
    await repo.deleteResource(tx.kysely, id);
    await audit(tx, actor, resource.agencyId, 'library.resource.delete', id);
  });
}

/** Stores a file after checking its size, its name and that its first bytes match its type. */
export async function attachFile(deps: Deps, actor: Actor, id: string, upload: { name: string; mediaType: string; content: Buffer }) {
  const resource = await resourceInScope(deps, actor, id);
  const { name, mediaType } = checkUpload(upload, deps.config.HARBOUR_LIBRARY_MAX_FILE_MB * 2 ** 20);
  const file = {
    name,
    mediaType,
    size: upload.content.length,
    sha256: createHash('sha256').update(upload.content).digest('hex'),
    content: upload.content,
    uploadedAt: deps.now(),
  };
  await unitOfWork(deps, async (tx) => {
    await repo.putFile(tx.kysely, id, file);
    await repo.updateResource(tx.kysely, id, { updatedAt: deps.now() });
    await audit(tx, actor, resource.agencyId, 'library.file.attach', id, { size: file.size, sha256: file.sha256 });
  });
  return getResource(deps, actor, id);
}

/** A stored file, for whoever may see its resource. */
export async function readFile(deps: Deps, viewer: Viewer, id: string) {
  const resource = await getResource(deps, viewer, id);
  const file = await repo.findFile(deps.kysely, id);
  if (!resource.file || !file) throw new AppError('not_found', `resource ${id} has no file`);
  return { ...file, content: Buffer.from(file.content) };
}

async function summaries(deps: Deps, viewer: Viewer) {
  const collections = await repo.listCollections(deps.kysely);
  return Promise.all(
    collections.map(async (c) => {
      const { total } = await searchLibrary(deps, viewer, { collection: c.slug, page: 1, pageSize: 1 });
      return {
        slug: c.slug,
        title: { en: c.titleEn, fr: c.titleFr },
        description: { en: c.descriptionEn, fr: c.descriptionFr },
        count: total,
      };
    }),
  );
}

export const listCollections = summaries;

/** A collection with its resources in the curator's order. */
export async function getCollection(deps: Deps, viewer: Viewer, slug: string) {
  const summary = (await summaries(deps, viewer)).find((c) => c.slug === slug);
  if (!summary) throw new AppError('not_found', `no collection "${slug}"`);
  const positions = new Map((await repo.collectionPositions(deps.kysely, slug)).map((item) => [item.resourceId, item.position]));
  const rows = await repo.findResources(deps.kysely, { words: [], member: isMember(viewer), collectionSlug: slug, limit: 500, offset: 0 });
  const resources = rows.map(present).sort((a, b) => (positions.get(a.id) ?? 0) - (positions.get(b.id) ?? 0));
  return { ...summary, resources };
}

export async function createCollection(deps: Deps, actor: Actor, input: NewCollection) {
  authorize(actor, 'library.curate');
  const taken = await repo.findCollectionId(deps.kysely, input.slug);
  if (taken) throw new AppError('conflict', `slug: a collection "${input.slug}" already exists`);
  return unitOfWork(deps, async (tx) => {
    const created = await repo.insertCollection(tx.kysely, input);
    await audit(tx, actor, null, 'library.collection.create', created.id, { slug: input.slug }, 'library_collection');
    return created;
  });
}

/** Sets what a collection holds, in order; ids that are not resources are refused by name. */
export async function setCollectionItems(deps: Deps, actor: Actor, slug: string, resourceIds: string[]) {
  authorize(actor, 'library.curate');
  const collection = await repo.findCollectionId(deps.kysely, slug);
  if (!collection) throw new AppError('not_found', `no collection "${slug}"`);
  const unique = [...new Set(resourceIds)];
  const found = await repo.existingResourceIds(deps.kysely, unique);
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length > 0) throw new AppError('bad_request', `resourceIds: no resource ${missing.join(', ')}`);
  await unitOfWork(deps, async (tx) => {
    await repo.setItems(tx.kysely, collection.id, unique);
    await audit(tx, actor, null, 'library.collection.update', collection.id, { count: unique.length }, 'library_collection');
  });
  return getCollection(deps, actor, slug);
}

export { loadSampleLibrary } from './sample.js';
