import type { Problem, SourceRow, Tables } from './package.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** The scalar fields of an HSDS object as the strings a CSV cell would hold. */
function scalars(object: Json): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(object)) {
    if (typeof value === 'string') values[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') values[key] = String(value);
  }
  return values;
}

/**
 * HSDS JSON (a service, a list of services, or an API page of them, each with its organization
 * and locations nested) flattened into the same tables a tabular package gives, so one mapping
 * reads both. Where a row came from is its JSON path.
 */
export function flattenServices(label: string, data: unknown): { tables: Tables; problems: Problem[] } {
  const tables: Tables = new Map();
  const seen = new Set<string>();
  const add = (table: string, where: string, object: Json, extra: Record<string, string> = {}) => {
    const values = { ...scalars(object), ...extra };
    const key = `${table}:${values.id ?? where}`;
    if (seen.has(key)) return;
    seen.add(key);
    const row: SourceRow = { where: `${label} ${where}`, values };
    const rows = tables.get(table);
    if (rows) rows.push(row);
    else tables.set(table, [row]);
  };
  const addAll = (table: string, items: unknown, where: string, extra: Record<string, string>) => {
    for (const [j, item] of list(items).entries()) add(table, `${where}[${j}]`, item, extra);
  };
  const services = Array.isArray(data) ? data : isObject(data) && Array.isArray(data.contents) ? data.contents : [data];
  const problems: Problem[] = [];
  services.forEach((service, i) => {
    const at = Array.isArray(data) ? `[${i}]` : isObject(data) && Array.isArray(data.contents) ? `contents[${i}]` : '(the service)';
    if (!isObject(service)) {
      problems.push({ where: `${label} ${at}`, message: 'not an HSDS service object' });
      return;
    }
    const serviceId = String(service.id ?? '');
    const organization = isObject(service.organization) ? service.organization : undefined;
    if (organization) add('organization', `${at}.organization`, organization);
    add('service', at, service, organization?.id ? { organization_id: String(organization.id) } : {});
    const forService = { service_id: serviceId };
    addAll('language', service.languages, `${at}.languages`, forService);
    addAll('schedule', service.schedules, `${at}.schedules`, forService);
    addAll('service_area', service.service_areas, `${at}.service_areas`, forService);
    addAll('phone', service.phones, `${at}.phones`, forService);
    list(service.capacities).forEach((o, j) => {
      const unit = isObject(o.unit) ? o.unit : undefined;
      if (unit) add('unit', `${at}.capacities[${j}].unit`, unit);
      add('service_capacity', `${at}.capacities[${j}]`, o, { ...forService, ...(unit?.id ? { unit_id: String(unit.id) } : {}) });
    });
    list(service.attributes).forEach((o, j) => {
      const term = isObject(o.taxonomy_term) ? o.taxonomy_term : undefined;
      if (term) add('taxonomy_term', `${at}.attributes[${j}].taxonomy_term`, term);
      add('attribute', `${at}.attributes[${j}]`, o, {
        link_id: serviceId,
        link_entity: 'service',
        ...(term?.id ? { taxonomy_term_id: String(term.id) } : {}),
      });
    });
    list(service.service_at_locations).forEach((sal, j) => {
      const where = `${at}.service_at_locations[${j}]`;
      const location = isObject(sal.location) ? sal.location : undefined;
      add('service_at_location', where, sal, { service_id: serviceId, ...(location?.id ? { location_id: String(location.id) } : {}) });
      const forSal = { service_at_location_id: String(sal.id ?? '') };
      addAll('schedule', sal.schedules, `${where}.schedules`, forSal);
      addAll('phone', sal.phones, `${where}.phones`, forSal);
      if (!location) return;
      const forLocation = { location_id: String(location.id ?? '') };
      add('location', `${where}.location`, location, organization?.id ? { organization_id: String(organization.id) } : {});
      addAll('address', location.addresses, `${where}.location.addresses`, forLocation);
      addAll('accessibility', location.accessibility, `${where}.location.accessibility`, forLocation);
      addAll('language', location.languages, `${where}.location.languages`, forLocation);
      addAll('phone', location.phones, `${where}.location.phones`, forLocation);
      addAll('schedule', location.schedules, `${where}.location.schedules`, forLocation);
    });
  });
  return { tables, problems };
}
