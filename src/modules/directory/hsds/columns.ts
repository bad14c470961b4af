/**
 * The HSDS 3.0 tables Harbour writes, with the columns it fills. Columns named harbour_* carry
 * what HSDS has no field for (French wording, the network's flags, the IANA time zone), so an
 * export imports back without loss; other HSDS readers can ignore them.
 */
type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'datetime' | 'time';

export interface Resource {
  name: string;
  path: string;
  fields: Array<[name: string, type: FieldType, description?: string]>;
  foreignKeys?: Array<[field: string, resource: string]>;
}

export const resources: Resource[] = [
  {
    name: 'organization',
    path: 'organizations.csv',
    fields: [
      ['id', 'string'],
      ['name', 'string'],
      ['description', 'string'],
      ['website', 'string'],
      ['harbour_description_fr', 'string', 'The description in French.'],
      ['harbour_agency', 'string', 'The slug of the member agency that keeps this organization; empty when the network keeps it.'],
      ['harbour_is_member', 'boolean', 'A member of the network.'],
      ['harbour_is_sample', 'boolean', 'Sample data, not a real listing.'],
      ['harbour_source', 'string', 'Where the information comes from.'],
    ],
  },
  {
    name: 'location',
    path: 'locations.csv',
    fields: [
      ['id', 'string'],
      ['location_type', 'string'],
      ['organization_id', 'string'],
      ['name', 'string'],
      ['latitude', 'number'],
      ['longitude', 'number'],
      [
        'harbour_confidential',
        'boolean',
        "A confidential location (a safe house): its street address is never exported and its coordinates are its city's centre.",
      ],
    ],
    foreignKeys: [['organization_id', 'organization']],
  },
  {
    name: 'address',
    path: 'addresses.csv',
    fields: [
      ['id', 'string'],
      ['location_id', 'string'],
      ['address_1', 'string'],
      ['city', 'string'],
      ['state_province', 'string'],
      ['postal_code', 'string'],
      ['country', 'string'],
      ['address_type', 'string'],
    ],
    foreignKeys: [['location_id', 'location']],
  },
  {
    name: 'service',
    path: 'services.csv',
    fields: [
      ['id', 'string'],
      ['organization_id', 'string'],
      ['name', 'string'],
      ['description', 'string'],
      ['status', 'string'],
      ['url', 'string'],
      ['email', 'string'],
      ['application_process', 'string'],
      ['fees_description', 'string'],
      ['eligibility_description', 'string'],
      ['assured_date', 'date'],
      ['harbour_name_fr', 'string', 'The name in French.'],
      ['harbour_description_fr', 'string', 'The description in French.'],
      ['harbour_accessibility', 'string', 'Accessibility of this service (HSDS keeps accessibility per location).'],
      ['harbour_serves_without_status', 'boolean', 'Serves people without immigration status, without reporting them.'],
      ['harbour_trafficking_trained', 'boolean', 'Staff are trained on human trafficking.'],
      ['harbour_serves_remote_communities', 'boolean', 'Serves remote communities.'],
      ['harbour_timezone', 'string', 'The IANA time zone of the schedules.'],
      ['harbour_always_open', 'boolean', 'Open at all hours, every day.'],
      ['harbour_last_verified_at', 'datetime', 'When the keeper last confirmed the listing.'],
    ],
    foreignKeys: [['organization_id', 'organization']],
  },
  {
    name: 'service_at_location',
    path: 'service_at_locations.csv',
    fields: [
      ['id', 'string'],
      ['service_id', 'string'],
      ['location_id', 'string'],
    ],
    foreignKeys: [
      ['service_id', 'service'],
      ['location_id', 'location'],
    ],
  },
  {
    name: 'phone',
    path: 'phones.csv',
    fields: [
      ['id', 'string'],
      ['service_id', 'string'],
      ['number', 'string'],
      ['extension', 'string'],
      ['type', 'string'],
      ['description', 'string'],
    ],
    foreignKeys: [['service_id', 'service']],
  },
  {
    name: 'schedule',
    path: 'schedules.csv',
    fields: [
      ['id', 'string'],
      ['service_id', 'string'],
      ['freq', 'string'],
      ['byday', 'string'],
      ['opens_at', 'time'],
      ['closes_at', 'time'],
    ],
    foreignKeys: [['service_id', 'service']],
  },
  {
    name: 'language',
    path: 'languages.csv',
    fields: [
      ['id', 'string'],
      ['service_id', 'string'],
      ['name', 'string'],
      ['code', 'string'],
    ],
    foreignKeys: [['service_id', 'service']],
  },
  {
    name: 'service_area',
    path: 'service_areas.csv',
    fields: [
      ['id', 'string'],
      ['service_id', 'string'],
      ['name', 'string'],
      ['extent_type', 'string'],
    ],
    foreignKeys: [['service_id', 'service']],
  },
  {
    name: 'taxonomy',
    path: 'taxonomies.csv',
    fields: [
      ['id', 'string'],
      ['name', 'string'],
      ['description', 'string'],
    ],
  },
  {
    name: 'taxonomy_term',
    path: 'taxonomy_terms.csv',
    fields: [
      ['id', 'string'],
      ['code', 'string'],
      ['name', 'string'],
      ['description', 'string'],
      ['parent_id', 'string'],
      ['taxonomy_id', 'string'],
      ['language', 'string'],
    ],
    foreignKeys: [['taxonomy_id', 'taxonomy']],
  },
  {
    name: 'attribute',
    path: 'attributes.csv',
    fields: [
      ['id', 'string'],
      ['link_id', 'string'],
      ['link_type', 'string'],
      ['link_entity', 'string'],
      ['taxonomy_term_id', 'string'],
    ],
    foreignKeys: [['taxonomy_term_id', 'taxonomy_term']],
  },
  {
    name: 'unit',
    path: 'units.csv',
    fields: [
      ['id', 'string'],
      ['name', 'string'],
    ],
  },
  {
    name: 'service_capacity',
    path: 'service_capacities.csv',
    fields: [
      ['id', 'string'],
      ['service_id', 'string'],
      ['unit_id', 'string'],
      ['available', 'number'],
      ['updated', 'datetime'],
    ],
    foreignKeys: [
      ['service_id', 'service'],
      ['unit_id', 'unit'],
    ],
  },
];

/** The descriptor of an export: a Frictionless tabular data package of HSDS 3.0 tables. */
export function dataPackage(created: Date) {
  return {
    name: 'harbour-directory',
    title: 'Harbour directory',
    profile: 'tabular-data-package',
    version: '3.0',
    created: created.toISOString(),
    description:
      'The directory of the anti-trafficking network, in Open Referral HSDS 3.0 tables. Confidential street addresses are never exported.',
    resources: resources.map((resource) => ({
      name: resource.name,
      path: resource.path,
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      schema: {
        primaryKey: 'id',
        fields: resource.fields.map(([name, type, description]) => ({ name, type, ...(description ? { description } : {}) })),
        ...(resource.foreignKeys
          ? { foreignKeys: resource.foreignKeys.map(([field, to]) => ({ fields: field, reference: { resource: to, fields: 'id' } })) }
          : {}),
      },
    })),
  };
}

export const taxonomyIds = { categories: 'harbour-service-categories', populations: 'harbour-populations' } as const;
