import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Deps } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { version } from '../../platform/project.js';

const healthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
});

export function healthRoutes(app: FastifyInstance, deps: Deps): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['health'], summary: 'Is Harbour up, and on which database', response: { 200: healthResponse } },
    handler: async () => {
      try {
        await sql`SELECT 1`.execute(deps.kysely);
      } catch {
        throw new AppError('internal', 'the database does not answer');
      }
      return { status: 'ok' as const, database: deps.db.engine, version: version() };
    },
  });
}
