import provincesFile from '../../../data/geo/provinces.json';
import languagesFile from '../../../data/taxonomy/languages.json';
import populationsFile from '../../../data/taxonomy/populations.json';
import categoriesFile from '../../../data/taxonomy/service-categories.json';
import type { Term } from '../../../src/modules/directory/taxonomy';
import type { ProvinceCode } from '../../../src/platform/schema';

export type { ProvinceCode, Term };

export const categories: Term[] = categoriesFile.categories;
export const populations: Term[] = populationsFile.populations;
export const languages: Term[] = languagesFile.languages;
export const provinces = provincesFile.provinces.map((province) => province.code as ProvinceCode);

export const termName = (terms: Term[], id: string, lang: string) =>
  terms.find((term) => term.id === id)?.[lang === 'fr' ? 'fr' : 'en'] ?? id;
