export type { KeptOrganization, Listing, SearchAnswer, ServiceResult } from '../api/directory';

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
