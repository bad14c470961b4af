import type { Kysely } from 'kysely';
import type { Database, MemberState, Role } from '../../db/tables.js';
import { recordAudit } from '../../platform/audit.js';
import { deleteAccountSessions, deleteAgencySessions } from '../../platform/auth/sessions.js';
import { type Deps, unitOfWork } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { checkNewPassword, hashPassword } from '../../platform/passwords.js';
import { type Actor, actorAccountId, actorVia, authorize, scopeFor } from '../../platform/policy.js';
import { withholdListings } from '../directory/index.js';
import { presentAccount, presentAgency } from './present.js';
import * as repo from './repo.js';
import type { NewAgency, SeededAccount } from './schema.js';

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && (e.constraint === constraint || Boolean(e.message?.includes(constraint)));
}

export async function listAgencies(deps: Deps, actor: Actor) {
  authorize(actor, 'agency.list');
  return (await repo.listAgencies(deps.kysely)).map(presentAgency);
}

export async function getAgency(deps: Deps, actor: Actor, id: string) {
  const agency = await repo.findAgency(deps.kysely, scopeFor(actor, 'agency.read'), id);
  if (!agency) throw new AppError('not_found', `no agency ${id}`);
  return presentAgency(agency);
}

/** A new agency gets its own data key at once, so its first sealed field has a key to use. */
export async function createAgency(deps: Deps, actor: Actor, input: NewAgency) {
  authorize(actor, 'agency.create');
  try {
    const agency = await unitOfWork(deps, async ({ kysely: trx }) => {
      const created = await repo.insertAgency(trx, input);
      await deps.crypto.createAgencyKey(created.id, trx);
      await recordAudit(
        { kysely: trx, auditKey: deps.auditKey },
        {
          actorAccountId: actorAccountId(actor),
          agencyId: created.id,
          action: 'agency.create',
          targetType: 'agency',
          targetId: created.id,
          outcome: 'ok',
          details: { via: actorVia(actor) },
        },
        deps.now(),
      );
      return created;
    });
    return presentAgency(agency);
  } catch (error) {
    deps.crypto.forget();
    if (isUniqueViolation(error, 'agency_slug_key')) throw new AppError('conflict', `slug: ${input.slug} is already taken`);
    throw error;
  }
}

export async function listAccounts(deps: Deps, actor: Actor, agencyId?: string) {
  const scope = scopeFor(actor, 'account.list');
  return (await repo.listAccounts(deps.kysely, scope, agencyId)).map(presentAccount);
}

/**
 * An account with a password chosen here: only for the sample network and the tests (never
 * reachable over HTTP or the command line). Real accounts are invited (invitations.ts).
 */
export async function seedAccount(deps: Deps, input: SeededAccount) {
  await checkNewPassword(input.password, [input.email, input.displayName]);
  const passwordHash = await hashPassword(input.password);
  const account = await unitOfWork(deps, async (tx) => {
    const created = await repo.insertAccount(tx.kysely, {
      agencyId: input.agencyId,
      email: input.email.trim().toLowerCase(),
      displayName: input.displayName,
      roles: [...new Set(input.roles)],
      passwordHash,
    });
    await recordAudit(
      tx,
      {
        agencyId: created.agencyId,
        action: 'account.create',
        targetType: 'account',
        targetId: created.id,
        outcome: 'ok',
        details: { via: 'seed', roles: created.roles.join(',') },
      },
      deps.now(),
    );
    return created;
  });
  return presentAccount(account);
}

