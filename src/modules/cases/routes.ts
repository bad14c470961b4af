import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFrom } from '../../platform/auth/hooks.js';
import type { Deps } from '../../platform/context.js';
import { errorResponses } from '../../platform/errors.js';
import * as schema from './schema.js';
import * as cases from './service.js';

const ruleRef = z.object({ id: z.string(), source: z.string(), confirmed: z.boolean(), en: z.string(), fr: z.string() });
const assessment = z.object({
  pathways: z.array(
    z.object({
      pathway: z.string(),
      state: z.enum(['open', 'barred', 'holding', 'not-yet', 'lapsed']),
      from: z.string().optional(),
      rules: z.array(ruleRef),
      notes: z.array(z.object({ en: z.string(), fr: z.string() })),
    }),
  ),
  deadlines: z.array(z.object({ kind: z.string(), pathway: z.string(), due: z.string(), remindOn: z.string(), rule: ruleRef })),
});

/** Case records: every route is staff-only, checked against the case's agency, and audited. */
export function caseRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];

  r.post('/api/cases', {
    schema: {
      tags,
      summary: 'Open a case (its content sealed with a key of its own)',
      body: schema.newCase,
      response: { 201: z.object({ id: z.string().uuid() }), ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await cases.createCase(deps, actorFrom(request), request.body)),
  });

  r.get('/api/cases', {
    schema: {
      tags,
      summary: "Your agency's cases you may open; ?name= finds them by a name or alias (through blind tokens, never plaintext)",
      querystring: schema.nameQuery.partial(),
      response: { 200: z.array(schema.caseSummary), ...errorResponses },
    },
    handler: async (request) => cases.listCases(deps, actorFrom(request), request.query.name ? { name: request.query.name } : {}),
  });

  r.get('/api/cases/calendar', {
    schema: {
      tags,
      summary: "The agency's coming deadlines (pathway deadlines and safety-plan actions) of the cases you may open",
      querystring: schema.calendarQuery,
      response: { 200: z.array(schema.calendarEntry), ...errorResponses },
    },
    handler: async (request) => cases.agencyCalendar(deps, actorFrom(request), request.query.days),
  });

  r.get('/api/cases/:id', {
    schema: { tags, summary: 'Open one case', params: schema.idParams, response: { 200: schema.caseView, ...errorResponses } },
    handler: async (request) => cases.getCase(deps, actorFrom(request), request.params.id),
  });

  r.patch('/api/cases/:id', {
    schema: {
      tags,
      summary: 'Change a case',
      params: schema.idParams,
      body: schema.caseChanges,
      response: { 200: schema.caseView, ...errorResponses },
    },
    handler: async (request) => cases.updateCase(deps, actorFrom(request), request.params.id, request.body),
  });

  r.post('/api/cases/:id/break-glass', {
    schema: {
      tags,
      summary: 'Open a restricted case anyway, giving a reason: access for a limited time, recorded and shown to the coordinator',
      params: schema.idParams,
      body: schema.breakGlassBody,
      response: { 201: z.object({ expiresAt: z.string() }), ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await cases.breakGlass(deps, actorFrom(request), request.params.id, request.body.reason)),
  });

  r.post('/api/cases/:id/assessments', {
    schema: {
      tags,
      summary: "Keep an identification-aid assessment with the case (sealed like the rest of it); answers the aid's result",
      params: schema.idParams,
      body: schema.assessmentBody,
      response: { 201: z.record(z.string(), z.unknown()), ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await cases.attachAssessment(deps, actorFrom(request), request.params.id, request.body)),
  });

  r.get('/api/cases/:id/pathways', {
    schema: {
      tags,
      summary: 'Which pathways to status are open, barred or due for the person today, each with its rule and source',
      params: schema.idParams,
      response: { 200: assessment, ...errorResponses },
    },
    handler: async (request) => cases.casePathways(deps, actorFrom(request), request.params.id),
  });
}
