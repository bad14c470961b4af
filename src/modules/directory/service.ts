import { randomUUID } from 'node:crypto';
import { countPublicForm } from '../../platform/attempts.js';
import { type AuditDetails, recordAudit } from '../../platform/audit.js';
import { type Deps, unitOfWork } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type AccountActor, type Actor, actorAccountId, actorVia, authorize, scopeFor } from '../../platform/policy.js';
import { placeServicePoint, resolveNear } from './geo.js';
import { openAddress, sealAddress } from './keys.js';
import { needsVerification, presentService } from './present.js';
import * as repo from './repo.js';
import {
  type NewOrganization,
  type NewService,
  type NewServicePoint,
  newService,
  type SearchQuery,
  type ServiceChanges,
} from './schema.js';
import { buildSearchText } from './search-text.js';
import { fold, withSubcategories } from './taxonomy.js';

// Words that say nothing about a service in either language; they would only narrow a search.
const stopwords = new Set(
  'a au aux avec ce ces dans de des du en et for in la le les near of on or ou pour près pres sur the to un une with'.split(' '),
);

export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  const words = fold(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1 && !stopwords.has(word));
  return [...new Set(words)].slice(0, 8);
}

const DEFAULT_RADIUS_KM = 50;

/** What a search query asks of the search statements (repo.searchServices), and the place it resolved. */
export function searchFilter(query: SearchQuery, now: Date) {
  const near = query.near ? resolveNear(query.near) : undefined;
  const radiusKm = query.radiusKm ?? DEFAULT_RADIUS_KM;
  const filter: repo.SearchFilter = {
    words: searchWords(query.q),
    ...(query.category ? { categories: query.category.flatMap(withSubcategories) } : {}),
    ...(query.population ? { populations: query.population } : {}),
    ...(query.language ? { languages: query.language } : {}),
    ...(query.province ? { province: query.province } : {}),
    openNow: query.openNow === 'true',
    ...(near ? { near: { ...near, radiusKm } } : {}),
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
    now,
  };
  return { filter, near, radiusKm };
}

/** The public search: no sign-in, nothing recorded about who searched for what. */
export async function search(deps: Deps, query: SearchQuery) {
  const now = deps.now();
  const { filter, near, radiusKm } = searchFilter(query, now);
  const rows = await repo.searchServices(deps.kysely, filter, deps.db.planned);
  return {
    total: Number(rows[0]?.total ?? 0),
    page: query.page,
    pageSize: query.pageSize,
    near: near ? { label: near.label, latitude: near.latitude, longitude: near.longitude, radiusKm } : null,
    results: rows.map((row) => presentService(row, now)),
  };
}

async function organizationInScope(deps: Deps, actor: Actor, organizationId: string) {
  const organization = await repo.findOrganization(deps.kysely, organizationId);
  if (!organization) throw new AppError('bad_request', `organizationId: no organization ${organizationId}`);
  authorize(actor, 'directory.manage', organization.agencyId ?? undefined);
  return organization;
}

const audit = (
  deps: Deps,
  actor: Actor,
  agencyId: string | null,
  action: string,
  targetType: string,
  targetId: string,
  details: AuditDetails = { via: actorVia(actor) },
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
      details,
    },
    deps.now(),
  );

export async function createOrganization(deps: Deps, actor: Actor, input: NewOrganization) {
  const agencyId = input.agencyId ?? (actor.kind === 'account' ? actor.agencyId : null);
  authorize(actor, 'directory.manage', agencyId ?? undefined);
  return unitOfWork(deps, async (tx) => {
    const created = await repo.insertOrganization(tx.kysely, {
      ...input,
      agencyId,
      website: input.website ?? null,
      source: input.source ?? null,
    });
    await audit(tx, actor, agencyId, 'directory.organization.create', 'organization', created.id);
    return created;
  });
}

/**
 * A confidential location (a safe house) keeps its street address sealed with the agency's key
 * and is placed at its city's centre, so neither the public nor a copy of the database shows it.
 */
export async function createServicePoint(deps: Deps, actor: Actor, input: NewServicePoint) {
  const organization = await organizationInScope(deps, actor, input.organizationId);
  const confidential = input.isConfidential ?? false;
  if (confidential && !organization.agencyId) {
    throw new AppError('bad_request', 'isConfidential: only an organization kept by a member agency can hold a confidential location');
  }
  const { latitude, longitude } = placeServicePoint({ ...input, isConfidential: confidential });
  // Sealed before the unit of work opens: the key is read on its own connection.
  const id = randomUUID();
  const addressSealed =
    confidential && input.address && organization.agencyId ? await sealAddress(deps, organization.agencyId, id, input.address) : null;
  return unitOfWork(deps, async (tx) => {
    const created = await repo.insertServicePoint(tx.kysely, {
      id,
      organizationId: organization.id,
      name: input.name,
      city: input.city,
      province: input.province,
      isConfidential: confidential,
      address: confidential ? null : (input.address ?? null),
      addressSealed,
      latitude,
      longitude,
    });
    await audit(tx, actor, organization.agencyId, 'directory.service_point.create', 'service_point', created.id);
    return created;
  });
}

