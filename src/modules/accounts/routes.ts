import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFrom, setSessionCookie } from '../../platform/auth/hooks.js';
import { sessionStarted } from '../../platform/auth/schema.js';
import type { Deps } from '../../platform/context.js';
import { errorResponses } from '../../platform/errors.js';
import * as schema from './schema.js';
import * as accounts from './service.js';

export function accountRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/agencies', {
    schema: {
      tags: ['agencies'],
      summary: 'Member agencies of the network',
      response: { 200: z.array(schema.agencySchema), ...errorResponses },
    },
    handler: async (request) => accounts.listAgencies(deps, actorFrom(request)),
  });

  r.get('/api/agencies/:id', {
    schema: {
      tags: ['agencies'],
      summary: "An agency's record: your own, or any for a network admin",
      params: schema.idParams,
      response: { 200: schema.agencySchema, ...errorResponses },
    },
    handler: async (request) => accounts.getAgency(deps, actorFrom(request), request.params.id),
  });

  r.post('/api/agencies', {
    schema: {
      tags: ['agencies'],
      summary: 'Add a member agency (network admins)',
      body: schema.newAgencyBody,
      response: { 201: schema.agencySchema, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await accounts.createAgency(deps, actorFrom(request), request.body)),
  });

  r.get('/api/members', {
    schema: {
      tags: ['accounts'],
      summary: "The network's member agencies with their admins and state, searchable (network admins)",
      querystring: schema.membersQuery,
      response: { 200: z.array(schema.member), ...errorResponses },
    },
    handler: async (request) => accounts.listMembers(deps, actorFrom(request), request.query),
  });

  r.put('/api/members/:id/state', {
    schema: {
      tags: ['accounts'],
      summary:
        'Suspend a member, record that it left, or make it active again (network admins): its sessions end and its listings are withheld; nothing is deleted',
      params: schema.idParams,
      body: schema.memberStateBody,
      response: { 200: schema.agencySchema, ...errorResponses },
    },
    handler: async (request) => accounts.setMemberState(deps, actorFrom(request), request.params.id, request.body),
  });

  r.get('/api/accounts', {
    schema: {
      tags: ['accounts'],
      summary: "Accounts: an agency admin sees their agency's, a network admin everyone's",
      querystring: schema.accountListQuery,
      response: { 200: z.array(schema.accountSchema), ...errorResponses },
    },
    handler: async (request) => accounts.listAccounts(deps, actorFrom(request), request.query.agencyId),
  });

  r.post('/api/accounts', {
    schema: {
      tags: ['accounts'],
      summary:
        "Invite someone into an agency (its own admins; a network admin only an agency's first admin): they set their own password through the link emailed to them",
      body: schema.inviteeBody,
      response: { 201: schema.accountSchema, ...errorResponses },
    },
    // The link goes to the invitee only: whoever holds it could set the password.
    handler: async (request, reply) =>
      reply.status(201).send((await accounts.inviteAccount(deps, actorFrom(request), request.body)).account),
  });

  r.post('/api/accounts/:id/reinvite', {
    schema: {
      tags: ['accounts'],
      summary: 'Reset an account of your agency: its password stops working, its sessions end, a new invitation is emailed to the person',
      params: schema.idParams,
      body: schema.reinviteBody,
      response: { 200: schema.accountSchema, ...errorResponses },
    },
    handler: async (request) => (await accounts.reinvite(deps, actorFrom(request), request.params.id, request.body)).account,
  });

  r.post('/api/invitations/lookup', {
    config: { access: 'public' },
    schema: {
      tags: ['accounts'],
      summary: 'Who an invitation link is for (the token is sent in the body, never in a URL)',
      body: schema.invitationToken,
      response: { 200: schema.invitationView, ...errorResponses },
    },
    handler: async (request) => accounts.lookupInvitation(deps, request.body.token),
  });

  r.post('/api/invitations/accept', {
    config: { access: 'public' },
    schema: {
      tags: ['accounts'],
      summary: 'Set your own password with an invitation link; you are signed in and go on to your second factor',
      body: schema.acceptInvitationBody,
      response: { 200: sessionStarted, ...errorResponses },
    },
    handler: async (request, reply) => {
      const issued = await accounts.acceptInvitation(deps, request.body.token, request.body.password);
      setSessionCookie(deps, reply, issued.token);
      return { stage: issued.stage, csrfToken: issued.csrfToken };
    },
  });

  r.put('/api/accounts/:id/roles', {
    schema: {
      tags: ['accounts'],
      summary: 'Change the roles of an account of your agency (its own admins): compare-and-set on the roles you saw; never network admin',
      params: schema.idParams,
      body: schema.rolesBody,
      response: { 200: schema.accountSchema, ...errorResponses },
    },
    handler: async (request) => accounts.changeRoles(deps, actorFrom(request), request.params.id, request.body),
  });

  r.post('/api/accounts/:id/disable', {
    schema: {
      tags: ['accounts'],
      summary: 'Disable an account; its sessions end at once',
      params: schema.idParams,
      response: { 200: schema.accountSchema, ...errorResponses },
    },
    handler: async (request) => accounts.disableAccount(deps, actorFrom(request), request.params.id),
  });
}
