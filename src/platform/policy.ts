import type { Role, SessionStage } from '../db/tables.js';
import { AppError } from './errors.js';

/**
 * Who acts — the one shape every service takes: a signed-in account (its agency, roles and how
 * far it has signed in), or the operator at the command line (trusted with the network's
 * set-up, never with an agency's cases; still audited). A service that only an account may use
 * (cases, referrals, statistics) takes `AccountActor`, so the command line cannot reach it.
 */
export type Actor = AccountActor | SystemActor;

export interface AccountActor {
  kind: 'account';
  accountId: string;
  agencyId: string;
  roles: readonly Role[];
  stage: SessionStage;
}

export interface SystemActor {
  kind: 'system';
  via: 'cli';
}

export const commandLine: SystemActor = Object.freeze({ kind: 'system', via: 'cli' });

/** The account to name in an audit row (none for the command line) and the channel it came by. */
export const actorAccountId = (actor: Actor): string | null => (actor.kind === 'account' ? actor.accountId : null);
export const actorVia = (actor: Actor): 'api' | 'cli' => (actor.kind === 'account' ? 'api' : 'cli');

/** A visitor of a public page who has signed in fully, so sees what is kept for members. */
export const isMember = (actor: Actor | undefined): boolean => actor !== undefined && (actor.kind === 'system' || actor.stage === 'full');

const has = (actor: AccountActor, role: Role) => actor.roles.includes(role);
const hasAny = (actor: AccountActor, ...roles: Role[]) => roles.some((role) => has(actor, role));
const sameAgency = (actor: AccountActor, agencyId: string | undefined) => agencyId === actor.agencyId;

/** Roles that can see case data; they must use a second factor unless HARBOUR_MFA=optional. */
export const caseDataRoles: readonly Role[] = ['network_admin', 'agency_admin', 'coordinator', 'worker'];

/**
 * Every permission, one rule a line. `agencyId` is the agency that owns the thing acted on.
 * Network admins keep the network (agencies, accounts) but read no agency's cases.
 */
const rules = {
  'agency.list': (a: AccountActor) => a.roles.length > 0,
  'agency.create': (a: AccountActor) => has(a, 'network_admin'),
  'agency.read': (a: AccountActor, agencyId?: string) => has(a, 'network_admin') || sameAgency(a, agencyId),
  'account.list': (a: AccountActor, agencyId?: string) => has(a, 'network_admin') || (has(a, 'agency_admin') && sameAgency(a, agencyId)),
  // Roles inside an agency are given by its own admins; a network admin invites only an agency's first admin.
  'account.create': (a: AccountActor, agencyId?: string) => has(a, 'agency_admin') && sameAgency(a, agencyId),
  'account.invite_first_admin': (a: AccountActor) => has(a, 'network_admin'),
  'account.disable': (a: AccountActor, agencyId?: string) => has(a, 'network_admin') || (has(a, 'agency_admin') && sameAgency(a, agencyId)),
  'case.read': (a: AccountActor, agencyId?: string) => sameAgency(a, agencyId) && hasAny(a, 'agency_admin', 'coordinator', 'worker'),
  'case.write': (a: AccountActor, agencyId?: string) => sameAgency(a, agencyId) && hasAny(a, 'coordinator', 'worker'),
  // Erasing is for good: an agency admin, or a coordinator (the service checks it is the case's own).
  'case.erase': (a: AccountActor, agencyId?: string) => sameAgency(a, agencyId) && hasAny(a, 'agency_admin', 'coordinator'),
  'directory.manage': (a: AccountActor, agencyId?: string) =>
    has(a, 'network_admin') || (has(a, 'agency_admin') && sameAgency(a, agencyId)),
  'library.manage': (a: AccountActor, agencyId?: string) => has(a, 'network_admin') || (has(a, 'agency_admin') && sameAgency(a, agencyId)),
  'library.curate': (a: AccountActor) => has(a, 'network_admin'),
  // Either side of a referral: the service checks the agency is the sender or the receiver.
  'referral.act': (a: AccountActor, agencyId?: string) => sameAgency(a, agencyId) && hasAny(a, 'agency_admin', 'coordinator', 'worker'),
  'notification.read': (a: AccountActor) => a.roles.length > 0,
  'stats.read': (a: AccountActor) => hasAny(a, 'researcher', 'network_admin', 'agency_admin', 'coordinator'),
  // An agency's own figures, beside the network's; a researcher sees the network's only.
  'stats.agency': (a: AccountActor, agencyId?: string) => sameAgency(a, agencyId) && hasAny(a, 'agency_admin', 'coordinator'),
  'stats.microdata': (a: AccountActor) => hasAny(a, 'researcher', 'network_admin'),
  'stats.publish': (a: AccountActor) => has(a, 'network_admin'),
  // Help requests sealed to an agency's intake key: its case staff keep its inbox; its admins make the key.
  'help.handle': (a: AccountActor, agencyId?: string) => sameAgency(a, agencyId) && hasAny(a, 'agency_admin', 'coordinator', 'worker'),
  'help.keys': (a: AccountActor, agencyId?: string) => sameAgency(a, agencyId) && has(a, 'agency_admin'),
  // The network's fallback inbox, for requests no agency took or no agency was chosen for.
  'help.network': (a: AccountActor) => has(a, 'network_admin'),
  // Who checked a translation of the rights pages, and when: recorded by the network.
  'rights.review': (a: AccountActor) => has(a, 'network_admin'),
  // Applications to join: read and decided by the network.
  'membership.review': (a: AccountActor) => has(a, 'network_admin'),
  // Working groups: anyone of a member agency reads them, joins them and answers their meetings;
  // a group's coordinators lead it (the service checks), and network admins may lead any.
  'group.take_part': (a: AccountActor) => a.roles.length > 0,
  'group.lead_any': (a: AccountActor) => has(a, 'network_admin'),
  // The network's bulletins: written and published by network admins, read by every member.
  'bulletin.read': (a: AccountActor) => a.roles.length > 0,
  'bulletin.write': (a: AccountActor) => has(a, 'network_admin'),
} as const;