// Callers inside Harbour (samples, imports, tests) pass phones as typed, not parsed: the defaults (a voice line) are applied here.
const phoneList = newService.shape.phones;

export async function createService(deps: Deps, actor: Actor, input: NewService) {
  const organization = await organizationInScope(deps, actor, input.organizationId);
  const point = input.servicePointId ? await repo.findServicePoint(deps.kysely, input.servicePointId) : undefined;
  if (input.servicePointId && point?.organizationId !== organization.id) {
    throw new AppError('bad_request', `servicePointId: not a service point of organization ${organization.id}`);
  }
  const now = deps.now();
  return unitOfWork(deps, async (tx) => {
    const created = await repo.insertService(tx.kysely, {
      ...input,
      organizationId: organization.id,
      servicePointId: point?.id ?? null,
      hours: input.hours ? JSON.stringify(input.hours) : null,
      phones: JSON.stringify(phoneList.parse(input.phones) ?? []),
      capacityUpdatedAt: input.capacityBeds === null || input.capacityBeds === undefined ? null : now,
      lastVerifiedAt: now,
      latitude: point?.latitude ?? null,
      longitude: point?.longitude ?? null,
      province: point?.province ?? null,
      searchText: buildSearchText(organization.name, input, point),
    });
    await audit(tx, actor, organization.agencyId, 'directory.service.create', 'service', created.id);
    return created;
  });
}

async function serviceInScope(deps: Deps, actor: Actor, id: string) {
  const service = await repo.findService(deps.kysely, id);
  if (!service) throw new AppError('not_found', `no service ${id}`);
  const organization = await organizationInScope(deps, actor, service.organizationId);
  return { service, organization };
}

/** A keeper's changes; the search document is rebuilt and the audit names the fields, not their values. */
export async function updateService(deps: Deps, actor: Actor, id: string, changes: ServiceChanges) {
  const { service, organization } = await serviceInScope(deps, actor, id);
  const merged = { ...service, ...changes, hours: changes.hours === undefined ? service.hours : changes.hours };
  const point = service.servicePointId ? await repo.findServicePoint(deps.kysely, service.servicePointId) : undefined;
  const now = deps.now();
  await unitOfWork(deps, async (tx) => {
    const { phones, ...rest } = changes;
    await repo.updateService(tx.kysely, id, {
      ...rest,
      hours: merged.hours ? JSON.stringify(merged.hours) : null,
      ...(phones !== undefined ? { phones: JSON.stringify(phoneList.parse(phones)) } : {}),
      // Categorised by its keeper: an imported listing waiting for review is listed from now on.
      ...(changes.categories !== undefined ? { reviewNote: null } : {}),
      ...(changes.capacityBeds !== undefined ? { capacityUpdatedAt: changes.capacityBeds === null ? null : now } : {}),
      searchText: buildSearchText(organization.name, merged, point),
      updatedAt: now,
    });
    await audit(tx, actor, organization.agencyId, 'directory.service.update', 'service', id, {
      fields: Object.keys(changes).sort().join(','),
    });
  });
  return getService(deps, id);
}

/** The keeper confirms the listing is still right: it stops being flagged for twelve months. */
export async function verifyService(deps: Deps, actor: Actor, id: string) {
  const { organization } = await serviceInScope(deps, actor, id);
  await unitOfWork(deps, async (tx) => {
    await repo.updateService(tx.kysely, id, { lastVerifiedAt: deps.now() });
    await audit(tx, actor, organization.agencyId, 'directory.service.verify', 'service', id);
  });
  return getService(deps, id);
}

