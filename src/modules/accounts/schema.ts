import { z } from 'zod';
import { roles } from '../../db/tables.js';
import { provinceCodes, shortName } from '../../platform/schema.js';

export const provinces = [...provinceCodes, 'CA'] as const;

export const memberStates = ['active', 'suspended', 'left'] as const;

export const agencySchema = z.object({
  id: z.string().uuid(),
  slug: z.string(),
  name: z.string(),
  province: z.enum(provinces),
  isSample: z.boolean(),
  state: z.enum(memberStates).describe('suspended or left: its accounts cannot sign in and its listings are withheld'),
});

export const membersQuery = z.object({
  q: z.string().trim().max(200).optional(),
  province: z.enum(provinces, { message: 'a two-letter province or territory code, or CA for national' }).optional(),
  state: z.enum(memberStates, { message: `one of ${memberStates.join(', ')}` }).optional(),
});

export const member = agencySchema.extend({
  stateChangedAt: z.string().nullable(),
  accounts: z.number(),
  admins: z.array(z.object({ name: z.string(), email: z.string() })),
});

/** A member's new state, and the state the network admin saw. */
export const memberStateBody = z.object({
  state: z.enum(memberStates, { message: `one of ${memberStates.join(', ')}` }),
  was: z.enum(memberStates),
});

export const newAgencyBody = z.object({
  slug: shortName,
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
  state: z.enum(['invited', 'active', 'disabled']).describe('invited: no password set yet'),
  secondFactorEnrolled: z.boolean(),
  lastSignInAt: z.string().nullable(),
});

/** New roles for an account, and the roles the admin saw: a change made meanwhile is not overwritten. */
export const rolesBody = z.object({
  roles: z.array(z.enum(roles)).min(1, 'at least one role').max(5),
  was: z.array(z.enum(roles)).describe('the roles as the admin saw them'),
});

/** Who is invited: there is no password here — the person sets their own through the link. */
export const inviteeBody = z.object({
  agencyId: z.string().uuid('an agency id'),
  email: z.string().trim().toLowerCase().email('not an email address').max(254),
  displayName: z.string().trim().min(1, 'required').max(120),
  roles: z.array(z.enum(roles)).min(1, 'at least one role'),
});

export const reinviteBody = z.object({
  /** Also clear the authenticator app (a lost phone); the person sets a new one. */
  resetSecondFactor: z.boolean().default(false),
});

export const invitationToken = z.object({ token: z.string().min(20, 'not an invitation token').max(200) });
export const acceptInvitationBody = invitationToken.extend({ password: z.string().min(1, 'required').max(1024) });
export const invitationView = z.object({ email: z.string(), displayName: z.string(), agency: z.string(), expiresAt: z.string() });

/** A seeded account (the sample network, tests): never reachable over HTTP. */
export interface SeededAccount extends z.infer<typeof inviteeBody> {
  password: string;
}

export { idParams } from '../../platform/schema.js';
export const accountListQuery = z.object({ agencyId: z.string().uuid('not an id').optional() });

export type NewAgency = z.input<typeof newAgencyBody>;
export type Invitee = z.infer<typeof inviteeBody>;
