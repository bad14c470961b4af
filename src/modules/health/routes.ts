import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { serverVersion } from '../../db/connect.js';
import type { Deps } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { version } from '../../platform/project.js';

const healthResponse = z.object({
  status: z.literal('ok'),
  /** `embedded`: Harbour's own PostgreSQL; `postgres`: the server in DATABASE_URL. */
  database: z.enum(['embedded', 'postgres']),
  /** e.g. "PostgreSQL 18.4" */
  databaseVersion: z.string(),
  version: z.string(),
});

export function healthRoutes(app: FastifyInstance, deps: Deps): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['health'], summary: 'Is Harbour up, and on which database', response: { 200: healthResponse } },
    handler: async () => {
      let server: string;
      try {
        server = await serverVersion(deps.kysely);
      } catch {
        throw new AppError('internal', 'the database does not answer');
      }
      const databaseVersion = `PostgreSQL ${server.split(' ')[0]}`;
      return { status: 'ok' as const, database: deps.db.engine, databaseVersion, version: version() };
    },
  });
}
