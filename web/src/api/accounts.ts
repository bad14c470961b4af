import type { z } from 'zod';
import type { accountSchema, agencySchema, inviteeBody, member, memberStateBody, rolesBody } from '../../../src/modules/accounts/schema';
import { api, query } from './client';

/** Agencies and accounts: types from the server's own schemas. */
export type Agency = z.output<typeof agencySchema>;
export type Account = z.output<typeof accountSchema>;
export type Member = z.output<typeof member>;

export const agencies = () => api<Agency[]>('GET', '/api/agencies');
export const accounts = () => api<Account[]>('GET', '/api/accounts');
export const invite = (body: z.input<typeof inviteeBody>) => api<Account>('POST', '/api/accounts', body);
export const changeRoles = (id: string, body: z.input<typeof rolesBody>) => api<Account>('PUT', `/api/accounts/${id}/roles`, body);
export const reinvite = (id: string, resetSecondFactor: boolean) =>
  api<Account>('POST', `/api/accounts/${id}/reinvite`, { resetSecondFactor });
export const disable = (id: string) => api<Account>('POST', `/api/accounts/${id}/disable`);
export const members = (filter: { q?: string; province?: string; state?: string }) => api<Member[]>('GET', `/api/members${query(filter)}`);
export const setMemberState = (id: string, body: z.input<typeof memberStateBody>) => api<Agency>('PUT', `/api/members/${id}/state`, body);
