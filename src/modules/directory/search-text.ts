import { cellsCovering } from './cells.js';
import { type Term, taxonomy } from './taxonomy.js';

interface Searchable {
  nameEn: string;
  nameFr: string;
  descriptionEn?: string | undefined;
  descriptionFr?: string | undefined;
  categories?: string[] | undefined;
  populations?: string[] | undefined;
  languages?: string[] | undefined;
}

/**
 * One search text per service, as its document reads it (migrations 0013 and 0014): an English
 * half and a French half with a form feed between them, each parsed in its own language. Its
 * names, description and kinds of help in that language, and in both its organization and place.
 */
export function buildSearchText(
  organizationName: string,
  service: Searchable,
  point?: { city?: string; name?: string; province: string },
): string {
  const { categories, populations, languages } = taxonomy();
  const names = (terms: Term[], ids: string[] = [], language: 'en' | 'fr') =>
    terms.filter((t) => ids.includes(t.id)).map((t) => t[language]);
  const half = (language: 'en' | 'fr') =>
    [
      organizationName,
      language === 'en' ? service.nameEn : service.nameFr,
      language === 'en' ? service.descriptionEn : service.descriptionFr,
      ...names(categories, service.categories, language),
      ...names(populations, service.populations, language),
      ...names(languages, service.languages, language),
      point?.city ?? point?.name,
      point?.province,
    ]
      .filter(Boolean)
      .join(' \n ');
  return `${half('en')}\f${half('fr')}`;
}

/** The words the search document holds besides the text (migration 0013): `'<kind> <value>'`. */
const quoted = (word: string) => `'${word.replace(/['\\]/g, (c) => c + c)}'`;
const documentWord = (kind: string, value: string) => quoted(`${kind} ${value}`);
const anyOf = (kind: string, values: string[]) => `(${values.map((value) => documentWord(kind, value)).join(' | ')})`;

export interface DocumentFilter {
  categories?: string[] | undefined;
  populations?: string[] | undefined;
  languages?: string[] | undefined;
  province?: string | undefined;
  near?: { latitude: number; longitude: number; radiusKm: number; province?: string | undefined } | undefined;
}

/**
 * What a search asks of the document besides its words, as a text-search query: one of each
 * filter's values, and one of the cells covering the circle — or, for a service with no
 * location, the place's province among those it serves. Undefined when nothing is asked.
 */
export function documentQuery(filter: DocumentFilter): string | undefined {
  const parts: string[] = [];
  if (filter.categories?.length) parts.push(anyOf('category', filter.categories));
  if (filter.populations?.length) parts.push(anyOf('population', filter.populations));
  if (filter.languages?.length) parts.push(anyOf('language', filter.languages));
  if (filter.province) parts.push(documentWord('province', filter.province));
  const near = filter.near;
  if (near) {
    const cells = cellsCovering(near.latitude, near.longitude, near.radiusKm).map(quoted);
    parts.push(`(${[...cells, ...(near.province ? [documentWord('area', near.province)] : [])].join(' | ')})`);
  }
  return parts.length ? parts.join(' & ') : undefined;
}
