import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { recordAudit } from '../../../platform/audit.js';
import type { Deps } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { findProvince, taxonomy } from '../taxonomy.js';
import { dataPackage, resources, taxonomyIds } from './columns.js';
import { groupsOnce } from './group.js';
import { inSnapshot, organizationPages, pointPages, servicePages } from './repo.js';

type Row = Record<string, string | number | boolean | null | undefined>;
type Hours = { timezone?: string; alwaysOpen?: boolean; weekly?: Record<string, [string, string][]> };

// Harbour's phone kinds as HSDS names them.
const hsdsPhoneType = { voice: 'voice', text: 'text', tty: 'textphone', fax: 'fax' } as const;

const days = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const iso = (date: Date | string | null) => (date ? new Date(date).toISOString() : '');

type PageOf<T> = T extends AsyncGenerator<Array<infer R>> ? R : never;
type Organization = PageOf<ReturnType<typeof organizationPages>>;
type Point = PageOf<ReturnType<typeof pointPages>>;
type Service = PageOf<ReturnType<typeof servicePages>>;
type Emit = (table: string, row: Row) => void;

function emitOrganization(o: Organization, emit: Emit): void {
  emit('organization', {
    id: o.id,
    name: o.name,
    description: o.descriptionEn,
    website: o.website,
    harbour_description_fr: o.descriptionFr,
    harbour_agency: o.agencySlug,
    harbour_is_member: o.isMember,
    harbour_is_sample: o.isSample,
    harbour_source: o.source,
  });
}

/** A location and its address; a confidential location's street address is never exported. */
function emitPoint(p: Point, emit: Emit): void {
  emit('location', {
    id: p.id,
    location_type: 'physical',
    organization_id: p.organizationId,
    name: p.name,
    latitude: p.latitude,
    longitude: p.longitude,
    harbour_confidential: p.isConfidential,
  });
  emit('address', {
    id: `${p.id}:address`,
    location_id: p.id,
    address_1: p.isConfidential ? '' : p.address,
    city: p.city,
    state_province: p.province,
    country: 'CA',
    address_type: 'physical',
  });
}

/** Harbour's own vocabularies, which the services' attributes point to. */
function emitVocabularies(emit: Emit): void {
  const { categories, populations } = taxonomy();
  emit('taxonomy', {
    id: taxonomyIds.categories,
    name: 'Harbour service categories',
    description: 'data/taxonomy/service-categories.json',
  });
  emit('taxonomy', { id: taxonomyIds.populations, name: 'Harbour populations', description: 'data/taxonomy/populations.json' });
  for (const [taxonomyId, terms] of [
    [taxonomyIds.categories, categories],
    [taxonomyIds.populations, populations],
  ] as const) {
    for (const term of terms) {
      emit('taxonomy_term', {
        id: `${taxonomyId}:${term.id}`,
        code: term.id,
        name: term.en,
        description: `${term.en} / ${term.fr}`,
        parent_id: term.parent ? `${taxonomyId}:${term.parent}` : '',
        taxonomy_id: taxonomyId,
        language: 'en',
      });
    }
  }
  emit('unit', { id: 'harbour-beds', name: 'beds' });
}

