import type { z } from 'zod';
import type { acceptInvitationBody, invitationView } from '../../../src/modules/accounts/schema';
import type { enrolmentConfirmed, enrolmentStarted, meResponse, sessionStarted, signInBody } from '../../../src/platform/auth/schema';
import { api } from './client';

/** Signing in, the second factor and invitations: the server's own schemas give every type. */
export type Me = z.output<typeof meResponse>;
export type Role = Me['account']['roles'][number];
export type Stage = Me['stage'];
export type Enrolment = z.output<typeof enrolmentStarted>;
export type Invited = z.output<typeof invitationView>;
type Started = z.output<typeof sessionStarted>;

export const me = () => api<Me>('GET', '/api/auth/me');
export const signIn = (body: z.input<typeof signInBody>) => api<Started>('POST', '/api/auth/sign-in', body);
export const signOut = (everywhere: boolean) => api('POST', everywhere ? '/api/auth/sign-out-everywhere' : '/api/auth/sign-out');
export const secondFactor = (code: string) => api<Started>('POST', '/api/auth/second-factor', { code });
export const startEnrolment = () => api<Enrolment>('POST', '/api/auth/second-factor/enrolment');
export const confirmEnrolment = (code: string) =>
  api<z.output<typeof enrolmentConfirmed>>('POST', '/api/auth/second-factor/enrolment/confirm', { code });
export const lookUpInvitation = (token: string) => api<Invited>('POST', '/api/invitations/lookup', { token });
export const acceptInvitation = (body: z.input<typeof acceptInvitationBody>) => api<Started>('POST', '/api/invitations/accept', body);
