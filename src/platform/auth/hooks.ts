import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit.js';
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';
import { type AccountActor, refuseOutsideFamily } from '../policy.js';
import { actorOf } from './service.js';
import { findLiveSession, type LiveSession } from './sessions.js';

/**
 * Who may call a route: `public` anyone; `session` any signed-in session, even one still
 * waiting for its second factor; `staff` (the default) a fully signed-in account.
 */
export type Access = 'public' | 'session' | 'staff';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    session?: LiveSession;
    actor?: AccountActor;
  }
}

export function sessionCookieName(deps: Deps): string {
  // __Host- makes the browser refuse the cookie unless it is Secure, host-only and for path /.
  return deps.config.secureCookies ? '__Host-harbour' : 'harbour_session';
}

const cookieAttributes = (deps: Deps) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.config.secureCookies });

export function setSessionCookie(deps: Deps, reply: FastifyReply, token: string): void {
  reply.setCookie(sessionCookieName(deps), token, cookieAttributes(deps));
}

export function clearSessionCookie(deps: Deps, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(deps), cookieAttributes(deps));
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/**
 * Cross-site request forgery: with a session, an unsafe request must echo the session's CSRF
 * token in `X-CSRF-Token`; without one (sign-in, public forms), a browser that says the request
 * came from another site is refused.
 */
function checkCsrf(deps: Deps, request: FastifyRequest): void {
  if (!UNSAFE.has(request.method)) return;
  if (request.headers['sec-fetch-site'] === 'cross-site') {
    throw new AppError('csrf_failed', 'requests from other sites are refused');
  }
  const origin = request.headers.origin;
  if (origin && origin !== new URL(deps.config.HARBOUR_PUBLIC_URL).origin && origin !== `${request.protocol}://${request.host}`) {
    throw new AppError('csrf_failed', 'requests from other sites are refused');
  }
  if (!request.session) return;
  const sent = request.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !sameToken(sent, request.session.csrfToken)) {
    throw new AppError('csrf_failed', 'the X-CSRF-Token header is missing or does not match this session');
  }
}

// The API description is public; every other API route is staff-only unless it says otherwise.
const publicApiDocs = /^\/api\/(docs|openapi\.json)(\/|\?|$)/;

/**
 * Rules about paths read the route the router matched (`/api/cases/:id`), never the raw URL: the
 * router decodes percent-escapes, so `/api/%63ases` reaches the cases routes while its raw URL
 * does not start with `/api/cases`.
 */
function routeOf(request: FastifyRequest): string | undefined {
  return request.routeOptions.url;
}

function accessOf(request: FastifyRequest): Access {
  const declared = request.routeOptions.config?.access;
  if (declared) return declared;
  const route = routeOf(request);
  const isApiRoute = route?.startsWith('/api/') ?? false;
  return isApiRoute && !publicApiDocs.test(route as string) ? 'staff' : 'public';
}

export function installAuthHooks(app: FastifyInstance, deps: Deps): void {
  app.addHook('onRequest', async (request) => {
    const access = accessOf(request);
    const token = request.cookies[sessionCookieName(deps)];
    if (token) {
      request.session = await findLiveSession(deps.kysely, token, deps.now(), {
        idleMinutes: deps.config.HARBOUR_SESSION_IDLE_MINUTES,
        maxHours: deps.config.HARBOUR_SESSION_MAX_HOURS,
      });
    }
    checkCsrf(deps, request);
    if (access === 'public') return;
    if (!request.session) throw new AppError('unauthenticated', 'sign in first');
    if (access === 'staff' && request.session.stage !== 'full') {
      throw new AppError('second_factor_required', 'finish signing in with your second factor first');
    }
    request.actor = actorOf(request.session);
    refuseOutsideFamily(request.actor, routeOf(request) ?? request.url);
  });
}

/**
 * A refused request by someone signed in is worth knowing about (a colleague probing another
 * agency's records): it goes to the audit chain with the route pattern and ids only.
 */
export function installRefusalAudit(app: FastifyInstance, deps: Deps): void {
  app.addHook('onError', async (request, _reply, error) => {
    if (!(error instanceof AppError) || !['forbidden', 'csrf_failed'].includes(error.code) || !request.session) return;
    const params = (request.params ?? {}) as Record<string, unknown>;
    await recordAudit(
      deps,
      {
        actorAccountId: request.session.account.id,
        agencyId: request.session.account.agencyId,
        action: 'access.refused',
        targetType: 'route',
        targetId: `${request.method} ${request.routeOptions.url ?? 'unknown'}`,
        outcome: 'refused',
        details: { code: error.code, ...(typeof params.id === 'string' ? { id: params.id } : {}) },
      },
      deps.now(),
    );
  });
}

/** The actor of a `staff` or `session` route; the hook has already refused anyone else. */
export function actorFrom(request: FastifyRequest): AccountActor {
  if (!request.actor) throw new AppError('unauthenticated', 'sign in first');
  return request.actor;
}

export function sessionFrom(request: FastifyRequest): LiveSession {
  if (!request.session) throw new AppError('unauthenticated', 'sign in first');
  return request.session;
}
