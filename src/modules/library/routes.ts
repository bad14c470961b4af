import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFrom } from '../../platform/auth/hooks.js';
import { actorOf } from '../../platform/auth/service.js';
import type { Deps } from '../../platform/context.js';
import { errorBody, errorResponses } from '../../platform/errors.js';
import { acceptedMediaTypes, sendAttachment } from '../../platform/files.js';
import * as schema from './schema.js';
import * as library from './service.js';
import { vocabulary } from './vocabulary.js';

const created = z.object({ id: z.string().uuid() });
const term = z.object({ id: z.string(), en: z.string(), fr: z.string() });

/** Whoever is signed in, on pages open to all: members also see what an author shared with members only. */
const viewerOf = (request: FastifyRequest) => (request.session ? actorOf(request.session) : undefined);

export function libraryRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['library'];
  const open = { access: 'public' as const };
  const maxBytes = deps.config.HARBOUR_LIBRARY_MAX_FILE_MB * 2 ** 20;

  r.get('/api/library/resources', {
    config: open,
    schema: {
      tags,
      summary: 'Browse and search the tools library (members-only resources need a signed-in member)',
      querystring: schema.libraryQuery,
      response: { 200: schema.libraryPage, ...errorResponses },
    },
    handler: async (request) => library.searchLibrary(deps, viewerOf(request), request.query),
  });

  r.get('/api/library/vocabulary', {
    config: open,
    schema: {
      tags,
      summary: 'Categories, kinds and audiences the library files resources under',
      response: { 200: z.object({ categories: z.array(term), kinds: z.array(term), audiences: z.array(term) }) },
    },
    handler: async () => vocabulary(),
  });

  r.get('/api/library/resources/:id', {
    config: open,
    schema: { tags, summary: 'One resource', params: schema.idParams, response: { 200: schema.resourceResult, ...errorResponses } },
    handler: async (request) => library.getResource(deps, viewerOf(request), request.params.id),
  });

  r.get('/api/library/resources/:id/file', {
    config: open,
    schema: {
      tags,
      summary: "Download a resource's file (always as an attachment, never shown in the page)",
      params: schema.idParams,
      response: { 200: z.any().describe('the file itself, with its own Content-Type'), ...errorResponses },
    },
    handler: async (request, reply) => {
      const file = await library.readFile(deps, viewerOf(request), request.params.id);
      return sendAttachment(reply.header('ETag', `"${file.sha256}"`), file);
    },
  });

  r.get('/api/library/mine', {
    schema: {
      tags,
      summary: 'The resources your agency keeps (all, for a network admin), including those with nothing to open yet',
      response: { 200: z.array(schema.resourceResult), ...errorResponses },
    },
    handler: async (request) => library.myResources(deps, actorFrom(request)),
  });

  r.post('/api/library/resources', {
    schema: {
      tags,
      summary: "Share a resource (your agency's; any agency's or the network's for a network admin)",
      body: schema.newResource,
      response: { 201: created, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await library.createResource(deps, actorFrom(request), request.body)),
  });

  r.patch('/api/library/resources/:id', {
    schema: {
      tags,
      summary: 'Change a resource you keep',
      params: schema.idParams,
      body: schema.resourceChanges,
      response: { 200: schema.resourceResult, ...errorResponses },
    },
    handler: async (request) => library.updateResource(deps, actorFrom(request), request.params.id, request.body),
  });

  r.delete('/api/library/resources/:id', {
    schema: {
      tags,
      summary: 'Remove a resource you keep, with its file',
      params: schema.idParams,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await library.deleteResource(deps, actorFrom(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  r.put('/api/library/resources/:id/file', {
    bodyLimit: maxBytes,
    schema: {
      tags,
      summary: `Attach a file to a resource you keep: the body is the file, its type the Content-Type (${acceptedMediaTypes.length} kinds accepted)`,
      params: schema.idParams,
      querystring: schema.fileQuery,
      response: { 200: schema.resourceResult, 413: errorBody, 415: errorBody, ...errorResponses },
    },
    handler: async (request) => {
      const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      return library.attachFile(deps, actorFrom(request), request.params.id, {
        name: request.query.name,
        mediaType: request.headers['content-type'] ?? '',
        content,
      });
    },
  });

  r.get('/api/library/collections', {
    config: open,
    schema: { tags, summary: 'Collections of resources, the start-up toolkit first', response: { 200: z.array(schema.collectionSummary) } },
    handler: async (request) => library.listCollections(deps, viewerOf(request)),
  });

  r.get('/api/library/collections/:slug', {
    config: open,
    schema: {
      tags,
      summary: 'A collection and its resources, in order',
      params: schema.slugParams,
      response: { 200: schema.collectionDetail, ...errorResponses },
    },
    handler: async (request) => library.getCollection(deps, viewerOf(request), request.params.slug),
  });

  r.post('/api/library/collections', {
    schema: {
      tags,
      summary: 'Start a collection (network admins)',
      body: schema.newCollection,
      response: { 201: created, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await library.createCollection(deps, actorFrom(request), request.body)),
  });

  r.put('/api/library/collections/:slug/items', {
    schema: {
      tags,
      summary: 'Set what a collection holds, in order (network admins)',
      params: schema.slugParams,
      body: schema.collectionItems,
      response: { 200: schema.collectionDetail, ...errorResponses },
    },
    handler: async (request) => library.setCollectionItems(deps, actorFrom(request), request.params.slug, request.body.resourceIds),
  });
}
