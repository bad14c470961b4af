import { recordAudit } from '../../platform/audit.js';
import { type Deps, unitOfWork } from '../../platform/context.js';
import * as repo from './repo.js';
import type { NewService } from './schema.js';
import { buildSearchText } from './search-text.js';
import { taxonomy } from './taxonomy.js';

/** Numbers in [0, 1) that a seed repeats exactly (a linear congruential generator). */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * Synthetic service points for load tests and benchmarks: realistic in shape (places across
 * Canada weighted towards cities, one to three categories, mostly English or French plus other
 * languages, some confidential shelters, weekday hours), obviously not real (every organization
 * is named "Synthetic …" and marked as sample data). Deterministic for a given seed.
 */
export async function seedSynthetic(deps: Deps, count: number, options: { seed?: number; onProgress?: (done: number) => void } = {}) {
  const random = seededRandom(options.seed ?? 20261123);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const some = <T>(items: readonly T[], max: number): T[] => [
    ...new Set(Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(items))),
  ];
  const { places, languages } = taxonomy();
  const otherLanguages = languages.map((l) => l.id).filter((id) => id !== 'en' && id !== 'fr');
  // Each kind of place offers the help its name says, to the people it says: a legal clinic is
  // legal help, a women's shelter houses women.
  const kinds: Array<{ en: string; fr: string; categories: string[]; more: string[]; populations: string[] }> = [
    {
      en: 'Legal clinic',
      fr: 'Clinique juridique',
      categories: ['legal-aid'],
      more: ['immigration-legal-help', 'human-rights-complaints'],
      populations: ['people-without-status', 'migrant-workers'],
    },
    {
      en: 'Community centre',
      fr: 'Centre communautaire',
      categories: ['settlement'],
      more: ['employment-skills', 'interpretation'],
      populations: ['youth', 'seniors', 'migrant-workers'],
    },
    {
      en: 'Women’s shelter',
      fr: 'Maison d’hébergement pour femmes',
      categories: ['safe-housing'],
      more: ['victim-services'],
      populations: ['women', 'children', 'survivors-of-trafficking'],
    },
    {
      en: 'Settlement services',
      fr: 'Services d’établissement',
      categories: ['settlement'],
      more: ['interpretation', 'employment-skills'],
      populations: ['migrant-workers', 'domestic-workers'],
    },
    {
      en: 'Health centre',
      fr: 'Centre de santé',
      categories: ['health'],
      more: ['mental-health'],
      populations: ['people-without-status', 'indigenous-people'],
    },
    {
      en: 'Workers’ centre',
      fr: 'Centre des travailleurs',
      categories: ['labour-rights'],
      more: ['human-rights-complaints', 'employment-skills'],
      populations: ['migrant-workers', 'domestic-workers'],
    },
    {
      en: 'Counselling service',
      fr: 'Service de counseling',
      categories: ['mental-health'],
      more: ['victim-services'],
      populations: ['survivors-of-trafficking', 'lgbtq2s-people'],
    },
    {
      en: 'Help line',
      fr: 'Ligne d’aide',
      categories: ['help-lines'],
      more: ['victim-services'],
      populations: ['survivors-of-trafficking'],
    },
  ];
  const weekdays: [string, string][] = [['09:00', '17:00']];
  const hours = { timezone: 'America/Toronto', weekly: { '1': weekdays, '2': weekdays, '3': weekdays, '4': weekdays, '5': weekdays } };

  const batchSize = 500;
  let done = 0;
  while (done < count) {
    const size = Math.min(batchSize, count - done);
    await unitOfWork(deps, async ({ kysely: trx }) => {
      const organizations = await repo.insertOrganizations(
        trx,
        Array.from({ length: Math.ceil(size / 5) }, (_, i) => ({
          name: `Synthetic organization ${done + i * 5 + 1}`,
          isSample: true,
          source: 'harbour seed --synthetic',
        })),
      );
      const rows = Array.from({ length: size }, (_, i) => {
        const place = pick(places);
        const kind = pick(kinds);
        const confidential = kind.en.includes('shelter') && random() < 0.8;
        return {
          place,
          kind,
          kindEn: kind.en,
          kindFr: kind.fr,
          confidential,
          organization: organizations[Math.floor(i / 5)] as { id: string; name: string },
        };
      });
      const located = rows.map((row) => ({
        latitude: row.confidential ? row.place.latitude : row.place.latitude + (random() - 0.5) * 0.2,
        longitude: row.confidential ? row.place.longitude : row.place.longitude + (random() - 0.5) * 0.3,
      }));
      const points = await repo.insertServicePoints(
        trx,
        rows.map((row, i) => ({
          organizationId: row.organization.id,
          name: `${row.kindEn}, ${row.place.name}`,
          city: row.place.name,
          province: row.place.province,
          isConfidential: row.confidential,
          ...(located[i] as { latitude: number; longitude: number }),
        })),
      );
      await repo.insertServices(
        trx,
        rows.map((row, i) => {
          const service: NewService = {
            organizationId: row.organization.id,
            servicePointId: points[i]?.id ?? null,
            nameEn: `${row.kindEn} ${row.place.name}`,
            nameFr: `${row.kindFr} ${row.place.name}`,
            descriptionEn: `${row.kindEn} serving ${row.place.name} and the surrounding area.`,
            descriptionFr: `${row.kindFr} qui dessert ${row.place.name} et les environs.`,
            categories: [...row.kind.categories, ...(random() < 0.5 ? some(row.kind.more, 1) : [])],
            populations: random() < 0.7 ? some(row.kind.populations, 2) : [],
            languages: [
              ...(row.place.province === 'QC' || random() < 0.3 ? ['fr'] : []),
              ...(row.place.province !== 'QC' || random() < 0.5 ? ['en'] : []),
              ...(random() < 0.4 ? some(otherLanguages, 2) : []),
            ],
          };
          return {
            ...service,
            phones: JSON.stringify([{ number: `555-01${String(i % 100).padStart(2, '0')}`, kind: 'voice' }]),
            categories: service.categories,
            populations: service.populations ?? [],
            languages: service.languages ?? [],
            areaProvinces: [row.place.province],
            ...(located[i] as { latitude: number; longitude: number }),
            province: row.place.province,
            servesWithoutStatus: random() < 0.3,
            traffickingTrained: random() < 0.2,
            hours: JSON.stringify(row.kindEn === 'Help line' ? { alwaysOpen: true } : hours),
            searchText: buildSearchText(row.organization.name, service, row.place),
          };
        }),
      );
    });
    done += size;
    options.onProgress?.(done);
  }
  await recordAudit(deps, { action: 'directory.synthetic_seed', outcome: 'ok', details: { servicePoints: count, via: 'cli' } }, deps.now());
  await repo.mergePendingSearchEntries(deps.kysely);
  return done;
}
