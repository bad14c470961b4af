import type { z } from 'zod';
import type { accountSchema, agencySchema, inviteeBody, rolesBody } from '../../../src/modules/accounts/schema';
import { api } from './client';

/** Agencies and accounts: types from the server's own schemas. */
export type Agency = z.output<typeof agencySchema>;
export type Account = z.output<typeof accountSchema>;

export const agencies = () => api<Agency[]>('GET', '/api/agencies');
export const accounts = () => api<Account[]>('GET', '/api/accounts');
export const invite = (body: z.input<typeof inviteeBody>) => api<Account>('POST', '/api/accounts', body);
export const changeRoles = (id: string, body: z.input<typeof rolesBody>) => api<Account>('PUT', `/api/accounts/${id}/roles`, body);
export const reinvite = (id: string, resetSecondFactor: boolean) =>
  api<Account>('POST', `/api/accounts/${id}/reinvite`, { resetSecondFactor });
export const disable = (id: string) => api<Account>('POST', `/api/accounts/${id}/disable`);
