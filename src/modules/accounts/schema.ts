import { z } from 'zod';
import { roles } from '../../db/tables.js';
import { MIN_PASSWORD_LENGTH } from '../../platform/passwords.js';
import { provinceCodes } from '../../platform/schema.js';

export const provinces = [...provinceCodes, 'CA'] as const;

export const agencySchema = z.object({
  id: z.string().uuid(),
  slug: z.string(),
  name: z.string(),
  province: z.enum(provinces),
  isSample: z.boolean(),
});

export const newAgencyBody = z.object({
  slug: z
    .string()
    .trim()
    .min(2, 'at least 2 characters')
    .max(60)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and single hyphens'),
  name: z.string().trim().min(2, 'required').max(200),
  province: z.enum(provinces, { message: 'a two-letter province or territory code, or CA for national' }),
  isSample: z.boolean().default(false),
});

export const accountSchema = z.object({
  id: z.string().uuid(),
  agencyId: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(roles)),
  disabled: z.boolean(),
  secondFactorEnrolled: z.boolean(),
});

export const newAccountBody = z.object({
  agencyId: z.string().uuid('an agency id'),
  email: z.string().trim().toLowerCase().email('not an email address').max(254),
  displayName: z.string().trim().min(1, 'required').max(120),
  roles: z.array(z.enum(roles)).min(1, 'at least one role'),
  password: z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(1024),
});

export { idParams } from '../../platform/schema.js';
export const accountListQuery = z.object({ agencyId: z.string().uuid('not an id').optional() });

export type NewAgency = z.input<typeof newAgencyBody>;
export type NewAccountInput = z.infer<typeof newAccountBody>;
