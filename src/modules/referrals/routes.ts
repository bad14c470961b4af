import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { referralStates } from '../../db/tables.js';
import { actorFrom } from '../../platform/auth/hooks.js';
import type { Deps } from '../../platform/context.js';
import { errorResponses } from '../../platform/errors.js';
import { idParams } from '../../platform/schema.js';
import * as schema from './schema.js';
import * as referrals from './service.js';

const moved = z.object({ id: z.string().uuid(), state: z.enum(referralStates), toCaseId: z.string().uuid().nullable().optional() });

/** The national referral mechanism: both agencies on a referral use the same routes, each from its side. */
export function referralRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['referrals'];

  r.post('/api/referrals', {
    schema: {
      tags,
      summary: 'Refer a person to a service or agency, with their consent; only the minimum is shared',
      body: schema.newReferral,
      response: { 201: z.object({ id: z.string().uuid(), state: z.enum(referralStates) }), ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await referrals.createReferral(deps, actorFrom(request), request.body)),
  });

  r.get('/api/referrals', {
    schema: {
      tags,
      summary: "The agency's inbox (box=inbox) or what it sent (box=sent), newest change first",
      querystring: schema.listQuery,
      response: { 200: z.array(schema.referralSummary), ...errorResponses },
    },
    handler: async (request) => referrals.listReferrals(deps, actorFrom(request), request.query.box),
  });

  r.get('/api/referrals/:id', {
    schema: {
      tags,
      summary: 'One referral from your side, with its timeline; the receiver sees only what was shared (audited)',
      params: idParams,
      response: { 200: schema.referralView, ...errorResponses },
    },
    handler: async (request) => referrals.getReferral(deps, actorFrom(request), request.params.id),
  });

  r.patch('/api/referrals/:id', {
    schema: {
      tags,
      summary: 'Change a draft before it is sent: what is shared, the consent, the urgency, the note (not where it goes)',
      params: idParams,
      body: schema.draftChanges,
      response: { 200: z.object({ id: z.string().uuid(), state: z.enum(referralStates) }), ...errorResponses },
    },
    handler: async (request) => referrals.updateDraft(deps, actorFrom(request), request.params.id, request.body),
  });

  r.post('/api/referrals/:id/state', {
    schema: {
      tags,
      summary: 'Move a referral on: sent, accepted (openCase), declined (reason), in-progress, completed, closed (reason)',
      params: idParams,
      body: schema.transition,
      response: { 200: moved, ...errorResponses },
    },
    handler: async (request) => referrals.moveTo(deps, actorFrom(request), request.params.id, request.body),
  });

  r.post('/api/referrals/:id/withdraw-consent', {
    schema: {
      tags,
      summary: "The person withdraws consent: the receiver's key is destroyed at once and an open referral closes",
      params: idParams,
      response: { 200: moved.extend({ consentWithdrawn: z.literal(true) }), ...errorResponses },
    },
    handler: async (request) => referrals.withdrawConsent(deps, actorFrom(request), request.params.id),
  });
}