function emitService(s: Service, emit: Emit): void {
  const { languages } = taxonomy();
  const hours = (typeof s.hours === 'string' ? JSON.parse(s.hours) : s.hours) as Hours | null;
  emit('service', {
    id: s.id,
    organization_id: s.organizationId,
    name: s.nameEn,
    description: s.descriptionEn,
    status: 'active',
    url: s.website ?? '',
    email: s.email ?? '',
    application_process: s.intake,
    fees_description: s.fees,
    eligibility_description: s.eligibility,
    assured_date: iso(s.lastVerifiedAt).slice(0, 10),
    harbour_name_fr: s.nameFr,
    harbour_description_fr: s.descriptionFr,
    harbour_accessibility: s.accessibility,
    harbour_serves_without_status: s.servesWithoutStatus,
    harbour_trafficking_trained: s.traffickingTrained,
    harbour_serves_remote_communities: s.servesRemoteCommunities,
    harbour_timezone: hours?.timezone ?? (s.province ? findProvince(s.province)?.timezone : '') ?? '',
    harbour_always_open: hours?.alwaysOpen ?? false,
    harbour_last_verified_at: iso(s.lastVerifiedAt),
  });
  s.phones.forEach((phone, i) => {
    emit('phone', {
      id: `${s.id}:phone:${i + 1}`,
      service_id: s.id,
      number: phone.number,
      extension: phone.extension ?? '',
      type: hsdsPhoneType[phone.kind],
      description: phone.description ?? '',
    });
  });
  if (s.servicePointId)
    emit('service_at_location', { id: `${s.id}:at:${s.servicePointId}`, service_id: s.id, location_id: s.servicePointId });
  // One schedule row per opening slot, with every weekday that shares it.
  const slots = new Map<string, string[]>();
  for (const [day, ranges] of Object.entries(hours?.weekly ?? {})) {
    for (const [opens, closes] of ranges)
      slots.set(`${opens}-${closes}`, [...(slots.get(`${opens}-${closes}`) ?? []), days[Number(day) - 1] ?? '']);
  }
  [...slots].forEach(([slot, byday], i) => {
    const [opens, closes] = slot.split('-');
    emit('schedule', {
      id: `${s.id}:hours:${i + 1}`,
      service_id: s.id,
      freq: 'WEEKLY',
      byday: byday.join(','),
      opens_at: opens,
      closes_at: closes,
    });
  });
  for (const code of s.languages) {
    emit('language', { id: `${s.id}:language:${code}`, service_id: s.id, name: languages.find((l) => l.id === code)?.en ?? code, code });
  }
  for (const code of s.areaProvinces) {
    emit('service_area', { id: `${s.id}:area:${code}`, service_id: s.id, name: findProvince(code)?.en ?? code });
  }
  for (const [taxonomyId, ids, linkType] of [
    [taxonomyIds.categories, s.categories, 'service_category'],
    [taxonomyIds.populations, s.populations, 'population'],
  ] as const) {
    for (const id of ids) {
      emit('attribute', {
        id: `${s.id}:${id}`,
        link_id: s.id,
        link_type: linkType,
        link_entity: 'service',
        taxonomy_term_id: `${taxonomyId}:${id}`,
      });
    }
  }
  if (s.capacityBeds !== null) {
    emit('service_capacity', {
      id: `${s.id}:beds`,
      service_id: s.id,
      unit_id: 'harbour-beds',
      available: s.capacityBeds,
      updated: iso(s.capacityUpdatedAt),
    });
  }
}

/**
 * The directory as HSDS 3.0 tables, from one snapshot, a page of rows at a time: `emit` gets
 * every row, and `afterPage` may wait (for a file to drain) before the next page is read.
 * Returns how many rows each table got.
 */
async function emitDirectory(deps: Deps, emit: Emit, afterPage = async () => {}): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const counted: Emit = (table, row) => {
    counts.set(table, (counts.get(table) ?? 0) + 1);
    emit(table, row);
  };
  await inSnapshot(deps.kysely, async (trx) => {
    for await (const page of organizationPages(trx)) {
      for (const organization of page) emitOrganization(organization, counted);
      await afterPage();
    }
    for await (const page of pointPages(trx)) {
      for (const point of page) emitPoint(point, counted);
      await afterPage();
    }
    emitVocabularies(counted);
    for await (const page of servicePages(trx)) {
      for (const service of page) emitService(service, counted);
      await afterPage();
    }
  });
  return counts;
}

export interface ExportResult {
  organizations: number;
  servicePoints: number;
  services: number;
  files: string[];
}

