import type { NewServiceBody as ServiceBody, ServiceResult } from '../api/directory';

type PhoneKind = ServiceResult['phones'][number]['kind'];

// The server's kinds (directory/responses.ts), checked against its type.
export const phoneKinds: readonly PhoneKind[] = ['voice', 'text', 'tty', 'fax'];

import { canadianTimeZones } from '../../../src/platform/zones';
import type { ProvinceCode } from './taxonomy';

/** The listing editor's form: what it starts from, and the body it sends (the same for adding and changing). */
export const days = ['1', '2', '3', '4', '5', '6', '7'] as const;
export const timezones = canadianTimeZones;

/**
 * The form: the server's own service fields (directory/schema.ts), every one present, the
 * capacity as typed, and the hours as a week of opening and closing times.
 */
export type Form = Required<
  Omit<ServiceBody, 'organizationId' | 'servicePointId' | 'hours' | 'capacityBeds' | 'phones' | 'email' | 'website'>
> & {
  /** Phone rows as typed: the editor keeps a blank row to add the next; blank rows are not sent. */
  phones: PhoneRow[];
  email: string;
  website: string;
  capacityBeds: string;
  timezone: string;
  alwaysOpen: boolean;
  week: Record<string, { opens: string; closes: string }>;
};

export type PhoneRow = Record<'number' | 'extension' | 'kind' | 'description', string | undefined>;

export const blank: Form = {
  phones: [],
  email: '',
  website: '',
  nameEn: '',
  nameFr: '',
  descriptionEn: '',
  descriptionFr: '',
  categories: [],
  populations: [],
  languages: [],
  areaProvinces: [],
  servesWithoutStatus: false,
  traffickingTrained: false,
  servesRemoteCommunities: false,
  accessibility: '',
  fees: '',
  eligibility: '',
  intake: '',
  capacityBeds: '',
  timezone: 'America/Toronto',
  alwaysOpen: false,
  week: Object.fromEntries(days.map((day) => [day, { opens: '', closes: '' }])),
};

export function fromService(service: ServiceResult): Form {
  const weekly = service.hours?.weekly ?? {};
  return {
    ...blank,
    nameEn: service.name.en,
    nameFr: service.name.fr,
    descriptionEn: service.description.en,
    descriptionFr: service.description.fr,
    categories: service.categories,
    populations: service.populations,
    languages: service.languages,
    // Stored only through the same schema, so every one is a province code.
    areaProvinces: service.areaProvinces as ProvinceCode[],
    servesWithoutStatus: service.servesWithoutStatus,
    traffickingTrained: service.traffickingTrained,
    servesRemoteCommunities: service.servesRemoteCommunities,
    accessibility: service.accessibility,
    fees: service.fees,
    eligibility: service.eligibility,
    intake: service.intake,
    phones: service.phones.map((phone) => ({
      number: phone.number,
      extension: phone.extension,
      kind: phone.kind,
      description: phone.description,
    })),
    email: service.email ?? '',
    website: service.website ?? '',
    capacityBeds: service.capacity ? String(service.capacity.beds) : '',
    timezone: service.hours?.timezone ?? 'America/Toronto',
    alwaysOpen: service.hours?.alwaysOpen ?? false,
    week: Object.fromEntries(days.map((day) => [day, { opens: weekly[day]?.[0]?.[0] ?? '', closes: weekly[day]?.[0]?.[1] ?? '' }])),
  };
}

/** The service fields as the API takes them (the same for adding and changing). */
export function toBody(form: Form) {
  const weekly = Object.fromEntries(
    days
      .filter((day) => form.week[day]?.opens && form.week[day]?.closes)
      .map((day) => [day, [[form.week[day]?.opens, form.week[day]?.closes]]]),
  );
  const { week: _week, timezone, alwaysOpen, capacityBeds, phones, email, website, ...fields } = form;
  return {
    ...fields,
    phones: phones
      .filter((phone) => phone.number?.trim())
      .map((phone) => ({
        number: phone.number?.trim() ?? '',
        ...(phone.extension?.trim() ? { extension: phone.extension.trim() } : {}),
        kind: (phone.kind ?? 'voice') as PhoneKind,
        ...(phone.description?.trim() ? { description: phone.description.trim() } : {}),
      })),
    email: email.trim() || null,
    website: website.trim() || null,
    hours: alwaysOpen || Object.keys(weekly).length > 0 ? { timezone, ...(alwaysOpen ? { alwaysOpen: true } : { weekly }) } : null,
    capacityBeds: capacityBeds.trim() === '' ? null : Number(capacityBeds),
  };
}
