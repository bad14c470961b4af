import crypto from 'node:crypto';
import type { Role } from '../../db/tables.js';
import { recordAudit } from '../../platform/audit.js';
import { startSession } from '../../platform/auth/service.js';
import { deleteAccountSessions } from '../../platform/auth/sessions.js';
import { type Deps, unitOfWork } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { checkNewPassword, hashPassword } from '../../platform/passwords.js';
import { type Actor, actorAccountId, actorVia, authorize, can } from '../../platform/policy.js';
import { notify, queueEmail } from '../notifications/index.js';
import { presentAccount } from './present.js';
import * as repo from './repo.js';
import type { Invitee } from './schema.js';

/**
 * Nobody chooses another person's password. An account is made by invitation: a one-time link,
 * good for 72 hours, sent by email through the outbox, with which the person sets their own
 * password (and then their second factor). A reset is a new invitation. Who may invite whom:
 * - an agency's own admins, into their agency, with any role but network admin;
 * - a network admin, only the first admin of an agency with no one in it yet (and may disable
 *   anyone: to send a first invitation again, disable the pending account and invite anew);
 * - the operator at the command line, anyone.
 * Each invitation is audited and shown to the agency's admins as a notice.
 */
export const INVITATION_HOURS = 72;

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export function invitationLink(deps: Deps, token: string): string {
  // The token rides in the fragment: browsers never send it to a server, so no log holds it.
  return `${deps.config.HARBOUR_PUBLIC_URL.replace(/\/$/, '')}/invitation#${token}`;
}

async function mayInvite(deps: Deps, actor: Actor, agencyId: string, roles: Role[]) {
  if (actor.kind === 'system') return;
  if (roles.includes('network_admin')) throw new AppError('forbidden', 'roles: the network admin role is given at the command line only');
  if (can(actor, 'account.create', agencyId)) return;
  authorize(actor, 'account.invite_first_admin');
  // Only into an agency with no one in it yet (none not disabled): a network admin never gets a
  // way into an agency that already holds people and cases.
  const onlyAdmin = roles.length === 1 && roles[0] === 'agency_admin';
  const people = await repo.activeAccounts(deps.kysely, agencyId);
  if (!onlyAdmin || people.length > 0) {
    throw new AppError(
      'forbidden',
      "not allowed: a network admin invites only an agency's first admin; roles inside an agency are given by its own admins",
    );
  }
}

/** Tells the agency's admins (all but the one who acted) that an account was invited, and emails the invitee. */
async function issue(tx: Deps, actor: Actor, account: { id: string; agencyId: string; email: string }, action: string) {
  const token = crypto.randomBytes(32).toString('base64url');
  const now = tx.now();
  await repo.replaceInvitation(tx.kysely, {
    accountId: account.id,
    tokenHash: tokenHash(token),
    invitedBy: actorAccountId(actor),
    createdAt: now,
    expiresAt: new Date(now.getTime() + INVITATION_HOURS * 3_600_000),
  });
  const link = invitationLink(tx, token);
  await queueEmail(tx, {
    to: account.email,
    subject: 'Your invitation to Harbour / Votre invitation à Harbour',
    body: [
      'You are invited to Harbour, the network’s shared platform. Set your password here (the link works once, for 72 hours):',
      link,
      '',
      'Vous êtes invité·e à Harbour, la plateforme commune du réseau. Choisissez votre mot de passe ici (le lien sert une fois, pendant 72 heures) :',
      link,
      '',
      'If you did not expect this, ignore it. / Si vous ne l’attendiez pas, ignorez ce message.',
    ].join('\n'),
  });
  const admins = (await repo.activeAdmins(tx.kysely, account.agencyId))
    .map((admin) => admin.id)
    .filter((id) => id !== actorAccountId(actor));
  if (admins.length > 0)
    await notify(tx, {
      accountIds: admins,
      kind: 'account-invited',
      subjectType: 'account',
      subjectId: account.id,
      due: null,
      dedupeKey: `account:${account.id}:invited:${now.toISOString()}`,
    });
  await recordAudit(
    tx,
    {
      actorAccountId: actorAccountId(actor),
      agencyId: account.agencyId,
      action,
      targetType: 'account',
      targetId: account.id,
      outcome: 'ok',
      details: { via: actorVia(actor) },
    },
    now,
  );
  return link;
}

