import { z } from 'zod';

const text = z.object({ en: z.string(), fr: z.string() });

export const listSummary = z.object({
  id: z.string(),
  title: text,
  population: z.enum(['adult', 'child']),
  exploitation: z.enum(['labour', 'sexual']),
  confirmed: z.boolean().describe('false while the list has not been checked against its source'),
});

export const indicatorList = listSummary.extend({
  source: z.object({ citation: z.string(), provenance: z.string(), url: z.string().optional() }),
  rule: z.object({
    elements: z.array(z.object({ id: z.string(), title: text, dimensions: z.array(z.string()) })),
    note: text.optional(),
  }),
  dimensions: z.array(z.object({ id: z.string(), title: text })),
  parts: z.array(z.object({ id: z.string(), title: text, opening: text, dimensions: z.array(z.string()) })),
  indicators: z.array(
    z.object({
      id: z.string(),
      dimension: z.string(),
      strength: z.enum(['strong', 'medium', 'weak']),
      text,
      uncertain: z.boolean().optional(),
    }),
  ),
});

export const spectrum = z.object({
  source: z.object({ citation: z.string(), provenance: z.string() }),
  levels: z.array(
    z.object({
      id: z.string(),
      title: text,
      description: text,
      indicators: z.array(z.string()),
      remedies: z.array(z.object({ id: z.string(), title: text, description: text, categories: z.array(z.string()) })),
    }),
  ),
  categories: z.array(z.object({ id: z.string(), en: z.string(), fr: z.string() })),
});

export const listParams = z.object({ id: z.string().min(1).max(100) });

export const assessmentBody = z.object({
  listId: z.string().min(1, 'required').max(100),
  indicators: z.array(z.string().max(20)).max(200).describe('ids of the indicators the worker ticked'),
});

const counts = z.object({ strong: z.number(), medium: z.number(), weak: z.number() });

export const assessmentResponse = z.object({
  listId: z.string(),
  indicatesTrafficking: z.boolean().describe('all required elements are met: the indicators point to trafficking; a worker decides'),
  elements: z.array(z.object({ id: z.string(), met: z.boolean(), positiveDimensions: z.array(z.string()) })),
  dimensions: z.array(
    z.object({
      id: z.string(),
      positive: z.boolean(),
      counts,
      indicators: z.array(z.string()),
      missing: z.object({ needed: z.number(), mixes: z.array(counts), examples: z.array(z.string()) }).nullable(),
    }),
  ),
  spectrum: z.object({
    level: z.string().nullable(),
    reached: z.array(z.object({ level: z.string(), indicators: z.array(z.string()) })),
  }),
});
