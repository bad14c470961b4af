import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFrom } from '../../platform/auth/hooks.js';
import type { Deps } from '../../platform/context.js';
import { AppError, errorResponses } from '../../platform/errors.js';
import { projectRoot } from '../../platform/project.js';
import { rightsContent } from './content.js';
import { type Font, fontCss, fontFile, fonts } from './fonts.js';
import { NEUTRAL_SITE } from './render.js';
import * as schema from './schema.js';
import * as rights from './service.js';

const assets: Record<string, string> = { 'rights.css': 'text/css; charset=utf-8', 'exit.js': 'text/javascript; charset=utf-8' };

/**
 * The rights pages, public and made on the server (no cookie, nothing cached), and the network
 * admin's record of which translations a native speaker has checked.
 */
export function rightsRoutes(app: FastifyInstance, deps: Deps): void {
  // Read and checked now: a data file that does not fit stops the start, naming the file and field.
  rightsContent();
  const r = app.withTypeProvider<ZodTypeProvider>();
  const page = { config: { access: 'public' as const }, schema: { hide: true } };
  const html = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').send(body);
  // A page that is not there still helps: the index in the visitor's language, answered 404.
  const orIndex = async (reply: FastifyReply, accept: string | undefined, make: () => Promise<string>) => {
    try {
      return html(reply, await make());
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
      return html(reply.code(404), await rights.rightsIndex(rights.negotiate(accept, rightsContent().languages)));
    }
  };

  app.get('/rights', page, async (request, reply) =>
    reply
      .header('Vary', 'Accept-Language')
      .redirect(`/rights/${rights.negotiate(request.headers['accept-language'], rightsContent().languages)}`, 302),
  );
  // The quick exit of every public page: the browser is told to drop what Harbour stored (on
  // https or localhost) and sent straight on to a neutral site by a refresh, which takes this
  // page's place in the history; it is titled like the site it goes to, and says nothing else.
  app.get('/leave', page, async (_request, reply) =>
    reply
      .header('Clear-Site-Data', '"cache", "cookies", "storage"')
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0; url=${NEUTRAL_SITE}"><title>Weather</title></head><body><a href="${NEUTRAL_SITE}">Weather</a></body></html>`,
      ),
  );
  app.get('/rights/assets/:file', page, async (request, reply) => {
    const file = (request.params as { file: string }).file;
    const type = assets[file];
    if (!type) return reply.callNotFound();
    return reply.type(type).send(fs.readFileSync(path.join(projectRoot(), 'data', 'rights', 'assets', file)));
  });
  app.get('/rights/fonts/:font.css', page, async (request, reply) => {
    const font = (request.params as { font: string }).font;
    if (!(fonts as readonly string[]).includes(font)) return reply.callNotFound();
    return reply.type('text/css; charset=utf-8').send(fontCss(font as Font));
  });
  app.get('/rights/fonts/:font/:file', page, async (request, reply) => {
    const { font, file } = request.params as { font: string; file: string };
    const body = fontFile(font, file);
    return body ? reply.type('font/woff2').send(body) : reply.callNotFound();
  });
  r.get('/rights/:language', { ...page, schema: { hide: true, params: schema.languageParams } }, async (request, reply) =>
    orIndex(reply, request.headers['accept-language'], () => rights.rightsIndex(request.params.language)),
  );
  r.get('/rights/:language/:topic', { ...page, schema: { hide: true, params: schema.pageParams } }, async (request, reply) =>
    orIndex(reply, request.headers['accept-language'], () => rights.rightsPage(deps, request.params.language, request.params.topic)),
  );

  const tags = ['rights'];
  r.get('/api/rights/reviews', {
    schema: {
      tags,
      summary: 'Every rights page in every language, with where its translation stands (network admins)',
      response: { 200: z.array(schema.pageState), ...errorResponses },
    },
    handler: async (request) => rights.reviewStates(deps, actorFrom(request)),
  });
  r.post('/api/rights/reviews', {
    schema: {
      tags,
      summary: "Record that a native speaker checked a translation (network admins): it counts for the page's current text",
      body: schema.reviewBody,
      response: { 201: schema.pageState, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await rights.recordReview(deps, actorFrom(request), request.body)),
  });
}
