import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFrom } from '../../platform/auth/hooks.js';
import type { Deps } from '../../platform/context.js';
import { errorResponses } from '../../platform/errors.js';
import { unsubscribeRoutes } from '../../platform/unsubscribe.js';
import * as schema from './schema.js';
import * as threads from './threads.js';

const tags = ['groups'];

export function threadRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/groups/:id/threads', {
    schema: {
      tags,
      summary: 'The group’s threads, latest first (members)',
      params: schema.idParams,
      response: { 200: z.array(schema.threadSummary), ...errorResponses },
    },
    handler: async (request) => threads.listThreads(deps, actorFrom(request), request.params.id),
  });

  r.post('/api/groups/:id/threads', {
    schema: {
      tags,
      summary: 'Start a thread (members): it goes to the members by email as list mail; case information is refused',
      params: schema.idParams,
      body: schema.newThread,
      response: { 201: schema.threadDetail, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await threads.startThread(deps, actorFrom(request), request.params.id, request.body)),
  });

  r.get('/api/groups/:id/threads/:threadId', {
    schema: {
      tags,
      summary: 'A thread’s posts, each with what it quoted folded away; reading marks them seen',
      params: schema.threadParams,
      response: { 200: schema.threadDetail, ...errorResponses },
    },
    handler: async (request) => threads.getThread(deps, actorFrom(request), request.params.id, request.params.threadId),
  });

  r.post('/api/groups/:id/threads/:threadId/posts', {
    schema: {
      tags,
      summary: 'Reply in a thread (members); case information is refused',
      params: schema.threadParams,
      body: schema.newPost,
      response: { 201: schema.threadDetail, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await threads.replyInThread(deps, actorFrom(request), request.params.id, request.params.threadId, request.body)),
  });

  r.get('/api/groups/:id/delivery', {
    schema: {
      tags,
      summary: 'How you receive the group’s mail, and its address',
      params: schema.idParams,
      response: { 200: schema.deliveryView, ...errorResponses },
    },
    handler: async (request) => threads.myDelivery(deps, actorFrom(request), request.params.id),
  });

  r.put('/api/groups/:id/delivery', {
    schema: {
      tags,
      summary: 'Every message, a daily or weekly digest of what you have not read, or nothing',
      params: schema.idParams,
      body: schema.deliveryBody,
      response: { 200: schema.deliveryBody, ...errorResponses },
    },
    handler: async (request) => threads.setDelivery(deps, actorFrom(request), request.params.id, request.body.delivery),
  });

  r.get('/api/groups/:id/held', {
    schema: {
      tags,
      summary: 'Mail from non-members held for the coordinators',
      params: schema.idParams,
      response: { 200: schema.heldView, ...errorResponses },
    },
    handler: async (request) => threads.heldMail(deps, actorFrom(request), request.params.id),
  });

  r.post('/api/groups/:id/held/:heldId', {
    schema: {
      tags,
      summary: 'Pass a held message on to the group, or reject it (coordinators)',
      params: schema.heldParams,
      body: schema.heldDecision,
      response: { 200: schema.heldView, ...errorResponses },
    },
    handler: async (request) =>
      threads.decideHeld(deps, actorFrom(request), request.params.id, request.params.heldId, request.body.decision),
  });

  unsubscribeRoutes(app, {
    path: '/api/lists/unsubscribe',
    tags,
    what: 'a group’s list mail',
    question: "Stop this group's emails? / Ne plus recevoir les courriels de ce groupe ?",
    stays: 'You stay in the group and can read it on its page. / Vous restez dans le groupe et pouvez le lire sur sa page.',
    response: z.object({ group: z.string(), groupFr: z.string(), delivery: z.literal('none') }),
    unsubscribe: async (token) => ({ ...(await threads.unsubscribe(deps, token)), delivery: 'none' as const }),
  });
}