export async function inviteAccount(deps: Deps, actor: Actor, input: Invitee) {
  const agency = await repo.findAgency(deps.kysely, { network: true }, input.agencyId);
  if (!agency) throw new AppError('bad_request', `agencyId: no agency ${input.agencyId}`);
  const roles = [...new Set(input.roles)];
  await mayInvite(deps, actor, agency.id, roles);
  if (await repo.findAccountByEmail(deps.kysely, input.email))
    throw new AppError('conflict', 'email: an account with this email already exists');
  return unitOfWork(deps, async (tx) => {
    const account = await repo.insertAccount(tx.kysely, {
      agencyId: agency.id,
      email: input.email.trim().toLowerCase(),
      displayName: input.displayName,
      roles,
      passwordHash: null,
    });
    const link = await issue(tx, actor, account, 'account.invite');
    return { account: presentAccount(account), link };
  });
}

/**
 * A reset: the password stops working and every session ends at once; a new invitation goes to
 * the person. `resetSecondFactor` also clears their authenticator app (a lost phone).
 */
export async function reinvite(deps: Deps, actor: Actor, id: string, options: { resetSecondFactor?: boolean } = {}) {
  const account = await repo.findAccount(deps.kysely, { network: true }, id);
  if (!account) throw new AppError('not_found', `no account ${id}`);
  // Only the account's own agency admins reset it (the rule that lets them invite into it).
  if (!can(actor, 'account.create', account.agencyId)) throw new AppError('not_found', `no account ${id}`);
  return unitOfWork(deps, async (tx) => {
    const reset = await repo.resetCredentials(tx.kysely, id, Boolean(options.resetSecondFactor));
    await deleteAccountSessions(tx.kysely, id);
    const link = await issue(tx, actor, account, options.resetSecondFactor ? 'account.reinvite_reset_second_factor' : 'account.reinvite');
    return { account: presentAccount(reset), link };
  });
}

async function liveInvitation(deps: Deps, token: string) {
  const found = await repo.findInvitation(deps.kysely, tokenHash(token));
  if (!found || found.usedAt || found.expiresAt.getTime() <= deps.now().getTime() || found.account.disabledAt) {
    throw new AppError(
      'not_found',
      'this invitation link is not valid: it was used, it expired (after 72 hours), or it was replaced; ask your agency admin for a new one',
    );
  }
  return found;
}

/** What the invitation page shows before the person chooses a password. */
export async function lookupInvitation(deps: Deps, token: string) {
  const { account, expiresAt } = await liveInvitation(deps, token);
  const agency = await repo.findAgency(deps.kysely, { network: true }, account.agencyId);
  return { email: account.email, displayName: account.displayName, agency: agency?.name ?? '', expiresAt: expiresAt.toISOString() };
}

/** The person sets their own password: the link is spent, and they continue to their second factor. */
export async function acceptInvitation(deps: Deps, token: string, password: string) {
  const invitation = await liveInvitation(deps, token);
  const { account } = invitation;
  await checkNewPassword(password, [account.email, account.displayName]);
  const passwordHash = await hashPassword(password);
  return unitOfWork(deps, async (tx) => {
    if (!(await repo.spendInvitation(tx.kysely, invitation.id, deps.now())))
      throw new AppError('conflict', 'this invitation was used a moment ago');
    const updated = await repo.updateAccount(tx.kysely, account.id, { passwordHash });
    await recordAudit(
      tx,
      {
        actorAccountId: account.id,
        agencyId: account.agencyId,
        action: 'account.invitation_accept',
        outcome: 'ok',
        targetType: 'account',
        targetId: account.id,
      },
      deps.now(),
    );
    return startSession(tx, updated);
  });
}