/** Disabling ends every session of the account at once; the next request it makes is refused. */
export async function disableAccount(deps: Deps, actor: Actor, id: string) {
  const scope = scopeFor(actor, 'account.disable');
  const account = await repo.findAccount(deps.kysely, scope, id);
  if (!account) throw new AppError('not_found', `no account ${id}`);
  if (actor.kind === 'account' && actor.accountId === id) throw new AppError('conflict', 'you cannot disable your own account');
  const updated = await unitOfWork(deps, async ({ kysely: trx }) => {
    const changed = await repo.updateAccount(trx, id, { disabledAt: deps.now() });
    await deleteAccountSessions(trx, id);
    await recordAudit(
      { kysely: trx, auditKey: deps.auditKey },
      {
        actorAccountId: actorAccountId(actor),
        agencyId: account.agencyId,
        action: 'account.disable',
        targetType: 'account',
        targetId: id,
        outcome: 'ok',
        details: { via: actorVia(actor) },
      },
      deps.now(),
    );
    return changed;
  });
  return presentAccount(updated);
}

/**
 * An agency admin changes the roles of an account of their agency — never to network admin (the
 * command line's), never leaving the agency without an active admin. Compare-and-set on the roles
 * the admin saw; the account's sessions carry the new roles from their next request.
 */
export async function changeRoles(deps: Deps, actor: Actor, id: string, input: { roles: Role[]; was: Role[] }) {
  const roles = [...new Set(input.roles)];
  if (roles.includes('network_admin')) throw new AppError('forbidden', 'roles: the network admin role is given at the command line only');
  const account = await repo.findAccount(deps.kysely, scopeFor(actor, 'account.list'), id);
  if (!account) throw new AppError('not_found', `no account ${id}`);
  // Roles inside an agency are given by its own admins: a network admin sees accounts but grants nothing here.
  authorize(actor, 'account.create', account.agencyId);
  if (account.roles.includes('network_admin'))
    throw new AppError('forbidden', 'roles: a network admin’s roles are changed at the command line');
  const same = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((role) => b.includes(role));
  const updated = await unitOfWork(deps, async (tx) => {
    const current = await repo.findAccountForUpdate(tx.kysely, id);
    if (!current || !same(current.roles, input.was))
      throw new AppError('conflict', `the roles changed meanwhile: they are now ${current?.roles.join(', ')}`);
    if (current.roles.includes('agency_admin') && !roles.includes('agency_admin')) {
      const admins = await repo.activeAdmins(tx.kysely, current.agencyId);
      if (admins.every((admin) => admin.id === id))
        throw new AppError('conflict', 'roles: the agency keeps at least one active administrator');
    }
    const changed = await repo.updateAccount(tx.kysely, id, { roles });
    await recordAudit(
      tx,
      {
        actorAccountId: actorAccountId(actor),
        agencyId: current.agencyId,
        action: 'account.roles',
        targetType: 'account',
        targetId: id,
        outcome: 'ok',
        details: { from: current.roles.join(','), to: roles.join(',') },
      },
      tx.now(),
    );
    return changed;
  });
  return presentAccount(updated);
}

/** The network's members, with their admins and state (network admins). */
export async function listMembers(deps: Deps, actor: Actor, filter: { q?: string; province?: string; state?: MemberState }) {
  authorize(actor, 'agency.create');
  const rows = await repo.listMembers(deps.kysely, filter);
  return rows.map((row) => ({
    ...presentAgency(row),
    stateChangedAt: row.stateChangedAt ? new Date(row.stateChangedAt).toISOString() : null,
    accounts: Number(row.accounts),
    admins: row.admins.map((admin) => ({ name: admin.displayName, email: admin.email })),
  }));
}

/**
 * Suspends a member, records that it left, or makes it active again (network admins), compare-and-
 * set on the state seen, in one transaction with its audit row: a member that is not active has
 * every session of its accounts ended at once, no sign-in, and its listings withheld from the
 * public directory. Nothing is deleted: its cases stay sealed with its own keys.
 */
