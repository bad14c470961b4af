import type { Criteria } from './types';

export const emptyCriteria: Criteria = {
  q: '',
  category: '',
  population: '',
  language: '',
  province: '',
  near: '',
  radiusKm: '50',
  openNow: false,
};

/** The directory search's query string for these criteria: blank ones left out. */
export function searchParams(criteria: Criteria, page: number, pageSize: number): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['q', 'category', 'population', 'language', 'province', 'near'] as const)
    if (criteria[key].trim()) params.set(key, criteria[key].trim());
  if (criteria.near.trim()) params.set('radiusKm', criteria.radiusKm);
  if (criteria.openNow) params.set('openNow', 'true');
  params.set('page', String(page));
  params.set('pageSize', String(pageSize));
  return params;
}
