import type { z } from 'zod';
import type { budgetView, dashboardView, releasePreview, releaseView } from '../../../src/modules/statistics/responses';
import type { newRelease } from '../../../src/modules/statistics/schema';
import { api, path, query } from './client';

/** Pooled statistics: types from the server's own schemas. */
export type Dashboard = z.output<typeof dashboardView>;
export type ChartView = Dashboard['charts'][number];
export type Release = z.output<typeof releaseView>;
export type Budget = z.output<typeof budgetView>;
export type ReleasePreview = z.output<typeof releasePreview>;
export type StatsFilters = Record<'scope' | 'yearFrom' | 'yearTo' | 'province' | 'exploitation', string>;

export const dashboard = (filters: StatsFilters) => api<Dashboard>('GET', `/api/stats/dashboard${query(filters)}`);
export const chartCsvUrl = (chart: string, filters: StatsFilters) => `${path`/api/stats/charts/${chart}/csv`}${query(filters)}`;
export const microdataUrl = '/api/stats/microdata';
export const releases = () => api<Release[]>('GET', '/api/stats/releases');
export const budget = () => api<Budget>('GET', '/api/stats/budget');
export const publish = (body: z.input<typeof newRelease>) => api<{ id: string }>('POST', '/api/stats/releases', body);
export const preview = (body: z.input<typeof newRelease>) => api<ReleasePreview>('POST', '/api/stats/releases/preview', body);
export const withdraw = (id: string, reason: string) =>
  api<{ id: string; withdrawnAt: string }>('POST', path`/api/stats/releases/${id}/withdraw`, { reason });
