import { z } from 'zod';

/**
 * What the library answers, as zod schemas that import nothing but zod: the server validates its
 * responses with them and the staff pages take their types from them (`z.output`), never a copy.
 */
export const category = z.enum(['awareness', 'service-provision'], { message: 'awareness or service-provision' });
export const bilingual = z.object({ en: z.string(), fr: z.string() });

export const resourceResult = z.object({
  id: z.string().uuid(),
  title: bilingual,
  summary: bilingual,
  category,
  kind: z.string(),
  audiences: z.array(z.string()),
  languages: z.array(z.string()),
  region: z.string(),
  link: z.string().nullable(),
  file: z
    .object({ name: z.string(), mediaType: z.string(), size: z.number(), url: z.string() })
    .nullable()
    .describe('a stored file, downloaded from url'),
  own: z
    .object({ language: z.string(), title: z.string(), summary: z.string() })
    .nullable()
    .describe('its title and summary in its own language, when that is neither English nor French'),
  membersOnly: z.boolean(),
  isSample: z.boolean(),
  agency: z.string().nullable().describe('the member agency that shared it; null for the network'),
  updatedAt: z.string(),
});
export type ResourceResult = z.infer<typeof resourceResult>;

export const libraryPage = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), results: z.array(resourceResult) });

export const collectionSummary = z.object({ slug: z.string(), title: bilingual, description: bilingual, count: z.number() });
export const collectionDetail = collectionSummary.extend({ resources: z.array(resourceResult) });
