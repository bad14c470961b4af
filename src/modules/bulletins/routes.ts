import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFrom } from '../../platform/auth/hooks.js';
import type { Deps } from '../../platform/context.js';
import { errorResponses } from '../../platform/errors.js';
import { unsubscribeRoutes } from '../../platform/unsubscribe.js';
import * as schema from './schema.js';
import * as bulletins from './service.js';

const tags = ['bulletins'];
const open = { access: 'public' as const };

export function bulletinRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const one = { 200: schema.bulletinView, ...errorResponses };

  r.get('/api/bulletins', {
    schema: {
      tags,
      summary: 'The bulletins: published ones for every member, drafts too for network admins',
      response: { 200: z.array(schema.bulletinView), ...errorResponses },
    },
    handler: async (request) => bulletins.listBulletins(deps, actorFrom(request)),
  });

  r.get('/api/bulletins/mail', {
    schema: { tags, summary: 'Whether you get each bulletin by email', response: { 200: schema.mailChoice, ...errorResponses } },
    handler: async (request) => bulletins.mailChoice(deps, actorFrom(request)),
  });

  r.put('/api/bulletins/mail', {
    schema: {
      tags,
      summary: 'Get each bulletin by email, or stop (your own choice only)',
      body: schema.mailChoice,
      response: { 200: schema.mailChoice, ...errorResponses },
    },
    handler: async (request) => bulletins.chooseMail(deps, actorFrom(request), request.body.byEmail),
  });

  unsubscribeRoutes(app, {
    path: '/api/bulletins/unsubscribe',
    tags,
    what: 'the bulletin’s email edition',
    question: 'Stop getting the bulletin by email? / Ne plus recevoir le bulletin par courriel ?',
    stays:
      'You can still read every bulletin in Harbour, and turn the emails back on there. / Vous pouvez toujours lire chaque bulletin dans Harbour, et y rétablir les courriels.',
    response: schema.mailChoice,
    unsubscribe: (token) => bulletins.unsubscribe(deps, token),
  });

  r.get('/api/bulletins/:id', {
    schema: { tags, summary: 'A bulletin, with its Markdown made safe HTML', params: schema.idParams, response: one },
    handler: async (request) => bulletins.getBulletin(deps, actorFrom(request), request.params.id),
  });

  r.post('/api/bulletins', {
    schema: {
      tags,
      summary: 'Write a draft (network admins), in English and French Markdown',
      body: schema.bulletinBody,
      response: { 201: schema.bulletinView, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await bulletins.createDraft(deps, actorFrom(request), request.body)),
  });

  r.put('/api/bulletins/:id', {
    schema: {
      tags,
      summary: 'Change a draft (network admins; compare-and-set on updatedAt)',
      params: schema.idParams,
      body: schema.bulletinChanges,
      response: one,
    },
    handler: async (request) => bulletins.updateDraft(deps, actorFrom(request), request.params.id, request.body),
  });

  r.post('/api/bulletins/:id/publish', {
    schema: {
      tags,
      summary: 'Publish a draft (network admins): it can no longer change, and its email edition goes to everyone who can sign in',
      params: schema.idParams,
      body: schema.publishBody,
      response: one,
    },
    handler: async (request) => bulletins.publish(deps, actorFrom(request), request.params.id, request.body),
  });

  r.post('/api/bulletins/preview', {
    schema: {
      tags,
      summary: 'Markdown as the bulletin will show it (network admins)',
      body: schema.previewBody,
      response: { 200: z.object({ html: z.string() }), ...errorResponses },
    },
    handler: async (request) => bulletins.preview(actorFrom(request), request.body.markdown),
  });

  r.get('/api/public/bulletins', {
    config: open,
    schema: {
      tags,
      summary: 'The public bulletins, newest first (anyone)',
      response: { 200: z.array(schema.publicBulletin), ...errorResponses },
    },
    handler: async () => bulletins.publicList(deps),
  });

  r.get('/api/public/bulletins/:id', {
    config: open,
    schema: {
      tags,
      summary: 'A public bulletin (anyone)',
      params: schema.idParams,
      response: { 200: schema.publicBulletin, ...errorResponses },
    },
    handler: async (request) => bulletins.publicOne(deps, request.params.id),
  });

  r.get('/news.atom', {
    config: open,
    schema: {
      tags,
      summary: 'The public bulletins as an Atom feed, in English or French',
      querystring: schema.feedQuery,
      response: { 200: z.any().describe('application/atom+xml'), ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.header('Content-Type', 'application/atom+xml; charset=utf-8').send(await bulletins.publicFeed(deps, request.query.lang)),
  });
}
