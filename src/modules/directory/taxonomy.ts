import placesFile from '../../../data/geo/places.json' with { type: 'json' };
import provincesFile from '../../../data/geo/provinces.json' with { type: 'json' };
import languagesFile from '../../../data/taxonomy/languages.json' with { type: 'json' };
import populationsFile from '../../../data/taxonomy/populations.json' with { type: 'json' };
import categoriesFile from '../../../data/taxonomy/service-categories.json' with { type: 'json' };
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

/**
 * The directory's vocabularies and places (data/taxonomy, data/geo), imported as JSON modules
 * rather than read from disk, so the request schemas built on them have no Node-only import and
 * the staff pages can take their types.
 */
const loaded: Taxonomy = {
  categories: categoriesFile.categories as Term[],
  populations: populationsFile.populations as Term[],
  languages: languagesFile.languages as Term[],
  places: placesFile.places as Place[],
  provinces: provincesFile.provinces as Province[],
};

export function taxonomy(): Taxonomy {
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
