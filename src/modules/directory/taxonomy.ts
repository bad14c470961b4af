import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../platform/project.js';
import { fold } from '../../platform/text.js';

export { fold };

export interface Term {
  id: string;
  en: string;
  fr: string;
  parent?: string;
}

export interface Place {
  name: string;
  province: string;
  latitude: number;
  longitude: number;
  aliases: string[];
  postalPrefixes: string[];
}

export interface Province {
  code: string;
  en: string;
  fr: string;
  timezone: string;
}

export interface Taxonomy {
  categories: Term[];
  populations: Term[];
  languages: Term[];
  places: Place[];
  provinces: Province[];
}

let loaded: Taxonomy | undefined;

const read = <T>(...parts: string[]): T => JSON.parse(fs.readFileSync(path.join(projectRoot(), 'data', ...parts), 'utf8')) as T;

/** The directory's vocabularies and places, from data/taxonomy and data/geo, read once. */
export function taxonomy(): Taxonomy {
  loaded ??= {
    categories: read<{ categories: Term[] }>('taxonomy', 'service-categories.json').categories,
    populations: read<{ populations: Term[] }>('taxonomy', 'populations.json').populations,
    languages: read<{ languages: Term[] }>('taxonomy', 'languages.json').languages,
    places: read<{ places: Place[] }>('geo', 'places.json').places,
    provinces: read<{ provinces: Province[] }>('geo', 'provinces.json').provinces,
  };
  return loaded;
}

/** A category and every category under it: "safe housing" also finds safe housing for men. */
export function withSubcategories(id: string): string[] {
  return [
    id,
    ...taxonomy()
      .categories.filter((c) => c.parent === id)
      .map((c) => c.id),
  ];
}

let provincesByName: Map<string, Province> | undefined;

/** A province or territory by its code or its name in either language ("QC", "Québec", "quebec"). */
export function findProvince(text: string): Province | undefined {
  provincesByName ??= new Map(taxonomy().provinces.flatMap((p) => [p.code, p.en, p.fr].map((name) => [fold(name), p] as const)));
  return provincesByName.get(fold(text));
}
