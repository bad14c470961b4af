import { z } from 'zod';
import categoryNames from '../../../../data/taxonomy/category-names.json' with { type: 'json' };
import { foldWords } from '../../../platform/text.js';
import { newService } from '../schema.js';
import { findProvince, fold, type Term, taxonomy } from '../taxonomy.js';
import { airsCategories } from './airs.js';
import { type Mapper, text } from './mapper.js';
import type { SourceRow } from './package.js';
import { harbourId, type OrganizationRef, type PlannedPoint, type PlannedService } from './to-harbour.js';

type Hours = NonNullable<PlannedService['hours']>;

const labelIndexes = new Map<Term[], Map<string, string>>();
const otherNames = new Map(Object.entries(categoryNames.names).map(([name, id]) => [foldWords(name), id]));

/**
 * The categories a term means: by Harbour's code or label, by a 211/AIRS code
 * (data/taxonomy/airs-codes.json), or by a name other directories use (data/taxonomy/category-names.json).
 */
function matchCategories(categories: Term[], row: SourceRow): string[] {
  const own = matchTerm(categories, row);
  if (own) return [own];
  const named = otherNames.get(foldWords(text(row, 'name')));
  return airsCategories(text(row, 'code')) ?? (named ? [named] : []);
}

/** A service Harbour cannot classify is still imported, held for its keeper: categories may be empty. */
const reviewedLater = newService.extend({ categories: z.array(z.string()).max(20) });

/** The id of the term a taxonomy term or language row names, by its code or by a label in either language. */
function matchTerm(terms: Term[], row: SourceRow | undefined): string | undefined {
  let labels = labelIndexes.get(terms);
  if (!labels) {
    labels = new Map(terms.flatMap((t) => [t.en, t.fr, t.id].map((label) => [fold(label), t.id] as const)).reverse());
    labelIndexes.set(terms, labels);
  }
  const code = fold(text(row, 'code'));
  const byCode = code ? terms.find((t) => t.id === code)?.id : undefined;
  return byCode ?? labels.get(fold(text(row, 'name')));
}

