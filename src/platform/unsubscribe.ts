import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';
import type { Deps } from './context.js';
import { errorResponses } from './errors.js';

/**
 * Unsubscribing from Harbour's mail with nothing stored: the token names a list (a group's id,
 * or "bulletins") and an account, with a keyed hash of both, so only Harbour can make one. The
 * link's page only shows a button, so a link checker opening the address changes nothing; the
 * mail program's one-click POST (RFC 8058) is the form the button sends.
 */
const mac = (deps: Deps, list: string, accountId: string) =>
  crypto.createHmac('sha256', deps.auditKey).update(`harbour:list-unsubscribe:${list}:${accountId}`).digest('base64url').slice(0, 32);

export const unsubscribeToken = (deps: Deps, list: string, accountId: string) => `${list}.${accountId}.${mac(deps, list, accountId)}`;

/** The list and account (an id) a token names, if the token is Harbour's own. */
export function readUnsubscribeToken(deps: Deps, token: string): { list: string; accountId: string } | undefined {
  const [list, accountId, given] = token.split('.');
  if (!list || !accountId || !given || !z.uuid().safeParse(accountId).success) return undefined;
  const expected = Buffer.from(mac(deps, list, accountId));
  const actual = Buffer.from(given);
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual) ? { list, accountId } : undefined;
}

/** The headers that let a mail program offer "unsubscribe" itself (RFC 2369, RFC 8058). */
export const unsubscribeHeaders = (url: string) => ({
  'List-Unsubscribe': `<${url}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page behind an unsubscribe link: the question, one button that POSTs, and what stays. */
const unsubscribePage = (path: string, token: string, question: string, stays: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Harbour — unsubscribe</title></head>
<body><main><h1>${escapeHtml(question)}</h1>
<form method="post" action="${path}?token=${encodeURIComponent(token)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Stop the emails / Arrêter les courriels</button></form>
<p>${escapeHtml(stays)}</p></main></body></html>`;

const unsubscribeQuery = z.object({ token: z.string().min(10, 'not a valid link').max(200, 'not a valid link') });

/**
 * A list's unsubscribe address, public: the mail program's one-click POST (RFC 8058: a form
 * saying "List-Unsubscribe=One-Click") unsubscribes; a GET shows the page with its button.
 */
export function unsubscribeRoutes(
  app: FastifyInstance,
  list: {
    path: string;
    tags: string[];
    what: string;
    question: string;
    stays: string;
    response: ZodType;
    unsubscribe: (token: string) => Promise<unknown>;
  },
): void {
  app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    const s = scope.withTypeProvider<ZodTypeProvider>();
    const common = { config: { access: 'public' as const }, tags: list.tags, querystring: unsubscribeQuery };
    s.post(list.path, {
      config: common.config,
      schema: {
        tags: common.tags,
        summary: `One-click unsubscribe (RFC 8058) from ${list.what}, with the token of its List-Unsubscribe link`,
        querystring: common.querystring,
        response: { 200: list.response, ...errorResponses },
      },
      handler: async (request) => list.unsubscribe(request.query.token),
    });
    s.get(list.path, {
      config: common.config,
      schema: {
        tags: common.tags,
        summary: `The page behind the unsubscribe link of ${list.what}: a button that unsubscribes`,
        querystring: common.querystring,
        response: { 200: z.any(), ...errorResponses },
      },
      handler: async (request, reply) =>
        reply
          .header('Content-Type', 'text/html; charset=utf-8')
          .send(unsubscribePage(list.path, request.query.token, list.question, list.stays)),
    });
  });
}
