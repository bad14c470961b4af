import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { recordAudit } from '../../../platform/audit.js';
import type { Deps } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { findProvince, taxonomy } from '../taxonomy.js';
import { dataPackage, resources, taxonomyIds } from './columns.js';
import { groupsOnce } from './group.js';
import { directoryRows } from './repo.js';

type Row = Record<string, string | number | boolean | null | undefined>;
type Hours = { timezone?: string; alwaysOpen?: boolean; weekly?: Record<string, [string, string][]> };

// Harbour's phone kinds as HSDS names them.
const hsdsPhoneType = { voice: 'voice', text: 'text', tty: 'textphone', fax: 'fax' } as const;

const days = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const iso = (date: Date | string | null) => (date ? new Date(date).toISOString() : '');

/** The directory as HSDS 3.0 tables. A confidential location's street address is never in them. */
async function directoryTables(deps: Deps): Promise<Map<string, Row[]>> {
  const { organizations, points, services } = await directoryRows(deps.kysely);
  const { categories, populations, languages } = taxonomy();
  const tables = new Map<string, Row[]>(resources.map((r) => [r.name, []]));
  const push = (table: string, row: Row) => tables.get(table)?.push(row);
  const pointsById = new Map(points.map((p) => [p.id, p]));

  for (const o of organizations) {
    push('organization', {
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
  for (const p of points) {
    push('location', {
      id: p.id,
      location_type: 'physical',
      organization_id: p.organizationId,
      name: p.name,
      latitude: p.latitude,
      longitude: p.longitude,
      harbour_confidential: p.isConfidential,
    });
    push('address', {
      id: `${p.id}:address`,
      location_id: p.id,
      address_1: p.isConfidential ? '' : p.address,
      city: p.city,
      state_province: p.province,
      country: 'CA',
      address_type: 'physical',
    });
  }
  push('taxonomy', {
    id: taxonomyIds.categories,
    name: 'Harbour service categories',
    description: 'data/taxonomy/service-categories.json',
  });
  push('taxonomy', { id: taxonomyIds.populations, name: 'Harbour populations', description: 'data/taxonomy/populations.json' });
  for (const [taxonomyId, terms] of [
    [taxonomyIds.categories, categories],
    [taxonomyIds.populations, populations],
  ] as const) {
    for (const term of terms) {
      push('taxonomy_term', {
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
  push('unit', { id: 'harbour-beds', name: 'beds' });
  for (const s of services) {
    const hours = (typeof s.hours === 'string' ? JSON.parse(s.hours) : s.hours) as Hours | null;
    const point = s.servicePointId ? pointsById.get(s.servicePointId) : undefined;
    push('service', {
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
      harbour_timezone: hours?.timezone ?? (point ? findProvince(point.province)?.timezone : '') ?? '',
      harbour_always_open: hours?.alwaysOpen ?? false,
      harbour_last_verified_at: iso(s.lastVerifiedAt),
    });
    s.phones.forEach((phone, i) => {
      push('phone', {
        id: `${s.id}:phone:${i + 1}`,
        service_id: s.id,
        number: phone.number,
        extension: phone.extension ?? '',
        type: hsdsPhoneType[phone.kind],
        description: phone.description ?? '',
      });
    });
    if (s.servicePointId)
      push('service_at_location', { id: `${s.id}:at:${s.servicePointId}`, service_id: s.id, location_id: s.servicePointId });
    // One schedule row per opening slot, with every weekday that shares it.
    const slots = new Map<string, string[]>();
    for (const [day, ranges] of Object.entries(hours?.weekly ?? {})) {
      for (const [opens, closes] of ranges)
        slots.set(`${opens}-${closes}`, [...(slots.get(`${opens}-${closes}`) ?? []), days[Number(day) - 1] ?? '']);
    }
    [...slots].forEach(([slot, byday], i) => {
      const [opens, closes] = slot.split('-');
      push('schedule', {
        id: `${s.id}:hours:${i + 1}`,
        service_id: s.id,
        freq: 'WEEKLY',
        byday: byday.join(','),
        opens_at: opens,
        closes_at: closes,
      });
    });
    for (const code of s.languages) {
      push('language', { id: `${s.id}:language:${code}`, service_id: s.id, name: languages.find((l) => l.id === code)?.en ?? code, code });
    }
    for (const code of s.areaProvinces) {
      push('service_area', { id: `${s.id}:area:${code}`, service_id: s.id, name: findProvince(code)?.en ?? code });
    }
    for (const [taxonomyId, ids, linkType] of [
      [taxonomyIds.categories, s.categories, 'service_category'],
      [taxonomyIds.populations, s.populations, 'population'],
    ] as const) {
      for (const id of ids) {
        push('attribute', {
          id: `${s.id}:${id}`,
          link_id: s.id,
          link_type: linkType,
          link_entity: 'service',
          taxonomy_term_id: `${taxonomyId}:${id}`,
        });
      }
    }
    if (s.capacityBeds !== null) {
      push('service_capacity', {
        id: `${s.id}:beds`,
        service_id: s.id,
        unit_id: 'harbour-beds',
        available: s.capacityBeds,
        updated: iso(s.capacityUpdatedAt),
      });
    }
  }
  return tables;
}

export interface ExportResult {
  organizations: number;
  servicePoints: number;
  services: number;
  files: string[];
}

/** Writes a tabular data package into a folder, or HSDS JSON services when the path ends in .json. */
export async function exportDirectory(deps: Deps, target: string): Promise<ExportResult> {
  const tables = await directoryTables(deps);
  const count = (table: string) => tables.get(table)?.length ?? 0;
  let files: string[];
  if (target.endsWith('.json')) {
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    fs.writeFileSync(target, `${JSON.stringify(nestServices(tables), null, 2)}\n`);
    files = [target];
  } else {
    if (fs.existsSync(target) && fs.readdirSync(target).length > 0)
      throw new AppError('conflict', `${target}: the folder is not empty; export into a new one`);
    fs.mkdirSync(target, { recursive: true });
    files = [];
    for (const resource of resources) {
      const file = path.join(target, resource.path);
      const columns = resource.fields.map(([name]) => name);
      fs.writeFileSync(file, stringify(tables.get(resource.name) ?? [], { header: true, columns, cast: { boolean: (v) => String(v) } }));
      files.push(file);
    }
    const descriptor = path.join(target, 'datapackage.json');
    fs.writeFileSync(descriptor, `${JSON.stringify(dataPackage(deps.now()), null, 2)}\n`);
    files.push(descriptor);
  }
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
