import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { parse } from 'csv-parse';
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

/** One table of a package as it comes, a row at a time: a CSV file read as a stream, or JSON already flattened. */
export interface PackageSource {
  /** The file the rows come from, as problems name it. */
  label: string;
  /** The HSDS 3.0 resource its rows belong to (2.0 tables are reshaped as they are read). */
  resource: string;
  rows: () => AsyncIterable<SourceRow>;
}

export interface OpenedPackage {
  layout: 'HSDS 3.0 tabular' | 'HSDS 2.0 tabular' | 'HSDS 3.0 JSON';
  sources: PackageSource[];
  problems: Problem[];
}

/**
 * Opens an HSDS tabular data package (a folder, or its datapackage.json) or an HSDS JSON file.
 * CSV files are read as streams when their rows are asked for, so a package of any size is never
 * held whole; a JSON file is parsed whole (JSON has no rows to stream).
 */
export function openPackage(location: string): OpenedPackage {
  if (!fs.existsSync(location)) throw new AppError('bad_request', `${location}: no such file or folder`);
  const stat = fs.statSync(location);
  if (stat.isFile() && path.basename(location) !== 'datapackage.json') {
    if (!location.endsWith('.json'))
      throw new AppError('bad_request', `${location}: give a folder of CSV files, its datapackage.json, or an HSDS .json file`);
    const { tables, problems } = flattenServices(path.basename(location), readJson(location));
    const sources = [...tables].map(([resource, rows]) => ({
      label: path.basename(location),
      resource,
      rows: async function* () {
        yield* rows;
      },
    }));
    return { layout: 'HSDS 3.0 JSON', sources, problems };
  }
  const folder = stat.isFile() ? path.dirname(location) : location;
  const files = resourceFiles(folder);
  if (files.size === 0) throw new AppError('bad_request', `${folder}: no CSV files and no datapackage.json listing any`);
  const isTwo =
    [...files.keys()].some((name) => twoPointOhOnly.has(name)) || version(folder).startsWith('2') || version(folder).startsWith('1');
  const sources = [...files].map(([name, file]) => {
    const reshape = isTwo ? twoToThree[name] : undefined;
    const label = path.basename(file);
    const rows = () => readCsv(path.join(folder, file), label);
    if (!reshape) return { label, resource: name, rows };
    return {
      label,
      resource: reshape.resource,
      rows: async function* () {
        for await (const row of rows()) yield { where: row.where, values: reshape.shape(row.values) };
      },
    };
  });
  return { layout: isTwo ? 'HSDS 2.0 tabular' : 'HSDS 3.0 tabular', sources, problems: [] };
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

/** A CSV file's rows as a stream; a file that is not CSV throws as its rows are read ("not readable as CSV"). */
async function* readCsv(file: string, label: string): AsyncGenerator<SourceRow> {
  const parser = parse({
    bom: true,
    columns: (header: string[]) => header.map((column) => column.trim().toLowerCase()),
    skip_empty_lines: true,
    info: true,
  });
  // A file that cannot be read ends the parser with its error, instead of leaving it waiting.
  pipeline(fs.createReadStream(file), parser, () => {});
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    yield { where: `${label} line ${info.lines}`, values: record };
  }
}

const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** The HSDS 2.0 tables, reshaped row by row as their 3.0 successors, so one mapping reads both. */
const twoToThree: Record<string, { resource: string; shape: (values: Record<string, string>) => Record<string, string> }> = {
  physical_address: { resource: 'address', shape: (v) => ({ ...v, address_type: 'physical' }) },
  postal_address: { resource: 'address', shape: (v) => ({ ...v, address_type: 'postal' }) },
  regular_schedule: {
    resource: 'schedule',
    shape: (v) => {
      const day = Number(v.weekday);
      const byday = Number.isInteger(day) && day >= 1 && day <= 7 ? weekdays[day - 1] : (v.weekday ?? '').slice(0, 2).toUpperCase();
      return { ...v, freq: 'WEEKLY', byday: byday ?? '' };
    },
  },
  language: { resource: 'language', shape: (v) => ({ ...v, name: v.name ?? v.language ?? '' }) },
  accessibility_for_disabilities: { resource: 'accessibility', shape: (v) => ({ ...v, description: v.accessibility ?? '' }) },
  service_area: { resource: 'service_area', shape: (v) => ({ ...v, name: v.name ?? v.service_area ?? '' }) },
  // 2.0's "taxonomy" table holds the terms themselves, linked to services by services_taxonomy.
  taxonomy: { resource: 'taxonomy_term', shape: (v) => ({ ...v, taxonomy: v.vocabulary ?? '' }) },
  service_taxonomy: {
    resource: 'attribute',
    shape: (v) => ({
      id: v.id ?? '',
      link_id: v.service_id ?? '',
      link_entity: 'service',
      link_type: 'service_category',
      taxonomy_term_id: v.taxonomy_id ?? '',
    }),
  },
};