export function mapServices(
  m: Mapper,
  organizations: Map<string, OrganizationRef | null>,
  points: Map<string, PlannedPoint | null>,
): PlannedService[] {
  const units = m.index('unit');
  const locations = m.index('location');
  const planned: PlannedService[] = [];
  for (const [hsdsId, row] of m.index('service')) {
    const status = text(row, 'status').toLowerCase();
    if (status && status !== 'active') {
      m.note(`services: services with status "${status}" are not imported`);
      continue;
    }
    const before = m.problems.length;
    const organizationHsdsId = text(row, 'organization_id');
    const organization = organizations.get(organizationHsdsId);
    if (!organizationHsdsId) m.problem(row, 'organization_id', 'required');
    else if (organization === undefined) m.problem(row, 'organization_id', `no organization "${organizationHsdsId}" in the package`);
    else if (organization === null) m.problem(row, 'organization_id', `organization "${organizationHsdsId}" has errors`);

    const sals = m.children('service_at_location', 'service_id', [hsdsId]);
    const salIds = sals.map((sal) => text(sal, 'id'));
    const locationIds = sals.map((sal) => text(sal, 'location_id'));
    for (const sal of sals) {
      const locationId = text(sal, 'location_id');
      if (!locations.has(locationId)) m.problem(sal, 'location_id', `no location "${locationId}" in the package`);
      else if (points.get(locationId) === null) m.problem(sal, 'location_id', `location "${locationId}" has errors`);
    }
    const placed = sals.filter((sal) => points.get(text(sal, 'location_id')));

    const { serviceCategories, servicePopulations, serviceLanguages, areaProvinces, unmatched } = describedBy(m, hsdsId, locationIds);
    const reviewNote =
      serviceCategories.size > 0
        ? null
        : `imported without a category Harbour knows${unmatched.length ? ` (its terms: ${unmatched.join(', ')})` : ''}: choose one to list it`;

    const firstPoint = placed[0] ? points.get(text(placed[0], 'location_id')) : undefined;
    const timezone = text(row, 'harbour_timezone') || (firstPoint && findProvince(firstPoint.province)?.timezone) || 'America/Toronto';
    const hours = hoursOf(m, row, timezone, [
      ...m.children('schedule', 'service_id', [hsdsId]),
      ...m.children('schedule', 'service_at_location_id', salIds),
      ...m.children('schedule', 'location_id', locationIds),
    ]);
    const beds = m
      .children('service_capacity', 'service_id', [hsdsId])
      .find((capacity) => /^(beds?|lits?)$/.test(fold(text(units.get(text(capacity, 'unit_id')), 'name'))));
    const { accessibility, intake, eligibility, phones, email, website } = howToReach(m, row, salIds, locationIds);

    const name = text(row, 'name');
    const candidate = {
      organizationId: organization?.id ?? '00000000-0000-4000-8000-000000000000',
      nameEn: name,
      nameFr: text(row, 'harbour_name_fr') || name,
      descriptionEn: text(row, 'description'),
      descriptionFr: text(row, 'harbour_description_fr'),
      categories: [...serviceCategories],
      populations: [...servicePopulations],
      languages: [...serviceLanguages],
      areaProvinces: [...areaProvinces],
      servesRemoteCommunities: m.bool(row, 'harbour_serves_remote_communities'),
      servesWithoutStatus: m.bool(row, 'harbour_serves_without_status'),
      traffickingTrained: m.bool(row, 'harbour_trafficking_trained'),
      accessibility,
      fees: text(row, 'fees_description') || text(row, 'fees'),
      eligibility,
      intake,
      phones,
      email,
      website,
      hours,
      capacityBeds: beds ? m.number(beds, 'available') : null,
    };
    const valid = m.check(
      reviewNote ? reviewedLater : newService,
      row,
      candidate,
      {
        nameEn: 'name',
        nameFr: text(row, 'harbour_name_fr') ? 'harbour_name_fr' : 'name',
        descriptionEn: 'description',
        descriptionFr: 'harbour_description_fr',
        categories: 'attributes',
        accessibility: 'harbour_accessibility',
        fees: 'fees_description',
        eligibility: 'eligibility_description',
        intake: 'application_process',
        phones: 'phone.number',
        email: 'email',
        website: 'url',
        capacityBeds: 'service_capacity.available',
      },
      {
        categories: 'at most 20 categories',
      },
    );
    const lastVerifiedAt = m.date(row, 'harbour_last_verified_at') ?? m.date(row, 'assured_date') ?? m.context.now;
    const capacityUpdatedAt = beds ? (m.date(beds, 'updated') ?? m.context.now) : null;
    if (!valid || !organization || m.problems.length !== before) continue;
    // Harbour lists a service at one place: a service at several becomes one listing per place.
    const places = placed.length > 0 ? placed : [undefined];
    places.forEach((sal, i) => {
      const point = sal ? (points.get(text(sal, 'location_id')) ?? null) : null;
      planned.push({
        ...candidate,
        id: i === 0 ? harbourId(hsdsId) : harbourId(text(sal, 'id') || `${hsdsId}@${text(sal, 'location_id')}`),
        organizationId: organization.id,
        servicePointId: point?.id ?? null,
        capacityBeds: candidate.capacityBeds ?? null,
        capacityUpdatedAt: candidate.capacityBeds === null ? null : capacityUpdatedAt,
        lastVerifiedAt,
        reviewNote,
      });
    });
  }
  return planned;
}

/** What a service is, in Harbour's own vocabularies: categories and populations from its terms, its languages and provinces. */
function describedBy(m: Mapper, hsdsId: string, locationIds: string[]) {
  const { categories, populations, languages } = taxonomy();
  const terms = m.index('taxonomy_term');
  // Terms linked to the service: categories and populations are Harbour's own vocabularies.
  const linked: SourceRow[] = [];
  for (const attribute of m.children('attribute', 'link_id', [hsdsId])) {
    if (!['', 'service'].includes(text(attribute, 'link_entity'))) continue;
    const term = terms.get(text(attribute, 'taxonomy_term_id'));
    if (term) linked.push(term);
    else m.problem(attribute, 'taxonomy_term_id', `no taxonomy term "${text(attribute, 'taxonomy_term_id')}"`);
  }
  const serviceCategories = new Set<string>();
  const servicePopulations = new Set<string>();
  const unmatched: string[] = [];
  for (const term of linked) {
    const matched = text(term, 'taxonomy_id') === 'harbour-populations' ? [] : matchCategories(categories, term);
    const population = matched.length ? undefined : matchTerm(populations, term);
    for (const category of matched) serviceCategories.add(category);
    if (population) servicePopulations.add(population);
    else if (!matched.length) {
      unmatched.push(text(term, 'name'));
      m.note(`taxonomy terms: "${text(term, 'name')}" matches no Harbour category or population and is not kept`);
    }
  }
  const serviceLanguages = new Set<string>();
  for (const language of [...m.children('language', 'service_id', [hsdsId]), ...m.children('language', 'location_id', locationIds)]) {
    const id = matchTerm(languages, language);
    if (id) serviceLanguages.add(id);
    else m.note(`languages: "${text(language, 'name') || text(language, 'code')}" is not in Harbour's language list and is not kept`);
  }
  const areaProvinces = new Set<string>();
  for (const area of m.children('service_area', 'service_id', [hsdsId])) {
    const name = text(area, 'name');
    if (fold(name) === 'canada') for (const p of taxonomy().provinces) areaProvinces.add(p.code);
    else {
      const province = findProvince(name);
      if (province) areaProvinces.add(province.code);
      else m.note('service areas: only provinces, territories or "Canada" are kept');
    }
  }
  return { serviceCategories, servicePopulations, serviceLanguages, areaProvinces, unmatched };
}