/** Each table to its CSV file as its rows come, so memory holds one page whatever the directory's size. */
async function writeTabular(deps: Deps, target: string): Promise<{ files: string[]; counts: Map<string, number> }> {
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0)
    throw new AppError('conflict', `${target}: the folder is not empty; export into a new one`);
  fs.mkdirSync(target, { recursive: true });
  const files = new Map(
    resources.map((resource) => {
      const file = path.join(target, resource.path);
      const columns = resource.fields.map(([name]) => name);
      const csv = stringify({ header: true, columns, cast: { boolean: (v) => String(v) } });
      const done = pipeline(csv, fs.createWriteStream(file));
      // Awaited once every row is written; a failure before then must not go unhandled.
      done.catch(() => {});
      return [resource.name, { file, csv, done }] as const;
    }),
  );
  const counts = await emitDirectory(
    deps,
    (table, row) => files.get(table)?.csv.write(row),
    async () => {
      await Promise.all([...files.values()].filter(({ csv }) => csv.writableNeedDrain).map(({ csv }) => once(csv, 'drain')));
    },
  );
  for (const { csv } of files.values()) csv.end();
  await Promise.all([...files.values()].map(({ done }) => done));
  const descriptor = path.join(target, 'datapackage.json');
  fs.writeFileSync(descriptor, `${JSON.stringify(dataPackage(deps.now()), null, 2)}\n`);
  return { files: [...[...files.values()].map(({ file }) => file), descriptor], counts };
}

/**
 * Writes a tabular data package into a folder, or HSDS JSON services when the path ends in .json.
 * The package is streamed; the JSON form nests every service with its organization and locations,
 * so it is built in memory — the package is the form for a large directory.
 */
export async function exportDirectory(deps: Deps, target: string): Promise<ExportResult> {
  let written: { files: string[]; counts: Map<string, number> };
  if (target.endsWith('.json')) {
    const tables = new Map<string, Row[]>(resources.map((r) => [r.name, []]));
    const counts = await emitDirectory(deps, (table, row) => tables.get(table)?.push(row));
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    fs.writeFileSync(target, `${JSON.stringify(nestServices(tables), null, 2)}\n`);
    written = { files: [target], counts };
  } else {
    written = await writeTabular(deps, target);
  }
  const { files, counts } = written;
  const count = (table: string) => counts.get(table) ?? 0;
  await recordAudit(deps, { action: 'directory.export', outcome: 'ok', details: { via: 'cli', services: count('service') } }, deps.now());
  return { organizations: count('organization'), servicePoints: count('location'), services: count('service'), files };
}

/** HSDS JSON: each service with its organization, locations, schedules and terms nested. */
function nestServices(tables: Map<string, Row[]>) {
  const rows = (table: string) => tables.get(table) ?? [];
  const byId = (table: string) => new Map(rows(table).map((row) => [row.id, row]));
  const organizations = byId('organization');
  const locations = byId('location');
  const terms = byId('taxonomy_term');
  const units = byId('unit');
  const grouped = groupsOnce(rows, (row, column) => row[column]);
  const of = (table: string, column: string, id: Row[string]) => grouped(table, column).get(id) ?? [];
  const strip = (row: Row, ...columns: string[]) => Object.fromEntries(Object.entries(row).filter(([key]) => !columns.includes(key)));
  return rows('service').map((service) => ({
    ...strip(service, 'organization_id'),
    organization: strip(organizations.get(service.organization_id) ?? {}),
    service_at_locations: of('service_at_location', 'service_id', service.id).map((sal) => {
      const location = locations.get(sal.location_id) ?? {};
      return {
        id: sal.id,
        location: {
          ...strip(location, 'organization_id'),
          addresses: of('address', 'location_id', location.id).map((a) => strip(a, 'location_id')),
        },
      };
    }),
    schedules: of('schedule', 'service_id', service.id).map((row) => strip(row, 'service_id')),
    languages: of('language', 'service_id', service.id).map((row) => strip(row, 'service_id')),
    service_areas: of('service_area', 'service_id', service.id).map((row) => strip(row, 'service_id')),
    attributes: of('attribute', 'link_id', service.id).map((row) => ({
      ...strip(row, 'link_id'),
      taxonomy_term: terms.get(row.taxonomy_term_id),
    })),
    capacities: of('service_capacity', 'service_id', service.id).map((row) => ({
      ...strip(row, 'service_id', 'unit_id'),
      unit: units.get(row.unit_id),
    })),
  }));
}
