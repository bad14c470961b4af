import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../platform/project.js';
import { type IndicatorList, type IndicatorListFile, resolveLists, type Spectrum } from './rule.js';

/**
 * Loads the identification aid's data from data/indicators and data/taxonomy, checking every
 * reference, so a mistake in a data file stops Harbour at start with the file and the field
 * named rather than showing a worker a broken page.
 */
const text = z.object({ en: z.string().min(1), fr: z.string().min(1) });
const idList = z.array(z.string().min(1));

const listFile = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    extends: z.string().optional(),
    title: text,
    population: z.enum(['adult', 'child']),
    exploitation: z.enum(['labour', 'sexual']),
    confirmed: z.boolean(),
    // secondary: transcribed from a copy, not from the publisher's own text; the page says so.
    source: z.object({
      citation: z.string().min(1),
      provenance: z.string().min(1),
      url: z.string().url().optional(),
      secondary: z.boolean().optional(),
    }),
    rule: z.object({
      elements: z.array(z.object({ id: z.string(), title: text, dimensions: idList.min(1) })).min(1),
      note: text.optional(),
    }),
    dimensions: z.array(z.object({ id: z.string(), title: text })).min(1),
    parts: z.array(z.object({ id: z.string(), title: text, opening: text, dimensions: idList.min(1) })).min(1),
    indicators: z
      .array(
        z.object({
          id: z.string().regex(/^[A-Z]{2}\d+$/),
          dimension: z.string(),
          strength: z.enum(['strong', 'medium', 'weak']),
          text,
          uncertain: z.boolean().optional(),
        }),
      )
      .min(1),
  })
  .partial()
  .required({ id: true });

const remedy = z.object({ id: z.string(), title: text, description: text, categories: idList.min(1) });
const spectrumFile = z.object({
  source: z.object({ citation: z.string(), provenance: z.string() }),
  levels: z
    .array(z.object({ id: z.string(), title: text, description: text, indicators: idList, remedies: z.array(remedy).min(1) }))
    .min(2),
});
const taxonomyFile = z.object({
  categories: z.array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), en: z.string(), fr: z.string(), parent: z.string().optional() })),
});

export interface Category {
  id: string;
  en: string;
  fr: string;
}

export interface ScreeningData {
  lists: IndicatorList[];
  spectrum: Spectrum;
  categories: Category[];
}

export class DataFileError extends Error {}

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DataFileError(`${file}: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DataFileError(`${file}: ${issue?.path.join('.') || 'file'}: ${issue?.message}`);
  }
  return parsed.data;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new DataFileError(message);
}

/** Every id a list, the spectrum or a remedy names must exist. */
function checkReferences(data: ScreeningData, listsDir: string): void {
  const categories = new Set(data.categories.map((c) => c.id));
  for (const list of data.lists) {
    const where = path.join(listsDir, `${list.id}.json`);
    for (const key of ['title', 'population', 'exploitation', 'source', 'rule', 'dimensions', 'parts', 'indicators'] as const) {
      check(list[key] !== undefined, `${where}: ${key}: required (directly or through "extends")`);
    }
    const dimensions = new Set(list.dimensions.map((d) => d.id));
    const ids = new Set<string>();
    for (const indicator of list.indicators) {
      check(dimensions.has(indicator.dimension), `${where}: indicator ${indicator.id}: unknown dimension ${indicator.dimension}`);
      check(!ids.has(indicator.id), `${where}: indicator ${indicator.id}: the id is used twice`);
      ids.add(indicator.id);
    }
    for (const group of [...list.rule.elements, ...list.parts]) {
      for (const id of group.dimensions) check(dimensions.has(id), `${where}: ${group.id}: unknown dimension ${id}`);
    }
    const inParts = list.parts.flatMap((part) => part.dimensions);
    for (const id of dimensions) check(inParts.includes(id), `${where}: dimension ${id} is in no conversation part`);
  }
  const allIndicators = new Set(data.lists.flatMap((list) => list.indicators.map((i) => i.id)));
  for (const level of data.spectrum.levels) {
    for (const id of level.indicators) check(allIndicators.has(id), `spectrum.json: level ${level.id}: unknown indicator ${id}`);
    for (const remedy of level.remedies) {
      for (const id of remedy.categories) check(categories.has(id), `spectrum.json: remedy ${remedy.id}: unknown category ${id}`);
    }
  }
}

export function loadScreeningData(root = projectRoot()): ScreeningData {
  const listsDir = path.join(root, 'data', 'indicators', 'lists');
  const files = fs
    .readdirSync(listsDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = readJson(path.join(listsDir, name), listFile) as IndicatorListFile;
      check(`${file.id}.json` === name, `${path.join(listsDir, name)}: id "${file.id}" must match the file name`);
      return file;
    });
  let lists: IndicatorList[];
  try {
    lists = resolveLists(files);
  } catch (error) {
    throw new DataFileError(`${listsDir}: ${(error as Error).message}`);
  }
  const data: ScreeningData = {
    lists,
    spectrum: readJson(path.join(root, 'data', 'indicators', 'spectrum.json'), spectrumFile),
    categories: readJson(path.join(root, 'data', 'taxonomy', 'service-categories.json'), taxonomyFile).categories,
  };
  checkReferences(data, listsDir);
  return data;
}
