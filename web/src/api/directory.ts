import type { z } from 'zod';
import type { keptOrganization, listing, listingsPage, searchResponse, serviceResult } from '../../../src/modules/directory/responses';
import type { newService, newServicePoint, serviceChanges } from '../../../src/modules/directory/schema';
import { api, path } from './client';

/** The directory of services: the server's own response shapes (its zod schemas), never a copy. */
export type ServiceResult = z.output<typeof serviceResult>;
export type SearchAnswer = z.output<typeof searchResponse>;
export type Listing = z.output<typeof listing>;
export type ListingsPage = z.output<typeof listingsPage>;
export type KeptOrganization = z.output<typeof keptOrganization>;
export type NewServiceBody = z.input<typeof newService>;
export type ServiceBody = z.input<typeof serviceChanges>;

type Created = { id: string };

/** `params` as the search form builds them (directory/query.ts). */
export const search = (params: URLSearchParams) => api<SearchAnswer>('GET', `/api/directory/search?${params}`);
export const getService = (id: string) => api<ServiceResult>('GET', path`/api/directory/services/${id}`);
export const listings = (filter: { q?: string; agencyId?: string; province?: string; page: number }) => {
  const params = new URLSearchParams({ page: String(filter.page), pageSize: '25' });
  for (const key of ['q', 'agencyId', 'province'] as const) if (filter[key]) params.set(key, filter[key] as string);
  return api<ListingsPage>('GET', `/api/directory/listings?${params}`);
};
export const verifyListings = (ids: string[]) => api<{ verified: number }>('POST', '/api/directory/listings/verify', { ids });
export const keptOrganizations = () => api<KeptOrganization[]>('GET', '/api/directory/organizations');
export const addOrganization = (name: string) => api<Created>('POST', '/api/directory/organizations', { name });
export const addServicePoint = (body: z.input<typeof newServicePoint>) => api<Created>('POST', '/api/directory/service-points', body);
export const addService = (body: NewServiceBody) => api<Created>('POST', '/api/directory/services', body);
export const changeService = (id: string, changes: ServiceBody) =>
  api<ServiceResult>('PATCH', path`/api/directory/services/${id}`, changes);
export const verifyService = (id: string) => api<ServiceResult>('POST', path`/api/directory/services/${id}/verify`);
export const reportListing = (id: string, message: string) =>
  api<Created>('POST', path`/api/directory/services/${id}/reports`, { message });
