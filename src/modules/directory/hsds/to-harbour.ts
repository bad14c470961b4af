import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { placeServicePoint } from '../geo.js';
import { newOrganization, newService, newServicePoint } from '../schema.js';
import { findProvince, fold, type Term, taxonomy } from '../taxonomy.js';
import { groupsOnce } from './group.js';
import type { Problem, SourceRow, Tables } from './package.js';

export interface PlannedOrganization {
  id: string;
  agencyId: string | null;
  name: string;
  descriptionEn: string;
  descriptionFr: string;
  website: string | null;
  isMember: boolean;
  isSample: boolean;
  source: string | null;
}

export interface PlannedPoint {
  id: string;
  organizationId: string;
  name: string;
  city: string;
  province: string;
  isConfidential: boolean;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface PlannedService {
  id: string;
  organizationId: string;
  servicePointId: string | null;
  nameEn: string;
  nameFr: string;
  descriptionEn: string;
  descriptionFr: string;
  categories: string[];
  populations: string[];
  languages: string[];
  areaProvinces: string[];
  servesRemoteCommunities: boolean;
  servesWithoutStatus: boolean;
  traffickingTrained: boolean;
  accessibility: string;
  fees: string;
  eligibility: string;
  intake: string;
  hours: Hours | null;
  capacityBeds: number | null;
  capacityUpdatedAt: Date | null;
  lastVerifiedAt: Date;
}

interface Hours {
  timezone: string;
  alwaysOpen?: boolean;
  weekly?: Record<string, [string, string][]>;
}

export interface Plan {
  organizations: PlannedOrganization[];
  points: PlannedPoint[];
  services: PlannedService[];
  problems: Problem[];
  /** What HSDS carried that Harbour does not keep, counted: "contacts.csv: 3 rows not kept (...)". */
  notes: string[];
}

export interface MappingContext {
  /** Agency ids by slug, for organizations that name the agency keeping them. */
  agencies: Map<string, string>;
  /** Every organization goes to this agency when given (harbour directory import --agency). */
  agencyId?: string;
  now: Date;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An HSDS id as a Harbour id: a UUID stays itself; any other string always gives the same UUID. */
export function harbourId(hsdsId: string): string {
  if (uuidPattern.test(hsdsId)) return hsdsId.toLowerCase();
  const hex = createHash('sha1').update(`harbour-hsds:${hsdsId}`).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

const text = (row: SourceRow | undefined, column: string) => (row?.values[column] ?? '').trim();

/** Tables Harbour has no place for: said once each in the report, never silently dropped. */
const notKept: Record<string, string> = {
  contact: 'named contacts are personal data Harbour does not keep in the directory',
  program: 'Harbour does not group services into programs',
  funding: 'Harbour does not keep funding sources',
  cost_option: 'Harbour keeps fees as text (fees_description)',
  required_document: 'Harbour keeps eligibility as text',
  organization_identifier: 'Harbour does not keep registration numbers',
  metadata: 'Harbour keeps its own change history in the audit log',
  meta_table_description: 'not needed',
  url: 'Harbour keeps one website per organization',
  holiday_schedule: 'Harbour keeps weekly hours only',
  payment_accepted: 'Harbour keeps fees as text',
};

class Mapper {
  readonly problems: Problem[] = [];
  readonly notes = new Map<string, number>();
  private readonly byId = new Map<string, Map<string, SourceRow>>();

  constructor(
    private readonly tables: Tables,
    readonly context: MappingContext,
  ) {}

  rows(table: string): SourceRow[] {
    return this.tables.get(table) ?? [];
  }

  /** Rows of a table by id; a repeated id is an error, and the first row stands. */
  index(table: string): Map<string, SourceRow> {
    let found = this.byId.get(table);
    if (found) return found;
    found = new Map();
    for (const row of this.rows(table)) {
      const id = text(row, 'id');
      if (!id) {
        if (['organization', 'service', 'location'].includes(table)) this.problem(row, 'id', 'required');
        continue;
      }
      const first = found.get(id);
      if (first) this.problem(row, 'id', `"${id}" is already used at ${first.where}`);
      else found.set(id, row);
    }
    this.byId.set(table, found);
    return found;
  }

  private readonly groups = groupsOnce((table) => this.rows(table), text);

  /** The rows of a table whose column holds one of the ids. */
  children(table: string, column: string, ids: string[]): SourceRow[] {
    const found = this.groups(table, column);
    return ids.flatMap((id) => (id ? (found.get(id) ?? []) : []));
  }

  problem(row: SourceRow, field: string | undefined, message: string) {
    this.problems.push({ where: row.where, ...(field ? { field } : {}), message });
  }

  note(message: string) {
    this.notes.set(message, (this.notes.get(message) ?? 0) + 1);
  }

  bool(row: SourceRow, column: string): boolean {
    const value = text(row, column).toLowerCase();
    if (value === '') return false;
    if (['true', 'yes', 'y', '1', 'oui'].includes(value)) return true;
    if (['false', 'no', 'n', '0', 'non'].includes(value)) return false;
    this.problem(row, column, `"${text(row, column)}" is not true or false`);
    return false;
  }

  number(row: SourceRow, column: string): number | null {
    const value = text(row, column);
    if (value === '') return null;
    const parsed = Number(value);
    if (Number.isFinite(parsed)) return parsed;
    this.problem(row, column, `"${value}" is not a number`);
    return null;
  }

  date(row: SourceRow, column: string): Date | null {
    const value = text(row, column);
    if (value === '') return null;
    const parsed = new Date(value);
    if (!Number.isNaN(parsed.getTime())) return parsed;
    this.problem(row, column, `"${value}" is not a date`);
    return null;
  }

  /** Runs one of the API's own schemas, naming the HSDS column a failing field came from. */
  check<T extends z.ZodType>(
    schema: T,
    row: SourceRow,
    candidate: unknown,
    columns: Record<string, string>,
    messages: Record<string, string> = {},
  ): z.output<T> | undefined {
    const parsed = schema.safeParse(candidate);
    if (parsed.success) return parsed.data;
    const said = new Set<string>();
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      const problem = { field: columns[field] ?? field, message: messages[field] ?? issue.message };
      if (said.has(`${problem.field}: ${problem.message}`)) continue;
      said.add(`${problem.field}: ${problem.message}`);
      this.problem(row, problem.field, problem.message);
    }
    return undefined;
  }
}

export function toHarbour(tables: Tables, context: MappingContext): Plan {
  const m = new Mapper(tables, context);
  for (const [table, reason] of Object.entries(notKept)) {
    const count = m.rows(table).length;
    if (count > 0) m.notes.set(`${table}: ${count} row(s) not kept — ${reason}`, 1);
  }
  const organizations = mapOrganizations(m, context);
  const points = mapLocations(m, organizations);
  const services = mapServices(m, organizations, points);
  return {
    organizations: [...organizations.values()].filter((o): o is PlannedOrganization => o !== null),
    points: [...points.values()].filter((p): p is PlannedPoint => p !== null),
    services,
    problems: m.problems,
    notes: [...m.notes].map(([message, count]) => (count > 1 ? `${message} (${count} times)` : message)),
  };
}

/** Organizations by HSDS id; null marks one that has errors, so what depends on it is refused too. */
function mapOrganizations(m: Mapper, context: MappingContext): Map<string, PlannedOrganization | null> {
  const mapped = new Map<string, PlannedOrganization | null>();
  for (const [hsdsId, row] of m.index('organization')) {
    const before = m.problems.length;
    let agencyId: string | null = context.agencyId ?? null;
    const slug = text(row, 'harbour_agency');
    if (!context.agencyId && slug) {
      agencyId = context.agencies.get(slug) ?? null;
      if (!agencyId) m.problem(row, 'harbour_agency', `no agency "${slug}" in this Harbour; add it or import with --agency`);
    }
    const candidate = {
      agencyId,
      name: text(row, 'name'),
      descriptionEn: text(row, 'description'),
      descriptionFr: text(row, 'harbour_description_fr'),
      website: text(row, 'website') || text(row, 'url') || null,
      isMember: m.bool(row, 'harbour_is_member'),
      isSample: m.bool(row, 'harbour_is_sample'),
      source: text(row, 'harbour_source') || null,
    };
    const valid = m.check(newOrganization, row, candidate, {
      name: 'name',
      descriptionEn: 'description',
      website: 'website',
      source: 'harbour_source',
    });
    mapped.set(hsdsId, valid && m.problems.length === before ? { ...candidate, id: harbourId(hsdsId) } : null);
  }
  return mapped;
}

/** Service points by HSDS location id; virtual locations are not places and are left out. */
function mapLocations(m: Mapper, organizations: Map<string, PlannedOrganization | null>): Map<string, PlannedPoint | null> {
  const mapped = new Map<string, PlannedPoint | null>();
  const servicesById = m.index('service');
  for (const [hsdsId, row] of m.index('location')) {
    if (text(row, 'location_type') === 'virtual') {
      m.note('locations: virtual locations are not kept as places (their services are listed without an address)');
      continue;
    }
    const before = m.problems.length;
    const addresses = m.children('address', 'location_id', [hsdsId]);
    const address = addresses.find((a) => text(a, 'address_type') === 'physical') ?? addresses[0];
    // The organization keeping the location, or else the one whose service is there.
    const sal = m.children('service_at_location', 'location_id', [hsdsId])[0];
    const organizationHsdsId = text(row, 'organization_id') || text(servicesById.get(text(sal, 'service_id')), 'organization_id');
    const organization = organizations.get(organizationHsdsId);
    if (organizationHsdsId && organization === undefined)
      m.problem(row, 'organization_id', `no organization "${organizationHsdsId}" in the package`);
    else if (!organizationHsdsId)
      m.problem(row, 'organization_id', 'required: no organization keeps this location and no service is there');
    else if (organization === null) m.problem(row, 'organization_id', `organization "${organizationHsdsId}" has errors`);
    if (!address) {
      m.problem(row, 'addresses', 'no address: Harbour needs at least the city and province of a location');
      mapped.set(hsdsId, null);
      continue;
    }
    const country = fold(text(address, 'country'));
    if (country && !['ca', 'can', 'canada'].includes(country)) {
      m.problem(address, 'country', `"${text(address, 'country')}": the directory lists places in Canada`);
    }
    const province = findProvince(text(address, 'state_province'));
    if (!province) m.problem(address, 'state_province', `"${text(address, 'state_province')}" is not a Canadian province or territory`);
    const latitude = m.number(row, 'latitude');
    const longitude = m.number(row, 'longitude');
    const isConfidential = m.bool(row, 'harbour_confidential');
    const street = [text(address, 'address_1'), text(address, 'address_2')].filter(Boolean).join(', ');
    const candidate = {
      organizationId: organization?.id ?? '00000000-0000-4000-8000-000000000000',
      name: text(row, 'name') || text(address, 'city'),
      city: text(address, 'city'),
      province: province?.code ?? '',
      isConfidential,
      address: [street, text(address, 'postal_code')].filter(Boolean).join(', ') || null,
      latitude,
      longitude,
    };
    const valid = m.check(newServicePoint, row, candidate, {
      name: 'name',
      city: 'city',
      latitude: 'latitude',
      longitude: 'longitude',
      province: 'state_province',
    });
    // The street address is sealed with the keeping agency's key; without one there is nothing to seal it with.
    if (isConfidential && candidate.address && organization && !organization.agencyId) {
      m.problem(
        row,
        'harbour_confidential',
        "a confidential address is sealed with its agency's key: name the agency (harbour_agency, or --agency)",
      );
    }
    if ((latitude === null) !== (longitude === null))
      m.problem(row, latitude === null ? 'latitude' : 'longitude', 'give both coordinates or neither');
    const placed = { ...candidate, ...placeServicePoint(candidate), id: harbourId(hsdsId) };
    mapped.set(hsdsId, valid && organization && m.problems.length === before ? placed : null);
  }
  return mapped;
}

const labelIndexes = new Map<Term[], Map<string, string>>();

/** The id of the term a taxonomy term or language row names, by its code or by a label in either language. */
function matchTerm(terms: Term[], row: SourceRow | undefined): string | undefined {
  let labels = labelIndexes.get(terms);
  if (!labels) {
    labels = new Map(terms.flatMap((t) => [t.en, t.fr, t.id].map((label) => [fold(label), t.id] as const)).reverse());
    labelIndexes.set(terms, labels);
  }
  const code = fold(text(row, 'code'));
  const byCode = code ? terms.find((t) => t.id === code)?.id : undefined;
  return byCode ?? labels.get(fold(text(row, 'name')));
}

function mapServices(
  m: Mapper,
  organizations: Map<string, PlannedOrganization | null>,
  points: Map<string, PlannedPoint | null>,
): PlannedService[] {
  const { categories, populations, languages } = taxonomy();
  const terms = m.index('taxonomy_term');
  const units = m.index('unit');
  const locations = m.index('location');
  const planned: PlannedService[] = [];
  for (const [hsdsId, row] of m.index('service')) {
    const status = text(row, 'status').toLowerCase();
    if (status && status !== 'active') {
      m.note(`services: services with status "${status}" are not imported`);
      continue;
    }
    const before = m.problems.length;
    const organizationHsdsId = text(row, 'organization_id');
    const organization = organizations.get(organizationHsdsId);
    if (!organizationHsdsId) m.problem(row, 'organization_id', 'required');
    else if (organization === undefined) m.problem(row, 'organization_id', `no organization "${organizationHsdsId}" in the package`);
    else if (organization === null) m.problem(row, 'organization_id', `organization "${organizationHsdsId}" has errors`);

    const sals = m.children('service_at_location', 'service_id', [hsdsId]);
    const salIds = sals.map((sal) => text(sal, 'id'));
    const locationIds = sals.map((sal) => text(sal, 'location_id'));
    for (const sal of sals) {
      const locationId = text(sal, 'location_id');
      if (!locations.has(locationId)) m.problem(sal, 'location_id', `no location "${locationId}" in the package`);
      else if (points.get(locationId) === null) m.problem(sal, 'location_id', `location "${locationId}" has errors`);
    }
    const placed = sals.filter((sal) => points.get(text(sal, 'location_id')));

    // Terms linked to the service: categories and populations are Harbour's own vocabularies.
    const linked: SourceRow[] = [];
    for (const attribute of m.children('attribute', 'link_id', [hsdsId])) {
      if (!['', 'service'].includes(text(attribute, 'link_entity'))) continue;
      const term = terms.get(text(attribute, 'taxonomy_term_id'));
      if (term) linked.push(term);
      else m.problem(attribute, 'taxonomy_term_id', `no taxonomy term "${text(attribute, 'taxonomy_term_id')}"`);
    }
    const serviceCategories = new Set<string>();
    const servicePopulations = new Set<string>();
    for (const term of linked) {
      const category = text(term, 'taxonomy_id') === 'harbour-populations' ? undefined : matchTerm(categories, term);
      const population = category ? undefined : matchTerm(populations, term);
      if (category) serviceCategories.add(category);
      else if (population) servicePopulations.add(population);
      else m.note(`taxonomy terms: "${text(term, 'name')}" matches no Harbour category or population and is not kept`);
    }
    const serviceLanguages = new Set<string>();
    for (const language of [...m.children('language', 'service_id', [hsdsId]), ...m.children('language', 'location_id', locationIds)]) {
      const id = matchTerm(languages, language);
      if (id) serviceLanguages.add(id);
      else m.note(`languages: "${text(language, 'name') || text(language, 'code')}" is not in Harbour's language list and is not kept`);
    }
    const areaProvinces = new Set<string>();
    for (const area of m.children('service_area', 'service_id', [hsdsId])) {
      const name = text(area, 'name');
      if (fold(name) === 'canada') for (const p of taxonomy().provinces) areaProvinces.add(p.code);
      else {
        const province = findProvince(name);
        if (province) areaProvinces.add(province.code);
        else m.note('service areas: only provinces, territories or "Canada" are kept');
      }
    }

    const firstPoint = placed[0] ? points.get(text(placed[0], 'location_id')) : undefined;
    const timezone = text(row, 'harbour_timezone') || (firstPoint && findProvince(firstPoint.province)?.timezone) || 'America/Toronto';
    const hours = hoursOf(m, row, timezone, [
      ...m.children('schedule', 'service_id', [hsdsId]),
      ...m.children('schedule', 'service_at_location_id', salIds),
      ...m.children('schedule', 'location_id', locationIds),
    ]);
    const beds = m
      .children('service_capacity', 'service_id', [hsdsId])
      .find((capacity) => /^(beds?|lits?)$/.test(fold(text(units.get(text(capacity, 'unit_id')), 'name'))));
    const accessibility =
      text(row, 'harbour_accessibility') ||
      m
        .children('accessibility', 'location_id', locationIds)
        .map((a) => [text(a, 'description'), text(a, 'details')].filter(Boolean).join(' '))
        .join('\n');
    const phones = [
      ...m.children('phone', 'service_id', [hsdsId]),
      ...m.children('phone', 'service_at_location_id', salIds),
      ...m.children('phone', 'location_id', locationIds),
    ].map((phone) => [text(phone, 'number'), text(phone, 'extension') && `ext. ${text(phone, 'extension')}`].filter(Boolean).join(' '));
    const application = text(row, 'application_process');
    const newPhones = [...new Set(phones)].filter((phone) => phone && !application.includes(phone));
    const eligibility = [
      text(row, 'eligibility_description'),
      ...m.children('eligibility', 'service_id', [hsdsId]).map((e) => text(e, 'eligibility')),
    ];

    const name = text(row, 'name');
    const candidate = {
      organizationId: organization?.id ?? '00000000-0000-4000-8000-000000000000',
      nameEn: name,
      nameFr: text(row, 'harbour_name_fr') || name,
      descriptionEn: text(row, 'description'),
      descriptionFr: text(row, 'harbour_description_fr'),
      categories: [...serviceCategories],
      populations: [...servicePopulations],
      languages: [...serviceLanguages],
      areaProvinces: [...areaProvinces],
      servesRemoteCommunities: m.bool(row, 'harbour_serves_remote_communities'),
      servesWithoutStatus: m.bool(row, 'harbour_serves_without_status'),
      traffickingTrained: m.bool(row, 'harbour_trafficking_trained'),
      accessibility,
      fees: text(row, 'fees_description') || text(row, 'fees'),
      eligibility: eligibility.filter(Boolean).join('\n'),
      intake: [application, ...newPhones.map((phone) => `Phone: ${phone}`)].filter(Boolean).join('\n'),
      hours,
      capacityBeds: beds ? m.number(beds, 'available') : null,
    };
    const valid = m.check(
      newService,
      row,
      candidate,
      {
        nameEn: 'name',
        nameFr: text(row, 'harbour_name_fr') ? 'harbour_name_fr' : 'name',
        descriptionEn: 'description',
        descriptionFr: 'harbour_description_fr',
        categories: 'attributes',
        accessibility: 'harbour_accessibility',
        fees: 'fees_description',
        eligibility: 'eligibility_description',
        intake: 'application_process',
        capacityBeds: 'service_capacity.available',
      },
      {
        categories: 'no category Harbour knows: link a taxonomy term whose code or name is one of data/taxonomy/service-categories.json',
      },
    );
    const lastVerifiedAt = m.date(row, 'harbour_last_verified_at') ?? m.date(row, 'assured_date') ?? m.context.now;
    const capacityUpdatedAt = beds ? (m.date(beds, 'updated') ?? m.context.now) : null;
    if (!valid || !organization || m.problems.length !== before) continue;
    // Harbour lists a service at one place: a service at several becomes one listing per place.
    const places = placed.length > 0 ? placed : [undefined];
    places.forEach((sal, i) => {
      const point = sal ? (points.get(text(sal, 'location_id')) ?? null) : null;
      planned.push({
        ...candidate,
        id: i === 0 ? harbourId(hsdsId) : harbourId(text(sal, 'id') || `${hsdsId}@${text(sal, 'location_id')}`),
        organizationId: organization.id,
        servicePointId: point?.id ?? null,
        capacityBeds: candidate.capacityBeds ?? null,
        capacityUpdatedAt: candidate.capacityBeds === null ? null : capacityUpdatedAt,
        lastVerifiedAt,
      });
    });
  }
  return planned;
}

const dayNumbers: Record<string, string> = { MO: '1', TU: '2', WE: '3', TH: '4', FR: '5', SA: '6', SU: '7' };

/** Weekly opening hours from HSDS schedules; rules Harbour cannot keep (monthly, dated) are said. */
function hoursOf(m: Mapper, service: SourceRow, timezone: string, schedules: SourceRow[]): Hours | null {
  if (m.bool(service, 'harbour_always_open')) return { timezone, alwaysOpen: true };
  const weekly: Record<string, [string, string][]> = {};
  for (const schedule of schedules) {
    const freq = text(schedule, 'freq').toUpperCase();
    if (freq && freq !== 'WEEKLY') {
      m.note('schedules: only weekly hours are kept');
      continue;
    }
    const opens = clock(text(schedule, 'opens_at'));
    const closes = clock(text(schedule, 'closes_at'));
    const days = text(schedule, 'byday')
      .split(',')
      .map((day) => day.trim().toUpperCase())
      .filter(Boolean);
    if (!opens || !closes || days.length === 0) {
      if (text(schedule, 'opens_at') || text(schedule, 'closes_at') || days.length > 0)
        m.problem(
          schedule,
          !opens ? 'opens_at' : !closes ? 'closes_at' : 'byday',
          'a weekly schedule needs byday, opens_at and closes_at (HH:MM)',
        );
      continue;
    }
    if (closes <= opens) {
      m.problem(schedule, 'closes_at', `closes at ${closes}, not after it opens at ${opens}`);
      continue;
    }
    for (const day of days) {
      const number = dayNumbers[day];
      if (!number) m.problem(schedule, 'byday', `"${day}" is not a weekday (MO, TU, WE, TH, FR, SA, SU)`);
      else weekly[number] = [...(weekly[number] ?? []), [opens, closes]];
    }
  }
  if (Object.keys(weekly).length === 0) return null;
  for (const slots of Object.values(weekly)) slots.sort((a, b) => a[0].localeCompare(b[0]));
  return { timezone, weekly };
}

function clock(value: string): string | undefined {
  const match = /^(\d{1,2}):(\d{2})/.exec(value);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return undefined;
  return `${String(hours).padStart(2, '0')}:${match[2]}`;
}
