import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../../platform/errors.js';
import { flattenServices } from './json.js';

/** One row of an HSDS table, with where it came from ("services.csv line 4"), so errors can say. */
export interface SourceRow {
  where: string;
  values: Record<string, string>;
}

/** HSDS 3.0 tables by resource name (organization, service, location...), whatever the input. */
export type Tables = Map<string, SourceRow[]>;

export interface Problem {
  where: string;
  field?: string;
  message: string;
}

export interface ReadPackage {
  layout: 'HSDS 3.0 tabular' | 'HSDS 2.0 tabular' | 'HSDS 3.0 JSON';
  tables: Tables;
  problems: Problem[];
}

// File stems and resource names of both versions, to one name each.
const aliases: Record<string, string> = {
  addresss: 'address',
  addresses: 'address',
  taxonomies: 'taxonomy',
  service_at_locations: 'service_at_location',
  services_at_location: 'service_at_location',
  services_at_locations: 'service_at_location',
  services_taxonomy: 'service_taxonomy',
  service_taxonomies: 'service_taxonomy',
  service_capacities: 'service_capacity',
  accessibility_for_disabilities: 'accessibility_for_disabilities',
  physical_addresses: 'physical_address',
  postal_addresses: 'postal_address',
  eligibilities: 'eligibility',
  fundings: 'funding',
};

export function resourceName(stem: string): string {
  const name = stem.toLowerCase().replace(/\.csv$/, '');
  return aliases[name] ?? (name.endsWith('s') && !name.endsWith('ss') ? name.slice(0, -1) : name);
}

const twoPointOhOnly = new Set([
  'physical_address',
  'postal_address',
  'regular_schedule',
  'holiday_schedule',
  'service_taxonomy',
  'accessibility_for_disabilities',
  'eligibility',
]);

/** Reads an HSDS tabular data package (a folder, or its datapackage.json) or an HSDS JSON file. */
export function readPackage(location: string): ReadPackage {
  if (!fs.existsSync(location)) throw new AppError('bad_request', `${location}: no such file or folder`);
  const stat = fs.statSync(location);
  if (stat.isFile() && path.basename(location) !== 'datapackage.json') {
    if (!location.endsWith('.json'))
      throw new AppError('bad_request', `${location}: give a folder of CSV files, its datapackage.json, or an HSDS .json file`);
    return { layout: 'HSDS 3.0 JSON', ...flattenServices(path.basename(location), readJson(location)) };
  }
  const folder = stat.isFile() ? path.dirname(location) : location;
  const files = resourceFiles(folder);
  if (files.size === 0) throw new AppError('bad_request', `${folder}: no CSV files and no datapackage.json listing any`);
  const problems: Problem[] = [];
  const tables: Tables = new Map();
  for (const [name, file] of files) {
    const rows = readCsv(folder, file, problems);
    tables.set(name, [...(tables.get(name) ?? []), ...rows]);
  }
  const isTwo =
    [...files.keys()].some((name) => twoPointOhOnly.has(name)) || version(folder).startsWith('2') || version(folder).startsWith('1');
  return isTwo
    ? { layout: 'HSDS 2.0 tabular', tables: fromTwoPointOh(tables), problems }
    : { layout: 'HSDS 3.0 tabular', tables, problems };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppError('bad_request', `${path.basename(file)}: not valid JSON (${(error as Error).message})`);
  }
}

function descriptor(folder: string): { version?: unknown; resources?: unknown } | undefined {
  const file = path.join(folder, 'datapackage.json');
  return fs.existsSync(file) ? (readJson(file) as { version?: unknown; resources?: unknown }) : undefined;
}

function version(folder: string): string {
  const found = descriptor(folder)?.version;
  return typeof found === 'string' ? found : '';
}

/** The data package's own list of resources when there is one; otherwise every CSV in the folder. */
function resourceFiles(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  const declared = descriptor(folder)?.resources;
  if (Array.isArray(declared)) {
    for (const resource of declared as Array<{ name?: unknown; path?: unknown }>) {
      if (typeof resource.path !== 'string') continue;
      // A package may list every HSDS table and ship only some: absent files are empty tables.
      const file = [resource.path, path.basename(resource.path)].find((candidate) => fs.existsSync(path.join(folder, candidate)));
      if (file) files.set(resourceName(typeof resource.name === 'string' ? resource.name : path.basename(file)), file);
    }
  }
  for (const file of fs.readdirSync(folder)) {
    if (file.toLowerCase().endsWith('.csv') && ![...files.values()].includes(file)) files.set(resourceName(file), file);
  }
  return files;
}

function readCsv(folder: string, file: string, problems: Problem[]): SourceRow[] {
  const label = path.basename(file);
  try {
    const records = parse(fs.readFileSync(path.join(folder, file)), {
      bom: true,
      columns: (header: string[]) => header.map((column) => column.trim().toLowerCase()),
      skip_empty_lines: true,
      info: true,
    }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
    return records.map(({ record, info }) => ({ where: `${label} line ${info.lines}`, values: record }));
  } catch (error) {
    problems.push({ where: label, message: `not readable as CSV: ${(error as Error).message}` });
    return [];
  }
}

const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** The HSDS 2.0 tables, reshaped as their 3.0 successors, so one mapping reads both. */
function fromTwoPointOh(two: Tables): Tables {
  const rows = (name: string) => two.get(name) ?? [];
  const reshaped = (name: string, shape: (values: Record<string, string>) => Record<string, string>) =>
    rows(name).map((row) => ({ where: row.where, values: shape(row.values) }));
  const three: Tables = new Map(two);
  three.set('address', [
    ...reshaped('physical_address', (v) => ({ ...v, address_type: 'physical' })),
    ...reshaped('postal_address', (v) => ({ ...v, address_type: 'postal' })),
  ]);
  three.set(
    'schedule',
    reshaped('regular_schedule', (v) => {
      const day = Number(v.weekday);
      const byday = Number.isInteger(day) && day >= 1 && day <= 7 ? weekdays[day - 1] : (v.weekday ?? '').slice(0, 2).toUpperCase();
      return { ...v, freq: 'WEEKLY', byday: byday ?? '' };
    }),
  );
  three.set(
    'language',
    reshaped('language', (v) => ({ ...v, name: v.name ?? v.language ?? '' })),
  );
  three.set(
    'accessibility',
    reshaped('accessibility_for_disabilities', (v) => ({ ...v, description: v.accessibility ?? '' })),
  );
  three.set(
    'service_area',
    reshaped('service_area', (v) => ({ ...v, name: v.name ?? v.service_area ?? '' })),
  );
  // 2.0's "taxonomy" table holds the terms themselves, linked to services by services_taxonomy.
  three.set(
    'taxonomy_term',
    reshaped('taxonomy', (v) => ({ ...v, taxonomy: v.vocabulary ?? '' })),
  );
  three.delete('taxonomy');
  three.set(
    'attribute',
    reshaped('service_taxonomy', (v) => ({
      id: v.id ?? '',
      link_id: v.service_id ?? '',
      link_entity: 'service',
      link_type: 'service_category',
      taxonomy_term_id: v.taxonomy_id ?? '',
    })),
  );
  return three;
}
