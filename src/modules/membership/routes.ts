import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFrom } from '../../platform/auth/hooks.js';
import type { Deps } from '../../platform/context.js';
import { errorResponses } from '../../platform/errors.js';
import * as schema from './schema.js';
import * as membership from './service.js';

export function membershipRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/membership/applications', {
    config: { access: 'public' },
    schema: {
      tags: ['membership'],
      summary: 'Apply to join the network (public; limited per address): the applicant is emailed, the network admins told',
      body: schema.applicationBody,
      response: { 201: schema.applicationReceived, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await membership.apply(deps, request.body, request.ip)),
  });

  r.get('/api/membership/applications', {
    schema: {
      tags: ['membership'],
      summary: 'Applications to join, waiting ones first, oldest first (network admins)',
      querystring: schema.applicationsQuery,
      response: { 200: z.array(schema.applicationSummary), ...errorResponses },
    },
    handler: async (request) => membership.listApplications(deps, actorFrom(request), request.query.state),
  });

  r.get('/api/membership/applications/:id', {
    schema: {
      tags: ['membership'],
      summary: 'An application with what was said about it (network admins)',
      params: schema.idParams,
      response: { 200: schema.applicationDetail, ...errorResponses },
    },
    handler: async (request) => membership.getApplication(deps, actorFrom(request), request.params.id),
  });

  r.post('/api/membership/applications/:id/approve', {
    schema: {
      tags: ['membership'],
      summary:
        'Approve (network admins): in one step the agency, its draft directory organization and the invitation of its first admin (the contact)',
      params: schema.idParams,
      body: schema.approveBody,
      response: { 200: schema.approved, ...errorResponses },
    },
    handler: async (request) => membership.approve(deps, actorFrom(request), request.params.id, request.body),
  });

  r.post('/api/membership/applications/:id/ask', {
    schema: {
      tags: ['membership'],
      summary: 'Ask the applicant for more (network admins): they are emailed a one-time link to answer, good for 30 days',
      params: schema.idParams,
      body: schema.askBody,
      response: { 200: schema.applicationDetail, ...errorResponses },
    },
    handler: async (request) => membership.askForMore(deps, actorFrom(request), request.params.id, request.body),
  });

  r.post('/api/membership/applications/:id/decline', {
    schema: {
      tags: ['membership'],
      summary: 'Decline with a reason (network admins): the applicant is emailed the reason',
      params: schema.idParams,
      body: schema.declineBody,
      response: { 200: schema.applicationDetail, ...errorResponses },
    },
    handler: async (request) => membership.decline(deps, actorFrom(request), request.params.id, request.body),
  });

  r.post('/api/membership/answer/question', {
    config: { access: 'public' },
    schema: {
      tags: ['membership'],
      summary: "What the network asked, read with the answer link's secret (public)",
      body: schema.answerLookupBody,
      response: { 200: schema.answerView, ...errorResponses },
    },
    handler: async (request) => membership.lookupQuestion(deps, request.body.token),
  });

  r.post('/api/membership/answer', {
    config: { access: 'public' },
    schema: {
      tags: ['membership'],
      summary: "The applicant's answer (public, with the link's secret; limited per address): the application waits for review again",
      body: schema.answerBody,
      response: { 200: schema.applicationReceived, ...errorResponses },
    },
    handler: async (request) => membership.answer(deps, request.body.token, request.body.answer, request.ip),
  });
}
