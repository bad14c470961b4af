import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFrom } from '../../platform/auth/hooks.js';
import type { Deps } from '../../platform/context.js';
import { errorResponses } from '../../platform/errors.js';
import * as schema from './schema.js';
import * as accounts from './service.js';

export function accountRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/agencies', {
    schema: {
      tags: ['agencies'],
      summary: 'Member agencies of the network',
      response: { 200: z.array(schema.agencySchema), ...errorResponses },
    },
    handler: async (request) => accounts.listAgencies(deps, actorFrom(request)),
  });

  r.get('/api/agencies/:id', {
    schema: {
      tags: ['agencies'],
      summary: "An agency's record: your own, or any for a network admin",
      params: schema.idParams,
      response: { 200: schema.agencySchema, ...errorResponses },
    },
    handler: async (request) => accounts.getAgency(deps, actorFrom(request), request.params.id),
  });

  r.post('/api/agencies', {
    schema: {
      tags: ['agencies'],
      summary: 'Add a member agency (network admins)',
      body: schema.newAgencyBody,
      response: { 201: schema.agencySchema, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await accounts.createAgency(deps, actorFrom(request), request.body)),
  });

  r.get('/api/accounts', {
    schema: {
      tags: ['accounts'],
      summary: "Accounts: an agency admin sees their agency's, a network admin everyone's",
      querystring: schema.accountListQuery,
      response: { 200: z.array(schema.accountSchema), ...errorResponses },
    },
    handler: async (request) => accounts.listAccounts(deps, actorFrom(request), request.query.agencyId),
  });

  r.post('/api/accounts', {
    schema: {
      tags: ['accounts'],
      summary: 'Add an account to an agency',
      body: schema.newAccountBody,
      response: { 201: schema.accountSchema, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await accounts.createAccount(deps, actorFrom(request), request.body)),
  });

  r.post('/api/accounts/:id/disable', {
    schema: {
      tags: ['accounts'],
      summary: 'Disable an account; its sessions end at once',
      params: schema.idParams,
      response: { 200: schema.accountSchema, ...errorResponses },
    },
    handler: async (request) => accounts.disableAccount(deps, actorFrom(request), request.params.id),
  });
}
