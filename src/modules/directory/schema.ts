import { z } from 'zod';
import { taxonomy } from './taxonomy.js';

const provinceCodes = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'] as const;
const singular = { categories: 'category', populations: 'population', languages: 'language' } as const;
const known = (kind: keyof typeof singular) =>
  z.string().refine((id) => taxonomy()[kind].some((term) => term.id === id), { message: `not a known ${singular[kind]}` });
/** A query parameter given once or repeated arrives as a string or an array. */
const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).max(20)]).transform((v) => (Array.isArray(v) ? v : [v]));

export const searchQuery = z.object({
  q: z.string().trim().max(200).optional(),
  category: oneOrMany(known('categories')).optional(),
  population: oneOrMany(known('populations')).optional(),
  language: oneOrMany(known('languages')).optional(),
  province: z.enum(provinceCodes, { message: 'a two-letter province or territory code' }).optional(),
  openNow: z.enum(['true', 'false']).optional(),
  near: z.string().trim().min(1).max(100).optional(),
  radiusKm: z.coerce.number().min(1, 'at least 1').max(5000, 'at most 5000').optional(),
  page: z.coerce.number().int().min(1, 'at least 1').max(1000).default(1),
  pageSize: z.coerce.number().int().min(1, 'at least 1').max(50, 'at most 50').default(20),
});
export type SearchQuery = z.infer<typeof searchQuery>;

const hours = z.object({
  timezone: z.string().max(60).optional(),
  alwaysOpen: z.boolean().optional(),
  weekly: z
    .partialRecord(
      z.enum(['1', '2', '3', '4', '5', '6', '7']),
      z.array(z.tuple([z.string().regex(/^\d\d:\d\d$/), z.string().regex(/^\d\d:\d\d$/)])),
    )
    .optional(),
});

export const serviceResult = z.object({
  id: z.string().uuid(),
  name: z.object({ en: z.string(), fr: z.string() }),
  description: z.object({ en: z.string(), fr: z.string() }),
  organization: z.object({ id: z.string().uuid(), name: z.string(), isSample: z.boolean() }),
  location: z
    .object({
      city: z.string(),
      province: z.string(),
      address: z.string().nullable().describe('null for a confidential location: released only inside an accepted referral'),
      confidential: z.boolean(),
    })
    .nullable(),
  areaProvinces: z.array(z.string()),
  categories: z.array(z.string()),
  populations: z.array(z.string()),
  languages: z.array(z.string()),
  servesWithoutStatus: z.boolean().describe('serves people without immigration status, without reporting them'),
  traffickingTrained: z.boolean(),
  servesRemoteCommunities: z.boolean(),
  accessibility: z.string(),
  fees: z.string(),
  eligibility: z.string(),
  intake: z.string().describe('how to reach intake'),
  hours: hours.nullable(),
  openNow: z.boolean(),
  capacity: z.object({ beds: z.number(), updatedAt: z.string() }).nullable(),
  lastVerifiedAt: z.string(),
  needsVerification: z.boolean().describe('not verified for 12 months or more'),
  distanceKm: z.number().nullable(),
});

export const searchResponse = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  near: z.object({ label: z.string(), latitude: z.number(), longitude: z.number(), radiusKm: z.number() }).nullable(),
  results: z.array(serviceResult),
});

export const newOrganization = z.object({
  agencyId: z.string().uuid('an agency id').nullable().optional(),
  name: z.string().trim().min(2, 'at least 2 characters').max(200),
  descriptionEn: z.string().max(4000).default(''),
  descriptionFr: z.string().max(4000).default(''),
  website: z.string().url('a full web address').max(300).nullable().optional(),
  isMember: z.boolean().default(false),
  isSample: z.boolean().default(false),
  source: z.string().max(1000).nullable().optional(),
});

export const newServicePoint = z.object({
  organizationId: z.string().uuid('an organization id'),
  name: z.string().trim().min(1, 'required').max(200),
  city: z.string().trim().min(1, 'required').max(100),
  province: z.enum(provinceCodes, { message: 'a two-letter province or territory code' }),
  isConfidential: z.boolean().default(false),
  address: z.string().trim().max(300).nullable().optional(),
  latitude: z.number().min(41).max(84).nullable().optional(),
  longitude: z.number().min(-142).max(-52).nullable().optional(),
});

export const newService = z.object({
  organizationId: z.string().uuid('an organization id'),
  servicePointId: z.string().uuid('a service point id').nullable().optional(),
  nameEn: z.string().trim().min(2, 'at least 2 characters').max(200),
  nameFr: z.string().trim().min(2, 'at least 2 characters').max(200),
  descriptionEn: z.string().max(4000).default(''),
  descriptionFr: z.string().max(4000).default(''),
  categories: z.array(known('categories')).min(1, 'at least one category').max(20),
  populations: z.array(known('populations')).max(20).default([]),
  languages: z.array(known('languages')).max(40).default([]),
  areaProvinces: z.array(z.enum(provinceCodes)).max(13).default([]),
  servesRemoteCommunities: z.boolean().default(false),
  servesWithoutStatus: z.boolean().default(false),
  traffickingTrained: z.boolean().default(false),
  accessibility: z.string().max(1000).default(''),
  fees: z.string().max(1000).default(''),
  eligibility: z.string().max(2000).default(''),
  intake: z.string().max(2000).default(''),
  hours: hours.nullable().default(null),
  capacityBeds: z.number().int().min(0).nullable().default(null),
});

export const idParams = z.object({ id: z.string().uuid('not an id') });
export const reportBody = z.object({ message: z.string().trim().min(5, 'at least 5 characters').max(2000) });

export type NewOrganization = z.input<typeof newOrganization>;
export type NewServicePoint = z.input<typeof newServicePoint>;
export type NewService = z.input<typeof newService>;
