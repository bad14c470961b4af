import provincesFile from '../../../data/geo/provinces.json';
import languagesFile from '../../../data/taxonomy/languages.json';
import populationsFile from '../../../data/taxonomy/populations.json';
import categoriesFile from '../../../data/taxonomy/service-categories.json';

export interface Term {
  id: string;
  en: string;
  fr: string;
  parent?: string;
}

export const categories: Term[] = categoriesFile.categories;
export const populations: Term[] = populationsFile.populations;
export const languages: Term[] = languagesFile.languages;
export const provinces: string[] = provincesFile.provinces.map((province) => province.code);

export const termName = (terms: Term[], id: string, lang: string) =>
  terms.find((term) => term.id === id)?.[lang === 'fr' ? 'fr' : 'en'] ?? id;
