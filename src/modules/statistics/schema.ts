import { z } from 'zod';
import { provinceCodes } from '../../platform/schema.js';
import { charts } from './repo.js';

export { budgetView, chartView, dashboardView, releasePreview, releaseView } from './responses.js';

const chartIds = charts.map((chart) => chart.id) as [string, ...string[]];
export const chartId = z.enum(chartIds, { message: `one of ${chartIds.join(', ')}` });

const year = z.coerce.number().int('a year').min(1990, 'a year from 1990').max(2100, 'a year to 2100');
const filterFields = z.object({
  yearFrom: year.optional(),
  yearTo: year.optional(),
  province: z.enum(provinceCodes, { message: 'a two-letter province or territory code' }).optional(),
  exploitation: z.enum(['labour', 'sexual', 'other'], { message: 'one of labour, sexual, other' }).optional(),
});
const yearsInOrder = (f: { yearFrom?: number; yearTo?: number }) =>
  f.yearFrom === undefined || f.yearTo === undefined || f.yearFrom <= f.yearTo;
const inOrder = { message: 'yearTo: on or after yearFrom', path: ['yearTo'] };
export const filters = filterFields.refine(yearsInOrder, inOrder);

export const dashboardQuery = filterFields
  .extend({
    scope: z
      .enum(['network', 'agency'], { message: 'network or agency' })
      .default('network')
      .describe("network: everyone's cases pooled; agency: your agency's own"),
  })
  .refine(yearsInOrder, inOrder);
export type DashboardQuery = z.infer<typeof dashboardQuery>;

export const chartParams = z.object({ chart: chartId });

export const newRelease = z.object({
  titleEn: z.string().trim().min(3, 'at least 3 characters').max(200),
  titleFr: z.string().trim().min(3, 'at least 3 characters').max(200),
  charts: z.array(chartId).min(1, 'at least one chart').max(charts.length),
  filters: filters.default({}),
  epsilon: z
    .number()
    .positive('above 0')
    .max(10)
    .optional()
    .describe('add calibrated noise (ε-differential privacy), spending this much of the budget; omit for none'),
});
export type NewRelease = z.infer<typeof newRelease>;

export const releaseParams = z.object({ id: z.string().uuid('a release id') });
export const withdrawal = z.object({
  reason: z.string().trim().min(10, 'at least 10 characters: say why, for the public list').max(500, 'at most 500 characters'),
});
