import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFrom } from '../../platform/auth/hooks.js';
import type { Deps } from '../../platform/context.js';
import { errorResponses } from '../../platform/errors.js';
import { idParams } from '../../platform/schema.js';
import { notification } from './schema.js';
import * as notifications from './service.js';

/** Each account reads and dismisses only its own notices. */
export function notificationRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];

  r.get('/api/notifications', {
    schema: {
      tags,
      summary: 'Your notices (reminders of coming deadlines), newest first',
      response: { 200: z.array(notification), ...errorResponses },
    },
    handler: async (request) => notifications.myNotifications(deps, actorFrom(request)) as Promise<Array<z.infer<typeof notification>>>,
  });

  r.post('/api/notifications/:id/read', {
    schema: { tags, summary: 'Mark one of your notices as read', params: idParams, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await notifications.markRead(deps, actorFrom(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
}
