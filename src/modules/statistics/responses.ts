import { z } from 'zod';

/**
 * What the statistics answer, as zod schemas that import nothing but zod: the server validates
 * its responses with them and the staff pages take their types from them, never a copy.
 */
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

export const releaseView = z.object({
  id: z.string().uuid(),
  title: z.object({ en: z.string(), fr: z.string() }),
  filters: z.record(z.string(), z.unknown()),
  threshold: z.number(),
  epsilon: z.number().nullable(),
  createdAt: z.string(),
  charts: z.array(chartView).describe('empty once withdrawn'),
  withdrawn: z.object({ at: z.string(), reason: z.string() }).nullable(),
});

/** A release as the public would see it, before it is published: no noise yet, nothing spent. */
export const releasePreview = z.object({
  threshold: z.number(),
  epsilon: z.number().nullable(),
  charts: z.array(chartView),
  nothingToShow: z.boolean().describe('every figure hidden by disclosure control: publishing is refused'),
});

export const budgetView = z.object({ spent: z.number(), total: z.number(), releases: z.number() });