/** The listings an agency keeps (every one for the network), those needing verification first, a page at a time. */
export async function myListings(
  deps: Deps,
  actor: Actor,
  query: { q?: string; agencyId?: string; province?: string; page: number; pageSize: number } = { page: 1, pageSize: 25 },
) {
  const scope = scopeFor(actor, 'directory.manage');
  const rows = await repo.listListings(deps.kysely, scope, {
    ...query,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const now = deps.now();
  const ownAgency = actor.kind === 'account' ? actor.agencyId : undefined;
  const listings = rows.map((row) => ({
    id: row.id,
    organization: row.organization,
    agency: row.agency,
    province: row.province,
    mine: row.agencyId !== null && row.agencyId === ownAgency,
    name: { en: row.nameEn, fr: row.nameFr },
    lastVerifiedAt: new Date(row.lastVerifiedAt).toISOString(),
    needsVerification: needsVerification(row.lastVerifiedAt, now),
    openReports: Number(row.openReports),
    toReview: row.reviewNote,
  }));
  return { total: Number(rows[0]?.total ?? 0), page: query.page, pageSize: query.pageSize, listings };
}

/**
 * A listing's own admins confirm several of their listings at once, in one transaction with an
 * audit row each; a listing of another agency (a network admin's too) is refused, naming it.
 */
export async function verifyListings(deps: Deps, actor: AccountActor, ids: string[]) {
  const unique = [...new Set(ids)];
  const found = await Promise.all(unique.map((id) => serviceInScope(deps, actor, id)));
  const notOwn = unique.filter(
    (_, index) => found[index]?.organization.agencyId !== actor.agencyId || !actor.roles.includes('agency_admin'),
  );
  if (notOwn.length > 0)
    throw new AppError('forbidden', `not allowed: only its own agency's admins confirm a listing in bulk (${notOwn.join(', ')})`);
  await unitOfWork(deps, async (tx) => {
    for (const id of unique) {
      await repo.updateService(tx.kysely, id, { lastVerifiedAt: tx.now() });
      await audit(tx, actor, actor.agencyId, 'directory.service.verify', 'service', id);
    }
  });
  return { verified: unique.length };
}

/** The organizations an admin keeps, with their locations, for the staff app's listing form. */
export async function myOrganizations(deps: Deps, actor: Actor) {
  const organizations = await repo.listOrganizations(deps.kysely, scopeFor(actor, 'directory.manage'));
  const ids = organizations.map((o) => o.id);
  const points = await repo.servicePointsOf(deps.kysely, ids);
  return organizations.map((o) => ({
    id: o.id,
    name: o.name,
    servicePoints: points.filter((p) => p.organizationId === o.id).map(({ organizationId: _, ...point }) => point),
  }));
}

export async function getService(deps: Deps, id: string) {
  const now = deps.now();
  const [row] = await repo.searchServices(deps.kysely, { id, words: [], limit: 1, offset: 0, now });
  if (!row) throw new AppError('not_found', `no service ${id}`);
  return presentService(row, now);
}

/** Anyone may say a listing is wrong; the per-address limit keeps the form from being flooded. */
export async function reportListing(deps: Deps, serviceId: string, message: string, address: string) {
  await countPublicForm(deps.attempts, deps.config.HARBOUR_PUBLIC_FORMS_PER_HOUR, address, 'too many reports from here; try again later');
  const service = await repo.findService(deps.kysely, serviceId);
  if (!service) throw new AppError('not_found', `no service ${serviceId}`);
  const organization = await repo.findOrganization(deps.kysely, service.organizationId);
  return unitOfWork(deps, async (tx) => {
    const report = await repo.insertReport(tx.kysely, serviceId, message);
    await recordAudit(
      tx,
      {
        agencyId: organization?.agencyId ?? null,
        action: 'directory.report',
        targetType: 'service',
        targetId: serviceId,
        outcome: 'ok',
        details: { report: report.id },
      },
      deps.now(),
    );
    return { id: report.id };
  });
}

export { exportDirectory } from './hsds/export.js';
export { describeProblem, importDirectory, importReport } from './hsds/import.js';
export { loadSampleDirectory } from './sample.js';
export { seedSynthetic } from './synthetic.js';
export { taxonomy as vocabularies } from './taxonomy.js';

/**
 * What the referral capability needs of a service: who keeps it (a member agency), its
 * categories, and where its location is (its province, whether it is confidential).
 */
export async function serviceForReferral(deps: Deps, id: string) {
  const row = await repo.serviceWithKeeper(deps.kysely, id);
  if (!row) throw new AppError('bad_request', `toServiceId: no service ${id} in the directory`);
  return row;
}

/** A confidential location's street address, opened with its agency's key: only for an accepted referral. */
export async function confidentialAddress(deps: Deps, servicePointId: string): Promise<string | null> {
  const point = await repo.sealedAddressOf(deps.kysely, servicePointId);
  if (!point?.addressSealed || !point.agencyId) return null;
  return openAddress(deps, point.agencyId, point.id, point.addressSealed);
}

/** A member suspended or gone: its listings leave the public directory (null: they come back). Nothing is deleted. */
export const withholdListings = (deps: Deps, agencyId: string, at: Date | null) => repo.withholdAgencyListings(deps.kysely, agencyId, at);
