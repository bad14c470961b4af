import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFrom } from '../../platform/auth/hooks.js';
import type { Deps } from '../../platform/context.js';
import { errorResponses } from '../../platform/errors.js';
import * as schema from './schema.js';
import * as statistics from './service.js';

const csvReply = z.string().describe('CSV, UTF-8 with a byte-order mark');

/** Pooled statistics: every figure through disclosure control; published releases for the public. */
export function statisticsRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['statistics'];

  r.get('/api/stats/dashboard', {
    schema: {
      tags,
      summary: 'Every chart of the dashboard, small counts hidden (and enough others that totals cannot give them back)',
      querystring: schema.dashboardQuery,
      response: { 200: schema.dashboardView, ...errorResponses },
    },
    handler: async (request) => statistics.dashboard(deps, actorFrom(request), request.query),
  });

  r.get('/api/stats/charts/:chart/csv', {
    schema: {
      tags,
      summary: 'One chart as CSV for a spreadsheet (hidden figures as x), with the same filters as the dashboard',
      params: schema.chartParams,
      querystring: schema.dashboardQuery,
      response: { 200: csvReply, ...errorResponses },
    },
    handler: async (request, reply) => {
      const { name, csv } = await statistics.chartCsv(deps, actorFrom(request), request.params.chart, request.query);
      return reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${name}"`)
        .header('Cache-Control', 'no-store')
        .send(csv);
    },
  });

  r.get('/api/stats/microdata', {
    schema: {
      tags,
      summary: 'k-anonymised microdata (k = 11), one row per case in CTDC field names: researchers and network admins',
      response: { 200: csvReply, ...errorResponses },
    },
    handler: async (request, reply) => {
      const result = await statistics.microdataCsv(deps, actorFrom(request));
      return reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="harbour-microdata.csv"')
        .header('Cache-Control', 'no-store')
        .header('X-Harbour-K', String(result.k))
        .header('X-Harbour-Left-Out', String(result.leftOut))
        .header('X-Harbour-Coarsened', result.coarsened.join('; ') || 'nothing')
        .send(result.csv);
    },
  });

  r.get('/api/stats/releases', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'What the network has published, newest first (already through disclosure control)',
      response: { 200: z.array(schema.releaseView), ...errorResponses },
    },
    handler: async () => statistics.listReleases(deps),
  });

  r.post('/api/stats/releases', {
    schema: {
      tags,
      summary: 'Publish chosen charts of the pooled figures, with calibrated noise if epsilon is given (network admins)',
      body: schema.newRelease,
      response: { 201: z.object({ id: z.string().uuid() }), ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await statistics.createRelease(deps, actorFrom(request), request.body)),
  });

  r.post('/api/stats/releases/preview', {
    schema: {
      tags,
      summary: 'A release as the public would see it, before publishing: no noise, nothing stored or spent (network admins)',
      body: schema.newRelease,
      response: { 200: schema.releasePreview, ...errorResponses },
    },
    handler: async (request) => statistics.previewRelease(deps, actorFrom(request), request.body),
  });

  r.post('/api/stats/releases/:id/withdraw', {
    schema: {
      tags,
      summary: 'Withdraw a published release with a reason: listed as withdrawn, figures no longer shown (network admins)',
      params: schema.releaseParams,
      body: schema.withdrawal,
      response: { 200: z.object({ id: z.string().uuid(), withdrawnAt: z.string() }), ...errorResponses },
    },
    handler: async (request) => statistics.withdrawRelease(deps, actorFrom(request), request.params.id, request.body.reason),
  });

  r.get('/api/stats/budget', {
    schema: {
      tags,
      summary: 'The privacy budget: how much epsilon published releases have spent, of the total allowed',
      response: { 200: schema.budgetView, ...errorResponses },
    },
    handler: async (request) => statistics.privacyBudget(deps, actorFrom(request)),
  });
}
