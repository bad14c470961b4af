import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFrom } from '../../platform/auth/hooks.js';
import type { Deps } from '../../platform/context.js';
import { errorResponses } from '../../platform/errors.js';
import * as schema from './schema.js';
import * as directory from './service.js';
import { taxonomy } from './taxonomy.js';

const created = z.object({ id: z.string().uuid() });
const term = z.object({ id: z.string(), en: z.string(), fr: z.string(), parent: z.string().optional() });

export function directoryRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['directory'];
  const open = { access: 'public' as const };

  r.get('/api/directory/search', {
    config: open,
    schema: {
      tags,
      summary: 'Search services: free text in English or French, filters, near a place, ranked and paginated',
      querystring: schema.searchQuery,
      response: { 200: schema.searchResponse, ...errorResponses },
    },
    handler: async (request) => directory.search(deps, request.query),
  });

  r.get('/api/directory/services/:id', {
    config: open,
    schema: {
      tags,
      summary: 'One service, as the public sees it',
      params: schema.idParams,
      response: { 200: schema.serviceResult, ...errorResponses },
    },
    handler: async (request) => directory.getService(deps, request.params.id),
  });

  r.get('/api/directory/taxonomy', {
    config: open,
    schema: {
      tags,
      summary: 'Categories, populations and languages the directory files services under',
      response: { 200: z.object({ categories: z.array(term), populations: z.array(term), languages: z.array(term) }) },
    },
    handler: async () => {
      const { categories, populations, languages } = taxonomy();
      return { categories, populations, languages };
    },
  });

  r.post('/api/directory/services/:id/reports', {
    config: open,
    schema: {
      tags,
      summary: 'Tell the network a listing is wrong (no account needed; limited per address)',
      params: schema.idParams,
      body: schema.reportBody,
      response: { 201: created, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await directory.reportListing(deps, request.params.id, request.body.message, request.ip)),
  });

  r.patch('/api/directory/services/:id', {
    schema: {
      tags,
      summary: 'Change a listing you keep',
      params: schema.idParams,
      body: schema.serviceChanges,
      response: { 200: schema.serviceResult, ...errorResponses },
    },
    handler: async (request) => directory.updateService(deps, actorFrom(request), request.params.id, request.body),
  });

  r.post('/api/directory/services/:id/verify', {
    schema: {
      tags,
      summary: 'Confirm a listing you keep is still right',
      params: schema.idParams,
      response: { 200: schema.serviceResult, ...errorResponses },
    },
    handler: async (request) => directory.verifyService(deps, actorFrom(request), request.params.id),
  });

  r.get('/api/directory/listings', {
    schema: {
      tags,
      summary:
        'The listings your agency keeps (all, for a network admin): searchable, by agency and province, overdue first, a page at a time',
      querystring: schema.listingsQuery,
      response: { 200: schema.listingsPage, ...errorResponses },
    },
    handler: async (request) => directory.myListings(deps, actorFrom(request), request.query),
  });

  r.post('/api/directory/listings/verify', {
    schema: {
      tags,
      summary: "Confirm several of your agency's listings at once (its admins)",
      body: schema.verifyListingsBody,
      response: { 200: z.object({ verified: z.number() }), ...errorResponses },
    },
    handler: async (request) => directory.verifyListings(deps, actorFrom(request), request.body.ids),
  });

  r.get('/api/directory/organizations', {
    schema: {
      tags,
      summary: 'The organizations you keep (all, for a network admin), with their locations',
      response: { 200: z.array(schema.keptOrganization), ...errorResponses },
    },
    handler: async (request) => directory.myOrganizations(deps, actorFrom(request)),
  });

  r.post('/api/directory/organizations', {
    schema: {
      tags,
      summary: "Add an organization (your agency's, or any for a network admin)",
      body: schema.newOrganization,
      response: { 201: created, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send({ id: (await directory.createOrganization(deps, actorFrom(request), request.body)).id }),
  });

  r.post('/api/directory/service-points', {
    schema: {
      tags,
      summary: 'Add a location; a confidential one keeps its address sealed',
      body: schema.newServicePoint,
      response: { 201: created, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send({ id: (await directory.createServicePoint(deps, actorFrom(request), request.body)).id }),
  });

  r.post('/api/directory/services', {
    schema: {
      tags,
      summary: 'Add a service to an organization you keep',
      body: schema.newService,
      response: { 201: created, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send({ id: (await directory.createService(deps, actorFrom(request), request.body)).id }),
  });
}
