import { z } from 'zod';
import { oneOrMany, provinceCodes } from '../../platform/schema.js';
import { hours, phone } from './responses.js';
import { taxonomy } from './taxonomy.js';

export { keptOrganization, listing, listingsPage, searchResponse, serviceResult } from './responses.js';

const singular = { categories: 'category', populations: 'population', languages: 'language' } as const;
const known = (kind: keyof typeof singular) =>
  z.string().refine((id) => taxonomy()[kind].some((term) => term.id === id), { message: `not a known ${singular[kind]}` });

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

const inCanada = { latitude: 'in Canada: from 41 to 84', longitude: 'in Canada: from -142 to -52' };

export const newServicePoint = z.object({
  organizationId: z.string().uuid('an organization id'),
  name: z.string().trim().min(1, 'required').max(200),
  city: z.string().trim().min(1, 'required').max(100),
  province: z.enum(provinceCodes, { message: 'a two-letter province or territory code' }),
  isConfidential: z.boolean().default(false),
  address: z.string().trim().max(300).nullable().optional(),
  latitude: z.number().min(41, inCanada.latitude).max(84, inCanada.latitude).nullable().optional(),
  longitude: z.number().min(-142, inCanada.longitude).max(-52, inCanada.longitude).nullable().optional(),
});

// No defaults here: the table has them, and a PATCH made of this schema must not reset what it leaves out.
export const newService = z.object({
  organizationId: z.string().uuid('an organization id'),
  servicePointId: z.string().uuid('a service point id').nullable().optional(),
  nameEn: z.string().trim().min(2, 'at least 2 characters').max(200),
  nameFr: z.string().trim().min(2, 'at least 2 characters').max(200),
  descriptionEn: z.string().max(4000).optional(),
  descriptionFr: z.string().max(4000).optional(),
  categories: z.array(known('categories')).min(1, 'at least one category').max(20),
  populations: z.array(known('populations')).max(20).optional(),
  languages: z.array(known('languages')).max(40).optional(),
  areaProvinces: z.array(z.enum(provinceCodes)).max(13).optional(),
  servesRemoteCommunities: z.boolean().optional(),
  servesWithoutStatus: z.boolean().optional(),
  traffickingTrained: z.boolean().optional(),
  accessibility: z.string().max(1000).optional(),
  fees: z.string().max(1000).optional(),
  eligibility: z.string().max(2000).optional(),
  intake: z.string().max(2000).optional(),
  hours: hours.nullable().optional(),
  phones: z.array(phone).max(10, 'at most 10 phone numbers').optional(),
  email: z.string().trim().email('an email address').max(254).nullable().optional(),
  website: z
    .string()
    .trim()
    .max(300)
    .regex(/^https?:\/\/[^\s]+$/i, 'a full web address (https://…)')
    .nullable()
    .optional(),
  capacityBeds: z.number().int().min(0).nullable().optional(),
});

/** Every field a keeper may change; the organization and location stay. */
export const serviceChanges = newService
  .omit({ organizationId: true, servicePointId: true })
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, {
    message: 'name at least one field to change',
  });

export const reportBody = z.object({ message: z.string().trim().min(5, 'at least 5 characters').max(2000) });

export type NewOrganization = z.input<typeof newOrganization>;
export type NewServicePoint = z.input<typeof newServicePoint>;
export type NewService = z.input<typeof newService>;
export type ServiceChanges = z.infer<typeof serviceChanges>;

export { idParams } from '../../platform/schema.js';

export const listingsQuery = z.object({
  q: z.string().trim().max(200).optional(),
  agencyId: z.string().uuid('not an agency id').optional(),
  province: z.enum(provinceCodes, { message: 'a two-letter province or territory code' }).optional(),
  page: z.coerce.number().int().min(1, 'at least 1').max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1, 'at least 1').max(100, 'at most 100').default(25),
});

export const verifyListingsBody = z.object({
  ids: z.array(z.string().uuid('not a listing id')).min(1, 'at least one listing').max(100, 'at most 100 at once'),
});
