import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFrom } from '../../platform/auth/hooks.js';
import type { Deps } from '../../platform/context.js';
import { errorResponses } from '../../platform/errors.js';
import { sendCalendar } from '../../platform/files.js';
import * as calendar from './calendar.js';
import * as meetings from './meetings.js';
import * as records from './records.js';
import * as schema from './schema.js';
import * as groups from './service.js';
import { threadRoutes } from './thread-routes.js';

const tags = ['groups'];
const personParams = z.object({ id: z.string().uuid('not an id'), accountId: z.string().uuid('not an id') });

export function groupRoutes(app: FastifyInstance, deps: Deps): void {
  threadRoutes(app, deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const group = { params: schema.idParams, response: { 200: schema.groupDetail, ...errorResponses } };
  const meeting = { params: schema.idParams, response: { 200: schema.meetingDetail, ...errorResponses } };

  r.get('/api/groups', {
    schema: {
      tags,
      summary: 'The working groups, national first, with your role in each',
      response: { 200: z.array(schema.groupSummary), ...errorResponses },
    },
    handler: async (request) => groups.listGroups(deps, actorFrom(request)),
  });

  r.post('/api/groups', {
    schema: {
      tags,
      summary: 'Start a group: a national one (network admins), or a regional or city one under a parent you coordinate; you coordinate it',
      body: schema.newGroup,
      response: { 201: schema.groupDetail, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await groups.createGroup(deps, actorFrom(request), request.body)),
  });

  r.get('/api/groups/:id', {
    schema: { tags, summary: 'A group: who is in it, the groups under it, its meetings', ...group },
    handler: async (request) => groups.getGroup(deps, actorFrom(request), request.params.id),
  });

  r.post('/api/groups/:id/end', {
    schema: {
      tags,
      summary: 'End a group (its coordinators): its records stay to read; it takes no new members, posts, mail or meetings',
      params: schema.idParams,
      response: { 200: schema.groupDetail, ...errorResponses },
    },
    handler: async (request) => groups.endGroup(deps, actorFrom(request), request.params.id),
  });

  r.post('/api/groups/:id/membership', {
    schema: { tags, summary: 'Join the group', ...group },
    handler: async (request) => groups.joinGroup(deps, actorFrom(request), request.params.id),
  });

  r.delete('/api/groups/:id/membership', {
    schema: { tags, summary: 'Leave the group (its last coordinator names another first)', ...group },
    handler: async (request) => groups.leaveGroup(deps, actorFrom(request), request.params.id),
  });

  r.put('/api/groups/:id/people/:accountId', {
    schema: {
      tags,
      summary: 'Make a member a coordinator, or a coordinator a member again (coordinators)',
      params: personParams,
      body: z.object({ role: z.enum(['member', 'coordinator'], { message: 'member or coordinator' }) }),
      response: { 200: schema.groupDetail, ...errorResponses },
    },
    handler: async (request) => groups.setRole(deps, actorFrom(request), request.params.id, request.params.accountId, request.body.role),
  });

  r.get('/api/groups/:id/records', {
    schema: {
      tags,
      summary: 'The group’s documents (tools of the library) and decisions',
      params: schema.idParams,
      response: { 200: schema.groupRecords, ...errorResponses },
    },
    handler: async (request) => records.groupRecords(deps, actorFrom(request), request.params.id),
  });

  r.post('/api/groups/:id/documents', {
    schema: {
      tags,
      summary: 'Link a tool of the library to the group (coordinators)',
      params: schema.idParams,
      body: schema.documentBody,
      response: { 200: schema.groupRecords, ...errorResponses },
    },
    handler: async (request) => records.addDocument(deps, actorFrom(request), request.params.id, request.body.resourceId),
  });

  r.delete('/api/groups/:id/documents/:resourceId', {
    schema: {
      tags,
      summary: 'Take a tool off the group’s documents (coordinators)',
      params: schema.documentParams,
      response: { 200: schema.groupRecords, ...errorResponses },
    },
    handler: async (request) => records.removeDocument(deps, actorFrom(request), request.params.id, request.params.resourceId),
  });

  r.post('/api/groups/:id/decisions', {
    schema: {
      tags,
      summary: 'Record a decision of the group (coordinators), dated, with the meeting that took it; case information is refused',
      params: schema.idParams,
      body: schema.newDecision,
      response: { 201: schema.groupRecords, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await records.recordDecision(deps, actorFrom(request), request.params.id, request.body)),
  });

  r.post('/api/groups/:id/meetings', {
    schema: {
      tags,
      summary: 'Schedule a meeting (coordinators): times in the given time zone; the members are told',
      params: schema.idParams,
      body: schema.newMeeting,
      response: { 201: schema.meetingDetail, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await meetings.scheduleMeeting(deps, actorFrom(request), request.params.id, request.body)),
  });

  r.get('/api/meetings/:id', {
    schema: { tags, summary: 'A meeting: when, how to join, the agenda, who comes, the minutes and action items', ...meeting },
    handler: async (request) => meetings.getMeeting(deps, actorFrom(request), request.params.id),
  });

  r.put('/api/meetings/:id/answer', {
    schema: {
      tags,
      summary: 'Your answer (group members): yes takes a place if one is left and emails a confirmation with the .ics',
      params: schema.idParams,
      body: schema.rsvpBody,
      response: { 200: schema.meetingDetail, ...errorResponses },
    },
    handler: async (request) => meetings.answerMeeting(deps, actorFrom(request), request.params.id, request.body.answer),
  });

  r.put('/api/meetings/:id/time', {
    schema: {
      tags,
      summary:
        'Move a meeting still to come (coordinators; compare-and-set on the start seen): members are told; who answered yes or maybe gets the moved .ics',
      params: schema.idParams,
      body: schema.moveBody,
      response: meeting.response,
    },
    handler: async (request) => meetings.moveMeeting(deps, actorFrom(request), request.params.id, request.body),
  });

  r.post('/api/meetings/:id/cancel', {
    schema: {
      tags,
      summary: 'Cancel a meeting not yet over (coordinators): members are told; who answered yes or maybe gets a cancelling .ics',
      params: schema.idParams,
      body: schema.cancelBody,
      response: meeting.response,
    },
    handler: async (request) => meetings.cancelMeeting(deps, actorFrom(request), request.params.id, request.body),
  });

  r.put('/api/meetings/:id/minutes', {
    schema: {
      tags,
      summary: 'Write the minutes (coordinators; compare-and-set)',
      params: schema.idParams,
      body: schema.minutesBody,
      response: meeting.response,
    },
    handler: async (request) => meetings.writeMinutes(deps, actorFrom(request), request.params.id, request.body),
  });

  r.post('/api/meetings/:id/actions', {
    schema: {
      tags,
      summary: 'Add an action item (coordinators)',
      params: schema.idParams,
      body: schema.newAction,
      response: meeting.response,
    },
    handler: async (request) => meetings.addAction(deps, actorFrom(request), request.params.id, request.body),
  });

  r.post('/api/meetings/:id/actions/:actionId/done', {
    schema: { tags, summary: 'Mark an action item done (coordinators)', params: schema.actionParams, response: meeting.response },
    handler: async (request) => meetings.completeAction(deps, actorFrom(request), request.params.id, request.params.actionId),
  });

  r.get('/api/meetings/:id/meeting.ics', {
    schema: {
      tags,
      summary: 'The meeting as an iCalendar file',
      params: schema.idParams,
      response: { 200: z.any().describe('text/calendar'), ...errorResponses },
    },
    handler: async (request, reply) =>
      sendCalendar(reply, await meetings.meetingFile(deps, actorFrom(request), request.params.id), 'meeting.ics'),
  });

  r.post('/api/meetings/feed', {
    schema: {
      tags,
      summary: 'A new secret address for your meetings’ calendar and your groups’ (shown once; the old one stops)',
      response: { 200: schema.feedMade, ...errorResponses },
    },
    handler: async (request) => calendar.makeFeed(deps, actorFrom(request)),
  });

  r.get('/api/meetings/calendar.ics', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'A calendar feed read with its secret key: your meetings, or one group’s with ?group=ID',
      querystring: schema.feedQuery,
      response: { 200: z.any().describe('text/calendar'), ...errorResponses },
    },
    handler: async (request, reply) => sendCalendar(reply, await calendar.readFeed(deps, request.query.key, request.query.group)),
  });
}
