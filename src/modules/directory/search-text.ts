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
