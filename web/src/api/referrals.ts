import type { z } from 'zod';
import type * as schema from '../../../src/modules/referrals/schema';
import { api, path, query } from './client';

/** Referrals between agencies: types from the server's own schemas. */
export type ReferralSummary = z.output<typeof schema.referralSummary>;
export type ReferralView = z.output<typeof schema.referralView>;
export type ReferralState = ReferralSummary['state'];
export type Shared = NonNullable<ReferralView['shared']>;
export type SafeContact = Shared['safeContact'];
// The form sends the consent box as it is, ticked or not: the server refuses a referral the person did not agree to, and says so.
type WithConsentAsTicked<T> = Omit<T, 'consent'> & { consent?: { givenOn: string; until: string; agreed: boolean } };
export type NewReferral = WithConsentAsTicked<z.input<typeof schema.newReferral>>;
export type DraftChanges = WithConsentAsTicked<z.input<typeof schema.draftChanges>>;
type Moved = { id: string; state: ReferralState };

export const listReferrals = (box: 'inbox' | 'sent') => api<ReferralSummary[]>('GET', `/api/referrals${query({ box })}`);
export const getReferral = (id: string) => api<ReferralView>('GET', path`/api/referrals/${id}`);
export const startReferral = (body: NewReferral) => api<Moved>('POST', '/api/referrals', body);
export const changeDraft = (id: string, changes: DraftChanges) => api<Moved>('PATCH', path`/api/referrals/${id}`, changes);
export const moveReferral = (id: string, body: z.input<typeof schema.transition>) =>
  api<Moved>('POST', path`/api/referrals/${id}/state`, body);
export const withdrawConsent = (id: string) => api<Moved>('POST', path`/api/referrals/${id}/withdraw-consent`, {});
