import { createHash } from 'node:crypto';
import type { ServicePhone } from '../../../db/tables.js';
import { placeServicePoint } from '../geo.js';
import { newOrganization, newServicePoint } from '../schema.js';
import { findProvince, fold } from '../taxonomy.js';
import { type Mapper, text } from './mapper.js';

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
  phones: ServicePhone[];
  email: string | null;
  website: string | null;
  reviewNote: string | null;
  capacityBeds: number | null;
  capacityUpdatedAt: Date | null;
  lastVerifiedAt: Date;
}

interface Hours {
  timezone: string;
  alwaysOpen?: boolean;
  weekly?: Record<string, [string, string][]>;
}

/** What locations and services need of a mapped organization, kept for the whole import. */
export type OrganizationRef = Pick<PlannedOrganization, 'id' | 'agencyId' | 'name'>;

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

/** Tables Harbour has no place for: said once each in the report, never silently dropped. */
export const notKept: Record<string, string> = {
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

/** Organizations by HSDS id; null marks one that has errors, so what depends on it is refused too. */
export function mapOrganizations(m: Mapper, context: MappingContext): Map<string, PlannedOrganization | null> {
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
export function mapLocations(m: Mapper, organizations: Map<string, OrganizationRef | null>): Map<string, PlannedPoint | null> {
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
