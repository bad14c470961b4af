import type { z } from 'zod';
import type { accountSchema, agencySchema } from '../../../src/modules/accounts/schema';
import { api } from './client';

/** Agencies and accounts: types from the server's own schemas. */
export type Agency = z.output<typeof agencySchema>;
export type Account = z.output<typeof accountSchema>;

export const agencies = () => api<Agency[]>('GET', '/api/agencies');
export const accounts = () => api<Account[]>('GET', '/api/accounts');
