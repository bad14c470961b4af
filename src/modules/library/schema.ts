import { z } from 'zod';
import { oneOrMany, provinceCodes } from '../../platform/schema.js';
import type { newCollection } from './collection-schema.js';
import { category } from './responses.js';
import { languageIds, vocabulary } from './vocabulary.js';

export { collectionDetail, collectionSummary, libraryPage, type ResourceResult, resourceResult } from './responses.js';

const regions = ['CA', ...provinceCodes] as const;
const known = (ids: () => string[], what: string) => z.string().refine((id) => ids().includes(id), { message: `not a known ${what}` });
const kind = known(() => vocabulary().kinds.map((k) => k.id), 'kind of resource');
const audience = known(() => vocabulary().audiences.map((a) => a.id), 'audience');
const language = known(languageIds, 'language');

/** A web address, or a page of Harbour itself ("/identification"). */
const link = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => /^\/[^/\\]/.test(value) || /^https?:\/\/[^\s]+$/i.test(value), {
    message: 'a full web address (https://…) or a path of this site (/…)',
  });

// No defaults here: the table has them, and the PATCH made of this schema must not reset what it leaves out.
export const newResource = z.object({
  agencyId: z.string().uuid('an agency id').nullable().optional(),
  titleEn: z.string().trim().min(2, 'at least 2 characters').max(300),
  titleFr: z.string().trim().min(2, 'at least 2 characters').max(300),
  summaryEn: z.string().max(4000).optional(),
  summaryFr: z.string().max(4000).optional(),
  category,
  kind,
  audiences: z.array(audience).max(10).optional(),
  languages: z.array(language).max(40).optional(),
  region: z.enum(regions, { message: 'CA, or a two-letter province or territory code' }).optional(),
  link: link.nullable().optional(),
  membersOnly: z.boolean().optional().describe('only signed-in members of the network see it'),
  ownLanguage: language
    .refine((code) => code !== 'en' && code !== 'fr', {
      message: 'a language other than English and French (their titles have fields of their own)',
    })
    .nullable()
    .optional()
    .describe('the language a tool is written in, when it is neither English nor French'),
  titleOwn: z.string().trim().max(300).optional().describe('its title in that language: search finds it by these words'),
  summaryOwn: z.string().max(4000).optional(),
});
export type NewResource = z.infer<typeof newResource>;

export const resourceChanges = newResource
  .omit({ agencyId: true })
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, { message: 'name at least one field to change' });
export type ResourceChanges = z.infer<typeof resourceChanges>;

export const libraryQuery = z.object({
  q: z.string().trim().max(200).optional(),
  category: category.optional(),
  kind: oneOrMany(kind).optional(),
  audience: oneOrMany(audience).optional(),
  language: oneOrMany(language).optional(),
  region: z.enum(regions, { message: 'CA, or a two-letter province or territory code' }).optional(),
  collection: z.string().trim().max(80).optional(),
  page: z.coerce.number().int().min(1, 'at least 1').max(1000).default(1),
  pageSize: z.coerce.number().int().min(1, 'at least 1').max(50, 'at most 50').default(20),
});
export type LibraryQuery = z.infer<typeof libraryQuery>;

export { newCollection } from './collection-schema.js';

export type NewCollection = z.infer<typeof newCollection>;

export const collectionItems = z.object({ resourceIds: z.array(z.string().uuid('not an id')).max(500) });

export { idParams } from '../../platform/schema.js';
export const slugParams = z.object({ slug: z.string().max(80) });
export const fileQuery = z.object({
  name: z.string().trim().min(1, 'required').max(200).describe('the file name, with its extension (guide.pdf)'),
});
