import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/errors.js';
import * as schema from './schema.js';
import * as screening from './service.js';

/**
 * The identification aid is public: a worker can use it without signing in, and the page runs
 * the same rules in the browser so nothing about the person needs to leave it. These routes
 * serve the data and evaluate for other clients; they store nothing.
 */
export function screeningRoutes(app: FastifyInstance): void {
  screening.screeningData();
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['identification aid'];
  const config = { access: 'public' as const };

  r.get('/api/screening/lists', {
    config,
    schema: { tags, summary: 'The indicator lists', response: { 200: z.array(schema.listSummary) } },
    handler: async () => screening.listSummaries(),
  });

  r.get('/api/screening/lists/:id', {
    config,
    schema: {
      tags,
      summary: 'One indicator list: its dimensions, conversation parts, indicators, rule and source',
      params: schema.listParams,
      response: { 200: schema.indicatorList, ...errorResponses },
    },
    handler: async (request) => screening.getList(request.params.id),
  });

  r.get('/api/screening/spectrum', {
    config,
    schema: {
      tags,
      summary: 'The spectrum of exploitation, its remedies and the directory categories they link to',
      response: { 200: schema.spectrum },
    },
    handler: async () => screening.getSpectrum(),
  });

  r.post('/api/screening/assessments', {
    config,
    schema: {
      tags,
      summary: 'Evaluate ticked indicators against a list and place them on the spectrum; nothing is stored',
      body: schema.assessmentBody,
      response: { 200: schema.assessmentResponse, ...errorResponses },
    },
    handler: async (request) => screening.evaluate(request.body),
  });
}
