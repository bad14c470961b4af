import { z } from 'zod';
import { roles } from '../../db/tables.js';

export const stageSchema = z
  .enum(['full', 'mfa', 'enrol'])
  .describe('full: signed in; mfa: second factor due; enrol: must set up a second factor');

export const signInBody = z.object({
  email: z.string().trim().min(1, 'required').max(254).email('not an email address'),
  password: z.string().min(1, 'required').max(1024),
});

export const sessionStarted = z.object({
  stage: stageSchema,
  csrfToken: z.string(),
});

export const codeBody = z.object({
  code: z.string().trim().min(6, 'a 6-digit code or a recovery code').max(40),
});

export const meResponse = z.object({
  stage: stageSchema,
  csrfToken: z.string(),
  secondFactorRequired: z.boolean(),
  account: z.object({
    id: z.string().uuid(),
    email: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(roles)),
    locale: z.enum(['en', 'fr']),
    secondFactorEnrolled: z.boolean(),
    agency: z.object({ id: z.string().uuid(), slug: z.string(), name: z.string() }),
  }),
});

export const enrolmentStarted = z.object({
  secret: z.string().describe('base32 secret, for typing into an authenticator app by hand'),
  otpauthUrl: z.string(),
  qrCode: z.string().describe('PNG data URL of the otpauth URL'),
});

export const enrolmentConfirmed = sessionStarted.extend({
  recoveryCodes: z.array(z.string()).describe('shown once; each works once in place of a code'),
});

export const okResponse = z.object({ ok: z.literal(true) });