// HSDS phone types, as Harbour keeps them: a line people call, texts, a TTY, a fax.
const phoneKinds: Record<string, 'voice' | 'text' | 'tty' | 'fax'> = {
  voice: 'voice',
  cell: 'voice',
  video: 'voice',
  pager: 'voice',
  text: 'text',
  textphone: 'tty',
  tty: 'tty',
  fax: 'fax',
};

/** How a person reaches the service: its phones, email and website, accessibility, the intake process, who is eligible. */
function howToReach(m: Mapper, row: SourceRow, salIds: string[], locationIds: string[]) {
  const hsdsId = text(row, 'id');
  const accessibility =
    text(row, 'harbour_accessibility') ||
    m
      .children('accessibility', 'location_id', locationIds)
      .map((a) => [text(a, 'description'), text(a, 'details')].filter(Boolean).join(' '))
      .join('\n');
  const seen = new Set<string>();
  const phones = [
    ...m.children('phone', 'service_id', [hsdsId]),
    ...m.children('phone', 'service_at_location_id', salIds),
    ...m.children('phone', 'location_id', locationIds),
  ].flatMap((phone) => {
    const number = text(phone, 'number');
    const extension = text(phone, 'extension');
    if (!number || seen.has(`${number} ${extension}`)) return [];
    seen.add(`${number} ${extension}`);
    const type = text(phone, 'type').toLowerCase();
    if (type && !phoneKinds[type]) m.note(`phones: type "${type}" is kept as a voice line`);
    const description = text(phone, 'description');
    return [{ number, ...(extension ? { extension } : {}), kind: phoneKinds[type] ?? 'voice', ...(description ? { description } : {}) }];
  });
  const eligibility = [
    text(row, 'eligibility_description'),
    ...m.children('eligibility', 'service_id', [hsdsId]).map((e) => text(e, 'eligibility')),
  ];
  return {
    accessibility,
    intake: text(row, 'application_process'),
    eligibility: eligibility.filter(Boolean).join('\n'),
    phones,
    email: text(row, 'email') || null,
    website: text(row, 'url') || null,
  };
}

const dayNumbers: Record<string, string> = { MO: '1', TU: '2', WE: '3', TH: '4', FR: '5', SA: '6', SU: '7' };

/** Weekly opening hours from HSDS schedules; rules Harbour cannot keep (monthly, dated) are said. */
function hoursOf(m: Mapper, service: SourceRow, timezone: string, schedules: SourceRow[]): Hours | null {
  if (m.bool(service, 'harbour_always_open')) return { timezone, alwaysOpen: true };
  const weekly: Record<string, [string, string][]> = {};
  for (const schedule of schedules) {
    const freq = text(schedule, 'freq').toUpperCase();
    if (freq && freq !== 'WEEKLY') {
      m.note('schedules: only weekly hours are kept');
      continue;
    }
    const opens = clock(text(schedule, 'opens_at'));
    const closes = clock(text(schedule, 'closes_at'));
    const days = text(schedule, 'byday')
      .split(',')
      .map((day) => day.trim().toUpperCase())
      .filter(Boolean);
    if (!opens || !closes || days.length === 0) {
      if (text(schedule, 'opens_at') || text(schedule, 'closes_at') || days.length > 0)
        m.problem(
          schedule,
          !opens ? 'opens_at' : !closes ? 'closes_at' : 'byday',
          'a weekly schedule needs byday, opens_at and closes_at (HH:MM)',
        );
      continue;
    }
    if (closes <= opens) {
      m.problem(schedule, 'closes_at', `closes at ${closes}, not after it opens at ${opens}`);
      continue;
    }
    for (const day of days) {
      const number = dayNumbers[day];
      if (!number) m.problem(schedule, 'byday', `"${day}" is not a weekday (MO, TU, WE, TH, FR, SA, SU)`);
      else weekly[number] = [...(weekly[number] ?? []), [opens, closes]];
    }
  }
  if (Object.keys(weekly).length === 0) return null;
  for (const slots of Object.values(weekly)) slots.sort((a, b) => a[0].localeCompare(b[0]));
  return { timezone, weekly };
}

function clock(value: string): string | undefined {
  const match = /^(\d{1,2}):(\d{2})/.exec(value);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return undefined;
  return `${String(hours).padStart(2, '0')}:${match[2]}`;
}
