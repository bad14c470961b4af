import { z } from 'zod';
import { provinceCodes } from '../../platform/schema.js';
import { charts } from './repo.js';

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

const shown = z.number().nullable().describe('null where hidden by disclosure control');
export const chartView = z.object({
  id: z.string(),
  rowDim: z.string(),
  colDim: z.string(),
  rows: z.array(z.string()),
  cols: z.array(z.string()),
  cells: z.array(z.array(shown)),
  rowTotals: z.array(shown).nullable(),
  colTotals: z.array(shown).nullable(),
  total: shown,
  suppressed: z.number().describe('how many figures are hidden'),
});

export const dashboardView = z.object({
  scope: z.enum(['network', 'agency']),
  threshold: z.number(),
  charts: z.array(chartView),
});

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

export const releaseView = z.object({
  id: z.string().uuid(),
  title: z.object({ en: z.string(), fr: z.string() }),
  filters: z.record(z.string(), z.unknown()),
  threshold: z.number(),
  epsilon: z.number().nullable(),
  createdAt: z.string(),
  charts: z.array(chartView),
});

export const budgetView = z.object({ spent: z.number(), total: z.number(), releases: z.number() });