export type Permission = keyof typeof rules;
export const permissions = Object.keys(rules) as Permission[];

/** What the operator at the command line may do: set the network up. Nothing that opens a case or a referral. */
export const systemPermissions: ReadonlySet<Permission> = new Set<Permission>([
  'agency.list',
  'agency.create',
  'agency.read',
  'account.list',
  'account.create',
  'account.invite_first_admin',
  'account.disable',
  'directory.manage',
  'library.manage',
  'library.curate',
]);

/**
 * Whole families of routes only some roles may call, checked before a request's body is even
 * read: a researcher, or a network admin without a case role, never reaches a case or a referral.
 */
export const routeFamilies: ReadonlyArray<{ prefix: string; roles: readonly Role[]; what: string }> = [
  { prefix: '/api/cases', roles: ['agency_admin', 'coordinator', 'worker'], what: 'case records' },
  { prefix: '/api/referrals', roles: ['agency_admin', 'coordinator', 'worker'], what: 'referrals' },
];

export function refuseOutsideFamily(actor: AccountActor, url: string): void {
  const family = routeFamilies.find((f) => url === f.prefix || url.startsWith(`${f.prefix}/`) || url.startsWith(`${f.prefix}?`));
  if (family && !actor.roles.some((role) => family.roles.includes(role)))
    throw new AppError('forbidden', `not allowed: ${family.what} are for ${family.roles.join(', ')}`);
}

export function can(actor: Actor, permission: Permission, agencyId?: string): boolean {
  if (actor.kind === 'system') return systemPermissions.has(permission);
  return actor.stage === 'full' && rules[permission](actor, agencyId);
}

export function authorize(actor: Actor, permission: Permission, agencyId?: string): void {
  if (!can(actor, permission, agencyId)) throw new AppError('forbidden', `not allowed: ${permission}`);
}

/**
 * Which agencies' rows a query may return: every repo function over agency-owned data takes a
 * scope and filters by it, so a forgotten check returns nothing rather than another agency's rows.
 */
export type AgencyScope = { readonly agencyId: string } | { readonly network: true };

export function scopeFor(actor: Actor, permission: Permission): AgencyScope {
  if (actor.kind === 'system') {
    authorize(actor, permission);
    return { network: true };
  }
  if (has(actor, 'network_admin') && can(actor, permission)) return { network: true };
  authorize(actor, permission, actor.agencyId);
  return { agencyId: actor.agencyId };
}
