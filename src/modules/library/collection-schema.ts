import { z } from 'zod';

/** A new collection, apart from the rest of the library's schemas so the web takes its type without server code. */
export const newCollection = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and hyphens')
    .max(80),
  titleEn: z.string().trim().min(2, 'at least 2 characters').max(200),
  titleFr: z.string().trim().min(2, 'at least 2 characters').max(200),
  descriptionEn: z.string().max(4000).optional(),
  descriptionFr: z.string().max(4000).optional(),
});
