import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { accountRoutes } from './modules/accounts/index.js';
import { bulletinRoutes } from './modules/bulletins/index.js';
import { caseRoutes } from './modules/cases/index.js';
import { directoryRoutes } from './modules/directory/index.js';
import { groupRoutes } from './modules/groups/index.js';
import { healthRoutes } from './modules/health/index.js';
import { helpRoutes } from './modules/help/index.js';
import { libraryRoutes } from './modules/library/index.js';
import { membershipRoutes } from './modules/membership/index.js';
import { notificationRoutes } from './modules/notifications/index.js';
import { referralRoutes } from './modules/referrals/index.js';
import { rightsRoutes } from './modules/rights/index.js';
import { screeningRoutes } from './modules/screening/index.js';
import { statisticsRoutes } from './modules/statistics/index.js';
import { installAuthHooks, installRefusalAudit } from './platform/auth/hooks.js';
import { authRoutes } from './platform/auth/routes.js';
import { installCompression } from './platform/compression.js';
import type { Deps } from './platform/context.js';
import { installErrorHandler } from './platform/errors.js';
import { acceptedMediaTypes } from './platform/files.js';
import { installSecurityHeaders } from './platform/headers.js';
import { projectRoot, version } from './platform/project.js';

export interface AppOptions {
  logger?: boolean;
  /** Where log lines go (standard output when omitted); tests read them. */
  logStream?: NodeJS.WritableStream;
  /** Built front end to serve; omitted when it has not been built (API-only tests). */
  webDir?: string;
}

/** Builds the HTTP app from the modules; it holds no rules of its own. */
export async function buildApp(deps: Deps, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    trustProxy: deps.config.HARBOUR_TRUST_PROXY === 'true',
    bodyLimit: 1_048_576,
    logger: options.logger
      ? {
          level: deps.config.LOG_LEVEL,
          ...(options.logStream ? { stream: options.logStream } : {}),
          // Neither the client's address nor the query string is logged: both can say who looked for help.
          serializers: {
            req: (request) => ({ method: request.method, url: request.url.split('?')[0] }),
            res: (reply) => ({ statusCode: reply.statusCode }),
          },
        }
      : false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installSecurityHeaders(app, { https: deps.config.secureCookies });
  installCompression(app);
  await app.register(fastifyCookie);
  installAuthHooks(app, deps);
  installRefusalAudit(app, deps);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Harbour API',
        version: version(),
        description: 'The shared platform of a network of organizations protecting trafficked persons.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'harbour_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  // Uploads arrive as the file itself, with its type as the Content-Type: no multipart parsing.
  // Each upload route sets its own bodyLimit.
  app.addContentTypeParser(acceptedMediaTypes, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  healthRoutes(app, deps);
  authRoutes(app, deps);
  accountRoutes(app, deps);
  screeningRoutes(app);
  directoryRoutes(app, deps);
  libraryRoutes(app, deps);
  caseRoutes(app, deps);
  notificationRoutes(app, deps);
  referralRoutes(app, deps);
  statisticsRoutes(app, deps);
  rightsRoutes(app, deps);
  helpRoutes(app, deps);
  membershipRoutes(app, deps);
  groupRoutes(app, deps);
  bulletinRoutes(app, deps);

  const webDir = options.webDir ?? path.join(projectRoot(), 'web', 'dist');
  if (fs.existsSync(path.join(webDir, 'index.html'))) serveWeb(app, webDir);
  return app;
}

/**
 * The front end: files as built, each in the brotli or gzip copy the build made when the browser
 * takes one; every other path answered by the app shell. Nothing is cached for a visitor: the
 * page code left in a browser's cache would tell whoever looks at a watched phone that Harbour
 * was opened. A signed-in worker's browser keeps the hashed assets (`/assets/…`, whose names
 * change with their content) for a year, private and immutable.
 */
function serveWeb(app: FastifyInstance, webDir: string): void {
  app.register(fastifyStatic, { root: webDir, serve: false, preCompressed: true, cacheControl: false });
  const shell = fs.readFileSync(path.join(webDir, 'index.html'));
  // Public: the page shell is for everyone, and an unknown /api path here must answer 404, not 401.
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const file = path.join(webDir, decodeURIComponent(request.url.split('?')[0] ?? '/'));
    if (file.startsWith(webDir) && path.extname(file) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      const relative = path.relative(webDir, file);
      if (request.session && relative.startsWith(`assets${path.sep}`))
        reply.header('Cache-Control', 'private, max-age=31536000, immutable');
      return reply.sendFile(relative);
    }
    if (request.url.startsWith('/api/')) return reply.callNotFound();
    return reply.type('text/html; charset=utf-8').send(shell);
  });
}
