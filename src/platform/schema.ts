import { z } from 'zod';

/** Canada's provinces and territories, by the two-letter codes Canada Post uses (data/geo/provinces.json names them). */
export const provinceCodes = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'] as const;
export type ProvinceCode = (typeof provinceCodes)[number];

/** A calendar day as YYYY-MM-DD that exists (2026-02-30 does not). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    message: 'not a real date',
  });

/** A route's `:id`, which must be a UUID. */
export const idParams = z.object({ id: z.string().uuid('not an id') });

/** A query parameter given once or repeated arrives as a string or an array; it leaves as an array. */
export const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item).max(20)]).transform((v) => (Array.isArray(v) ? v : [v]));

/** A short name for addresses and links (an agency's, a group's list): lowercase letters and digits in words joined by single hyphens. */
export const shortName = z
  .string()
  .trim()
  .min(2, 'at least 2 characters')
  .max(60)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and single hyphens');
