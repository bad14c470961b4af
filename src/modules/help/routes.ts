import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFrom } from '../../platform/auth/hooks.js';
import type { Deps } from '../../platform/context.js';
import { errorResponses } from '../../platform/errors.js';
import { idParams } from '../../platform/schema.js';
import { HELP_FORM, negotiate, rightsContent, translationState } from '../rights/index.js';
import { helpContent } from './content.js';
import { renderHelpPage } from './page.js';
import { ProofOfWork } from './pow.js';
import * as schema from './schema.js';
import * as help from './service.js';

/**
 * The help flow: the form in the person's language, and the API its script and the staff inbox
 * call. The person's side is public, sets no cookie and is never cached (the default for every
 * answer); its requests are rate-limited on a keyed hash of the address, which is not stored.
 */
export function helpRoutes(app: FastifyInstance, deps: Deps): void {
  const words = helpContent();
  const pow = new ProofOfWork(deps.auditKey);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const open = { access: 'public' as const };
  const tags = ['help'];
  const client = (request: FastifyRequest) => request.ip;

  app.get('/help', { config: open, schema: { hide: true } }, async (request, reply) =>
    reply
      .header('Vary', 'Accept-Language')
      .redirect(`/help/${negotiate(request.headers['accept-language'], rightsContent().languages)}`, 302),
  );
  r.get(
    '/help/:language',
    { config: open, schema: { hide: true, params: z.object({ language: z.string().max(20) }) } },
    async (request, reply) => {
      const content = rightsContent();
      const found = content.languages.find((language) => language.code === request.params.language);
      const language =
        found ??
        (content.languages.find(
          (l) => l.code === negotiate(request.headers['accept-language'], content.languages),
        ) as (typeof content.languages)[number]);
      const page = renderHelpPage({
        language,
        languages: content.languages,
        ui: content.ui.get(language.code) as NonNullable<ReturnType<typeof content.ui.get>>,
        words: words.get(language.code) as NonNullable<ReturnType<typeof words.get>>,
        state: await translationState(deps, language.code, HELP_FORM),
      });
      return reply
        .code(found ? 200 : 404)
        .type('text/html; charset=utf-8')
        .send(page);
    },
  );

  r.get('/api/help/intake', {
    config: open,
    schema: {
      tags,
      summary: 'Agencies that take help requests, with the public key to seal each request to, and the network’s fallback key',
      querystring: schema.intakeQuery,
      response: { 200: schema.intakeDirectory, ...errorResponses },
    },
    handler: async (request) => help.intakeDirectory(deps, request.query.province),
  });
  r.post('/api/help/challenge', {
    config: open,
    schema: {
      tags,
      summary: 'A proof-of-work challenge to solve before sending a request (ALTCHA, SHA-256)',
      response: { 200: schema.challenge },
    },
    handler: async () => pow.challenge(),
  });
  r.post('/api/help/requests', {
    config: open,
    schema: {
      tags,
      summary: 'Send a help request sealed in the browser (HPKE) to the chosen agency’s key and the network’s; the server cannot read it',
      body: schema.requestBody,
      response: { 201: schema.requestReceived, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await help.receiveRequest(deps, pow, client(request), request.body)),
  });
  r.post('/api/help/status', {
    config: open,
    schema: {
      tags,
      summary: 'Where a request stands and the agency’s sealed replies, found by the lookup the browser made from the receipt',
      body: schema.statusBody,
      response: { 200: schema.status, ...errorResponses },
    },
    handler: async (request) => help.requestStatus(deps, client(request), request.body.lookup),
  });

  r.get('/api/help/my-key', {
    schema: {
      tags,
      summary: 'Your own key pair: public key and the private key wrapped by your passphrase',
      response: { 200: schema.staffKey, ...errorResponses },
    },
    handler: async (request) => help.myStaffKey(deps, actorFrom(request)),
  });
  r.put('/api/help/my-key', {
    schema: {
      tags,
      summary:
        'Set up (or replace) your own key pair, made and wrapped in your browser; replacing ends the inbox keys sealed to the old one',
      body: schema.staffKeyBody,
      response: { 200: schema.staffKey, ...errorResponses },
    },
    handler: async (request) => help.setStaffKey(deps, actorFrom(request), request.body),
  });
  r.get('/api/help/keys', {
    schema: {
      tags,
      summary: 'An inbox’s intake keys, who holds the current one, and who could be given it',
      querystring: schema.inboxQuery,
      response: { 200: schema.inboxKeys, ...errorResponses },
    },
    handler: async (request) => help.inboxKeys(deps, actorFrom(request), request.query.inbox),
  });
  r.post('/api/help/keys', {
    schema: {
      tags,
      summary:
        'Make the inbox’s intake key (agency admins; network admins for the network’s): the private half comes sealed to your own key',
      body: schema.intakeKeyBody,
      response: { 201: schema.inboxKeys, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await help.createIntakeKey(deps, actorFrom(request), request.body)),
  });
  r.post('/api/help/keys/:id/shares', {
    schema: {
      tags,
      summary: 'Give a colleague the intake key, sealed in your browser to their own key (only a holder can)',
      params: idParams,
      querystring: schema.inboxQuery,
      body: schema.shareBody,
      response: { 200: schema.inboxKeys, ...errorResponses },
    },
    handler: async (request) => help.shareIntakeKey(deps, actorFrom(request), request.params.id, request.query.inbox, request.body),
  });
  r.get('/api/help/inbox', {
    schema: {
      tags,
      summary: 'The inbox’s requests, sealed, with their sealed replies',
      querystring: schema.inboxQuery,
      response: { 200: schema.inbox, ...errorResponses },
    },
    handler: async (request) => help.listInbox(deps, actorFrom(request), request.query.inbox),
  });
  r.post('/api/help/inbox/:id/action', {
    schema: {
      tags,
      summary: 'Accept, decline (the network takes it) or close a request',
      params: idParams,
      body: schema.actionBody,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await help.actOnRequest(deps, actorFrom(request), request.params.id, request.body.inbox, request.body.action);
      return reply.status(204).send(null);
    },
  });
  r.post('/api/help/inbox/:id/forward', {
    schema: {
      tags,
      summary:
        "Pass a waiting request from the network's inbox to an agency, sealed again in your browser to the agency's key (network admins)",
      params: idParams,
      body: schema.forwardBody,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await help.forwardRequest(deps, actorFrom(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  });
  r.post('/api/help/inbox/:id/replies', {
    schema: {
      tags,
      summary: 'Reply to an accepted request, sealed in the browser with the key made from its receipt',
      params: idParams,
      body: schema.replyBody,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await help.reply(deps, actorFrom(request), request.params.id, request.body.inbox, request.body);
      return reply.status(204).send(null);
    },
  });
}
