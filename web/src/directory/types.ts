import type { z } from 'zod';
import type { keptOrganization, listing, searchResponse, serviceResult } from '../../../src/modules/directory/responses';

/** The server's own response shapes (its zod schemas), never a copy. */
export type ServiceResult = z.output<typeof serviceResult>;
export type SearchAnswer = z.output<typeof searchResponse>;
export type Listing = z.output<typeof listing>;
export type KeptOrganization = z.output<typeof keptOrganization>;

export interface Criteria {
  q: string;
  category: string;
  population: string;
  language: string;
  province: string;
  near: string;
  radiusKm: string;
  openNow: boolean;
}
