import type { Role, SessionStage } from '../db/tables.js';
import { AppError } from './errors.js';

/** Who acts: a signed-in account, or the operator at the command line (trusted, still audited). */
export type Caller = Actor | 'cli';

/** Who is asking: the signed-in account, its agency and roles. */
export interface Actor {
  accountId: string;
  agencyId: string;
  roles: readonly Role[];
  stage: SessionStage;
}

const has = (actor: Actor, role: Role) => actor.roles.includes(role);
const hasAny = (actor: Actor, ...roles: Role[]) => roles.some((role) => has(actor, role));
const sameAgency = (actor: Actor, agencyId: string | undefined) => agencyId === actor.agencyId;

/** Roles that can see case data; they must use a second factor unless HARBOUR_MFA=optional. */
export const caseDataRoles: readonly Role[] = ['network_admin', 'agency_admin', 'coordinator', 'worker'];

/**
 * Every permission, one rule a line. `agencyId` is the agency that owns the thing acted on.
 * Network admins keep the network (agencies, accounts) but read no agency's cases.
 */
const rules = {
  'agency.list': (a: Actor) => a.roles.length > 0,
  'agency.create': (a: Actor) => has(a, 'network_admin'),
  'agency.read': (a: Actor, agencyId?: string) => has(a, 'network_admin') || sameAgency(a, agencyId),
  'account.list': (a: Actor, agencyId?: string) => has(a, 'network_admin') || (has(a, 'agency_admin') && sameAgency(a, agencyId)),
  // Roles inside an agency are given by its own admins; a network admin invites only an agency's first admin.
  'account.create': (a: Actor, agencyId?: string) => has(a, 'agency_admin') && sameAgency(a, agencyId),
  'account.invite_first_admin': (a: Actor) => has(a, 'network_admin'),
  'account.disable': (a: Actor, agencyId?: string) => has(a, 'network_admin') || (has(a, 'agency_admin') && sameAgency(a, agencyId)),
  'case.read': (a: Actor, agencyId?: string) => sameAgency(a, agencyId) && hasAny(a, 'agency_admin', 'coordinator', 'worker'),
  'case.write': (a: Actor, agencyId?: string) => sameAgency(a, agencyId) && hasAny(a, 'coordinator', 'worker'),
  // Erasing is for good: an agency admin, or a coordinator (the service checks it is the case's own).
  'case.erase': (a: Actor, agencyId?: string) => sameAgency(a, agencyId) && hasAny(a, 'agency_admin', 'coordinator'),
  'directory.manage': (a: Actor, agencyId?: string) => has(a, 'network_admin') || (has(a, 'agency_admin') && sameAgency(a, agencyId)),
  'library.manage': (a: Actor, agencyId?: string) => has(a, 'network_admin') || (has(a, 'agency_admin') && sameAgency(a, agencyId)),
  'library.curate': (a: Actor) => has(a, 'network_admin'),
  // Either side of a referral: the service checks the agency is the sender or the receiver.
  'referral.act': (a: Actor, agencyId?: string) => sameAgency(a, agencyId) && hasAny(a, 'agency_admin', 'coordinator', 'worker'),
  'notification.read': (a: Actor) => a.roles.length > 0,
  'stats.read': (a: Actor) => hasAny(a, 'researcher', 'network_admin', 'agency_admin', 'coordinator'),
  // An agency's own figures, beside the network's; a researcher sees the network's only.
  'stats.agency': (a: Actor, agencyId?: string) => sameAgency(a, agencyId) && hasAny(a, 'agency_admin', 'coordinator'),
  'stats.microdata': (a: Actor) => hasAny(a, 'researcher', 'network_admin'),
  'stats.publish': (a: Actor) => has(a, 'network_admin'),
} as const;

export type Permission = keyof typeof rules;
export const permissions = Object.keys(rules) as Permission[];

/**
 * Whole families of routes only some roles may call, checked before a request's body is even
 * read: a researcher, or a network admin without a case role, never reaches a case or a referral.
 */
export const routeFamilies: ReadonlyArray<{ prefix: string; roles: readonly Role[]; what: string }> = [
  { prefix: '/api/cases', roles: ['agency_admin', 'coordinator', 'worker'], what: 'case records' },
  { prefix: '/api/referrals', roles: ['agency_admin', 'coordinator', 'worker'], what: 'referrals' },
];

export function refuseOutsideFamily(actor: Actor, url: string): void {
  const family = routeFamilies.find((f) => url === f.prefix || url.startsWith(`${f.prefix}/`) || url.startsWith(`${f.prefix}?`));
  if (family && !actor.roles.some((role) => family.roles.includes(role)))
    throw new AppError('forbidden', `not allowed: ${family.what} are for ${family.roles.join(', ')}`);
}

export function can(actor: Actor, permission: Permission, agencyId?: string): boolean {
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
  if (has(actor, 'network_admin') && can(actor, permission)) return { network: true };
  authorize(actor, permission, actor.agencyId);
  return { agencyId: actor.agencyId };
}
