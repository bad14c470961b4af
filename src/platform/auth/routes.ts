import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../context.js';
import { errorResponses } from '../errors.js';
import { clearSessionCookie, sessionFrom, setSessionCookie } from './hooks.js';
import * as schema from './schema.js';
import * as auth from './service.js';

export function authRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  const issue = (reply: FastifyReply, issued: auth.IssuedSession) => {
    setSessionCookie(deps, reply, issued.token);
    return { stage: issued.stage, csrfToken: issued.csrfToken };
  };

  r.post('/api/auth/sign-in', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'Sign in with email and password; the answer says whether a second factor is due',
      body: schema.signInBody,
      response: { 200: schema.sessionStarted, ...errorResponses },
    },
    handler: async (request, reply) => issue(reply, await auth.signIn(deps, request.body, request.ip)),
  });

  r.post('/api/auth/second-factor', {
    config: { access: 'session' },
    schema: {
      tags,
      summary: 'Give the authenticator code (or a recovery code) after the password',
      body: schema.codeBody,
      response: { 200: schema.sessionStarted, ...errorResponses },
    },
    handler: async (request, reply) =>
      issue(reply, await auth.verifySecondFactor(deps, sessionFrom(request), request.body.code, request.ip)),
  });

  r.post('/api/auth/second-factor/enrolment', {
    config: { access: 'session' },
    schema: {
      tags,
      summary: 'Start setting up an authenticator app: returns its secret and QR code',
      response: { 200: schema.enrolmentStarted, ...errorResponses },
    },
    handler: async (request) => auth.startEnrolment(deps, sessionFrom(request)),
  });

  r.post('/api/auth/second-factor/enrolment/confirm', {
    config: { access: 'session' },
    schema: {
      tags,
      summary: 'Finish the set-up with a first code; returns one-time recovery codes',
      body: schema.codeBody,
      response: { 200: schema.enrolmentConfirmed, ...errorResponses },
    },
    handler: async (request, reply) => {
      const confirmed = await auth.confirmEnrolment(deps, sessionFrom(request), request.body.code);
      return { ...issue(reply, confirmed), recoveryCodes: confirmed.recoveryCodes };
    },
  });

  r.get('/api/auth/me', {
    config: { access: 'session' },
    schema: { tags, summary: 'The signed-in account and its session', response: { 200: schema.meResponse, ...errorResponses } },
    handler: async (request) => {
      const session = sessionFrom(request);
      const { account } = session;
      return {
        stage: session.stage,
        csrfToken: session.csrfToken,
        secondFactorRequired: auth.secondFactorRequired(deps, account),
        account: {
          id: account.id,
          email: account.email,
          displayName: account.displayName,
          roles: account.roles,
          locale: account.locale,
          secondFactorEnrolled: Boolean(account.totpConfirmedAt),
          agency: await auth.findAgencySummary(deps.kysely, account.agencyId),
        },
      };
    },
  });

  for (const [url, everywhere] of [
    ['/api/auth/sign-out', false],
    ['/api/auth/sign-out-everywhere', true],
  ] as const) {
    r.post(url, {
      config: { access: 'session' },
      schema: {
        tags,
        summary: everywhere ? 'End every session of this account, on every device' : 'End this session',
        response: { 200: schema.okResponse, ...errorResponses },
      },
      handler: async (request, reply) => {
        await auth.signOut(deps, sessionFrom(request), everywhere);
        clearSessionCookie(deps, reply);
        reply.header('Clear-Site-Data', '"cache", "cookies"');
        return { ok: true as const };
      },
    });
  }
}
