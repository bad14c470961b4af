import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFrom } from '../../platform/auth/hooks.js';
import type { Deps } from '../../platform/context.js';
import { errorBody, errorResponses } from '../../platform/errors.js';
import { acceptedMediaTypes, sendAttachment, sendCalendar } from '../../platform/files.js';
import * as feed from './feed.js';
import * as schema from './schema.js';
import * as cases from './service.js';

/** Case records: every route is staff-only, checked against the case's agency, and audited. */
export function caseRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];

  r.post('/api/cases', {
    schema: {
      tags,
      summary: 'Open a case (its content sealed with a key of its own)',
      body: schema.newCase,
      response: { 201: z.object({ id: z.string().uuid() }), ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await cases.createCase(deps, actorFrom(request), request.body)),
  });

  r.get('/api/cases', {
    schema: {
      tags,
      summary: "Your agency's cases you may open; ?name= finds them by a name or alias (through blind tokens, never plaintext)",
      querystring: schema.nameQuery.partial(),
      response: { 200: z.array(schema.caseSummary), ...errorResponses },
    },
    handler: async (request) => cases.listCases(deps, actorFrom(request), request.query.name ? { name: request.query.name } : {}),
  });

  r.get('/api/cases/calendar', {
    schema: {
      tags,
      summary: "The agency's coming deadlines (pathway deadlines and safety-plan actions) of the cases you may open",
      querystring: schema.calendarQuery,
      response: { 200: z.array(schema.calendarEntry), ...errorResponses },
    },
    handler: async (request) => cases.agencyCalendar(deps, actorFrom(request), request.query.days, request.query.from),
  });

  r.get('/api/cases/calendar/feed', {
    schema: {
      tags,
      summary: 'Whether you have a private calendar feed, in which language, and when it was made and last read',
      response: { 200: schema.feedView, ...errorResponses },
    },
    handler: async (request) => feed.feedState(deps, actorFrom(request)),
  });

  r.post('/api/cases/calendar/feed', {
    schema: {
      tags,
      summary:
        'Make a new secret address for your calendar feed (the deadlines of the cases you coordinate or work on, naming no one); the old address stops working',
      body: schema.feedBody,
      response: { 201: schema.madeFeed, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await feed.makeFeed(deps, actorFrom(request), request.body.language)),
  });

  r.delete('/api/cases/calendar/feed', {
    schema: {
      tags,
      summary: 'Revoke your calendar feed: its address stops working at once',
      response: { 200: schema.feedView, ...errorResponses },
    },
    handler: async (request) => feed.revokeFeed(deps, actorFrom(request)),
  });

  r.get('/api/calendar.ics', {
    config: { access: 'public' },
    schema: {
      tags,
      summary:
        'A calendar feed (iCalendar), read by a calendar program with the secret key of its address: "Deadline — case H-…" events, no name, no free text',
      querystring: schema.feedQuery,
      response: { 200: z.any().describe('text/calendar'), ...errorResponses },
    },
    handler: async (request, reply) => sendCalendar(reply, await feed.readFeed(deps, request.query.key)),
  });

  r.get('/api/cases/colleagues', {
    schema: {
      tags,
      summary: "Your agency's active staff who work on cases: whom a case's team and coordinator are chosen from",
      response: { 200: z.array(schema.colleague), ...errorResponses },
    },
    handler: async (request) => cases.colleagues(deps, actorFrom(request)),
  });

  r.post('/api/cases/:id/hand-over', {
    schema: {
      tags,
      summary: 'Hand the case to another coordinator of your agency (its coordinator or an agency admin); both are told, and it is audited',
      params: schema.idParams,
      body: schema.handOverBody,
      response: { 200: schema.handedOver, ...errorResponses },
    },
    handler: async (request) => cases.handOver(deps, actorFrom(request), request.params.id, request.body),
  });

  r.get('/api/cases/:id', {
    schema: { tags, summary: 'Open one case', params: schema.idParams, response: { 200: schema.caseView, ...errorResponses } },
    handler: async (request) => cases.getCase(deps, actorFrom(request), request.params.id),
  });

  r.patch('/api/cases/:id', {
    schema: {
      tags,
      summary: 'Change a case',
      params: schema.idParams,
      body: schema.caseChanges,
      response: { 200: schema.caseView, ...errorResponses },
    },
    handler: async (request) => cases.updateCase(deps, actorFrom(request), request.params.id, request.body),
  });

  r.post('/api/cases/:id/break-glass', {
    schema: {
      tags,
      summary: 'Open a restricted case anyway, giving a reason: access for a limited time, recorded and shown to the coordinator',
      params: schema.idParams,
      body: schema.breakGlassBody,
      response: { 201: z.object({ expiresAt: z.string() }), ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await cases.breakGlass(deps, actorFrom(request), request.params.id, request.body.reason)),
  });

  r.post('/api/cases/:id/assessments', {
    schema: {
      tags,
      summary: "Keep an identification-aid assessment with the case (sealed like the rest of it); answers the aid's result",
      params: schema.idParams,
      body: schema.assessmentBody,
      response: { 201: z.record(z.string(), z.unknown()), ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await cases.attachAssessment(deps, actorFrom(request), request.params.id, request.body)),
  });

  r.post('/api/cases/:id/consent-withdrawal/decision', {
    schema: {
      tags,
      summary:
        'After the person withdrew the consent of the referral this case came from, its coordinator (or an agency admin) decides: the person now consents directly (with the new consent record), or what came through the referral is erased',
      params: schema.idParams,
      body: schema.withdrawalDecision,
      response: { 200: schema.caseView, ...errorResponses },
    },
    handler: async (request) => {
      await cases.decideWithdrawal(deps, actorFrom(request), request.params.id, request.body);
      return cases.getCase(deps, actorFrom(request), request.params.id);
    },
  });

  r.post('/api/cases/:id/close', {
    schema: {
      tags,
      summary: 'Close a case: it stays readable until HARBOUR_CASE_RETENTION_DAYS have passed, then it is purged (its key destroyed)',
      params: schema.idParams,
      body: schema.closeBody,
      response: { 200: schema.lifecycleResult, ...errorResponses },
    },
    handler: async (request) => cases.closeCase(deps, actorFrom(request), request.params.id, request.body.reason),
  });

  r.post('/api/cases/:id/reopen', {
    schema: {
      tags,
      summary: 'Reopen a closed case (its purge is called off)',
      params: schema.idParams,
      response: { 200: schema.lifecycleResult, ...errorResponses },
    },
    handler: async (request) => cases.reopenCase(deps, actorFrom(request), request.params.id),
  });

  r.delete('/api/cases/:id', {
    schema: {
      tags,
      summary: "Erase a case at the person's request: its key, record, notes, documents and fact row are destroyed for good",
      params: schema.idParams,
      body: schema.eraseBody,
      response: { 200: z.object({ erased: z.literal(true) }), ...errorResponses },
    },
    handler: async (request) => cases.eraseCase(deps, actorFrom(request), request.params.id),
  });

  r.get('/api/cases/:id/copy', {
    schema: {
      tags,
      summary: "The person's copy of their record: everything the case holds, its notes and its documents' list (audited)",
      params: schema.idParams,
      response: { 200: schema.caseCopy, ...errorResponses },
    },
    handler: async (request) => cases.caseCopy(deps, actorFrom(request), request.params.id),
  });

  r.get('/api/cases/:id/notes', {
    schema: {
      tags,
      summary: 'The notes of a case, oldest first',
      params: schema.idParams,
      response: { 200: z.array(schema.noteView), ...errorResponses },
    },
    handler: async (request) => cases.listNotes(deps, actorFrom(request), request.params.id),
  });

  r.post('/api/cases/:id/notes', {
    schema: {
      tags,
      summary: 'Add a note (sealed with the case’s key; notes are never edited)',
      params: schema.idParams,
      body: schema.noteBody,
      response: { 201: z.object({ id: z.string().uuid() }), ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await cases.addNote(deps, actorFrom(request), request.params.id, request.body.text)),
  });

  r.get('/api/cases/:id/documents', {
    schema: {
      tags,
      summary: 'The documents kept with a case',
      params: schema.idParams,
      response: { 200: z.array(schema.documentView), ...errorResponses },
    },
    handler: async (request) => cases.listDocuments(deps, actorFrom(request), request.params.id),
  });

  r.post('/api/cases/:id/documents', {
    bodyLimit: deps.config.HARBOUR_CASE_DOCUMENT_MAX_MB * 2 ** 20,
    schema: {
      tags,
      summary: `Keep a document with a case: the body is the file, its type the Content-Type (${acceptedMediaTypes.length} kinds accepted), ?name= its name`,
      params: schema.idParams,
      querystring: schema.documentQuery,
      response: {
        201: z.object({ id: z.string().uuid(), name: z.string(), mediaType: z.string(), sizeBytes: z.number() }),
        413: errorBody,
        415: errorBody,
        ...errorResponses,
      },
    },
    handler: async (request, reply) => {
      const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const kept = await cases.addDocument(deps, actorFrom(request), request.params.id, {
        name: request.query.name,
        mediaType: request.headers['content-type'] ?? '',
        content,
      });
      return reply.status(201).send(kept);
    },
  });

  r.get('/api/cases/:id/documents/:documentId', {
    schema: {
      tags,
      summary: 'Download a document of a case (always as an attachment; never cached)',
      params: schema.documentParams,
      response: { 200: z.any().describe('the file itself, with its own Content-Type'), ...errorResponses },
    },
    handler: async (request, reply) => {
      const file = await cases.readDocument(deps, actorFrom(request), request.params.id, request.params.documentId);
      return sendAttachment(reply.header('Cache-Control', 'no-store'), file);
    },
  });

  r.get('/api/cases/:id/pathways', {
    schema: {
      tags,
      summary: 'Which pathways to status are open, barred or due for the person today, each with its rule and source',
      params: schema.idParams,
      response: { 200: schema.pathwayAssessment, ...errorResponses },
    },
    handler: async (request) => cases.casePathways(deps, actorFrom(request), request.params.id),
  });
}