export async function setMemberState(deps: Deps, actor: Actor, id: string, input: { state: MemberState; was: MemberState }) {
  authorize(actor, 'agency.create');
  if (actor.kind === 'account' && actor.agencyId === id && input.state !== 'active')
    throw new AppError('conflict', 'state: the network cannot suspend the agency its own admins sign in through');
  const updated = await unitOfWork(deps, async (tx) => {
    const agency = await repo.findAgencyForUpdate(tx.kysely, id);
    if (!agency) throw new AppError('not_found', `no agency ${id}`);
    if (agency.state !== input.was) throw new AppError('conflict', `the member's state changed meanwhile: it is now ${agency.state}`);
    if (agency.state === input.state) return agency;
    const now = tx.now();
    const changed = await repo.setAgencyState(tx.kysely, id, input.state, now);
    const sessions = input.state === 'active' ? 0 : await deleteAgencySessions(tx.kysely, id);
    const listings = await withholdListings(tx, id, input.state === 'active' ? null : now);
    await recordAudit(
      tx,
      {
        actorAccountId: actorAccountId(actor),
        agencyId: id,
        action: 'agency.state',
        targetType: 'agency',
        targetId: id,
        outcome: 'ok',
        details: { from: agency.state, to: input.state, sessionsEnded: sessions, listings, via: actorVia(actor) },
      },
      now,
    );
    return changed;
  });
  return presentAgency(updated);
}

export async function findAccountIdByEmail(deps: Deps, email: string) {
  const account = await repo.findAccountByEmail(deps.kysely, email);
  if (!account) throw new AppError('not_found', `no account with email ${email}`);
  return account.id;
}

export const isAgencySlugTaken = async (db: Kysely<Database>, slug: string) => (await repo.findAgencyBySlug(db, slug)) !== undefined;

/** The active account an email address belongs to, if any: who wrote to a group's address. */
export async function activeAccountByEmail(deps: Deps, email: string) {
  const account = await repo.findAccountByEmail(deps.kysely, email.trim().toLowerCase());
  if (!account || account.disabledAt !== null) return undefined;
  // A suspended or departed member's people write as strangers would: their mail is held.
  const agency = await repo.findAgency(deps.kysely, { network: true }, account.agencyId);
  return agency?.state === 'active' ? { id: account.id, agencyId: account.agencyId, displayName: account.displayName } : undefined;
}

export async function findAgencyIdBySlug(db: Kysely<Database>, slug: string) {
  const agency = await repo.findAgencyBySlug(db, slug);
  if (!agency) throw new AppError('not_found', `no agency with slug ${slug}`);
  return agency.id;
}

/** Active accounts of one agency by id, with their names: for other modules naming people (a case's team). */
export async function accountsOfAgency(deps: Deps, agencyId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return repo.activeAccountsById(deps.kysely, agencyId, ids);
}

/** Where to send a notice: the email of each account still active, for the notifications capability. */
export async function contactableAccounts(deps: Deps, ids: string[]) {
  if (ids.length === 0) return [];
  return repo.activeEmails(deps.kysely, ids);
}

/** Everyone who can sign in, with their email: the readers of the network's bulletins. */
export const everyActiveAccount = (deps: Deps) => repo.everyActiveAccount(deps.kysely);

/** Active accounts holding `role` in any agency: the network admins, who keep the network's inboxes. */
export const accountsWithRole = (deps: Deps, role: Role) => repo.activeWithRole(deps.kysely, role);

/** The active staff of an agency holding one of these roles: who is told that a referral came in. */
export async function staffWithRoles(deps: Deps, agencyId: string, wanted: Role[]) {
  const rows = await repo.activeStaff(deps.kysely, agencyId);
  return rows.filter((row) => row.roles.some((role) => wanted.includes(role)));
}

/** Agencies by id with their names and provinces, for other modules naming the two sides of something. */
export async function agenciesById(deps: Deps, ids: string[]) {
  if (ids.length === 0) return [];
  return repo.agenciesById(deps.kysely, [...new Set(ids)]);
}

export { acceptInvitation, invitationLink, inviteAccount, lookupInvitation, reinvite } from './invitations.js';
