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

/** One search document per service: its names and words in both languages, and where it is. */
export function buildSearchText(
  organizationName: string,
  service: Searchable,
  point?: { city?: string; name?: string; province: string },
): string {
  const { categories, populations, languages } = taxonomy();
  const names = (terms: Term[], ids: string[] = []) => terms.filter((t) => ids.includes(t.id)).flatMap((t) => [t.en, t.fr]);
  return [
    organizationName,
    service.nameEn,
    service.nameFr,
    service.descriptionEn,
    service.descriptionFr,
    ...names(categories, service.categories),
    ...names(populations, service.populations),
    ...names(languages, service.languages),
    point?.city ?? point?.name,
    point?.province,
  ]
    .filter(Boolean)
    .join(' \n ');
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
