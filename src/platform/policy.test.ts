import { describe, expect, it } from 'vitest';
import { type Role, roles } from '../db/tables.js';
import { AppError } from './errors.js';
import {
  type AccountActor,
  actorAccountId,
  actorVia,
  can,
  commandLine,
  isMember,
  type Permission,
  permissions,
  refuseOutsideFamily,
  scopeFor,
  systemPermissions,
} from './policy.js';

/**
 * The whole access policy as one table, read as a reviewer would: for each permission, what each
 * role may do — A anywhere, O in its own agency only, - nothing. Columns in this order:
 * network_admin, agency_admin, coordinator, worker, researcher. A change to a rule must change
 * this table too, in the same review.
 */
const expected: Record<Permission, string> = {
  'agency.list': 'A A A A A',
  'agency.create': 'A - - - -',
  'agency.read': 'A O O O O',
  'account.list': 'A O - - -',
  'account.create': '- O - - -',
  'account.invite_first_admin': 'A - - - -',
  'account.disable': 'A O - - -',
  'case.read': '- O O O -',
  'case.write': '- - O O -',
  'case.erase': '- O O - -',
  'directory.manage': 'A O - - -',
  'library.manage': 'A O - - -',
  'library.curate': 'A - - - -',
  'referral.act': '- O O O -',
  'notification.read': 'A A A A A',
  'stats.read': 'A A A - A',
  'stats.agency': '- O O - -',
  'stats.microdata': 'A - - - A',
  'stats.publish': 'A - - - -',
  'help.handle': '- O O O -',
  'help.keys': '- O - - -',
  'help.network': 'A - - - -',
  'rights.review': 'A - - - -',
  'membership.review': 'A - - - -',
  'group.take_part': 'A A A A A',
  'group.lead_any': 'A - - - -',
  'bulletin.read': 'A A A A A',
  'bulletin.write': 'A - - - -',
};

const actor = (role: Role, stage: AccountActor['stage'] = 'full'): AccountActor => ({
  kind: 'account',
  accountId: 'someone',
  agencyId: 'own-agency',
  roles: [role],
  stage,
});

function observed(permission: Permission): string {
  return roles
    .map((role) => {
      const own = can(actor(role), permission, 'own-agency');
      const other = can(actor(role), permission, 'other-agency');
      return own && other ? 'A' : own ? 'O' : other ? '?' : '-';
    })
    .join(' ');
}

describe('the access policy', () => {
  it('lists every permission in the table, with roles in the expected order', () => {
    expect(roles).toEqual(['network_admin', 'agency_admin', 'coordinator', 'worker', 'researcher']);
    expect(Object.keys(expected).sort()).toEqual([...permissions].sort());
  });

  it.each(permissions)('gives %s to exactly the roles and agencies in the table', (permission) => {
    expect(observed(permission)).toBe(expected[permission]);
  });

  it('gives a network admin no case data and no way to act on referrals, in any agency', () => {
    for (const permission of permissions.filter((p) => p.startsWith('case.') || p.startsWith('referral.') || p === 'account.create'))
      expect(expected[permission].split(' ')[0], permission).toBe('-');
  });

  it('trusts the command line with setting the network up, never with a case, a referral or statistics', () => {
    const granted = permissions.filter((permission) => can(commandLine, permission, 'any-agency'));
    expect(granted.sort()).toEqual([...systemPermissions].sort());
    for (const permission of permissions.filter((p) => /^(case|referral|stats|notification)\./.test(p)))
      expect(can(commandLine, permission, 'any-agency'), permission).toBe(false);
    expect(scopeFor(commandLine, 'account.disable')).toEqual({ network: true });
    expect(() => scopeFor(commandLine, 'case.read')).toThrow(new AppError('forbidden', 'not allowed: case.read'));
    expect(actorAccountId(commandLine)).toBeNull();
    expect(actorVia(commandLine)).toBe('cli');
    expect(actorVia(actor('worker'))).toBe('api');
  });

  it('shows members-only things to a fully signed-in account of any role, not to a visitor or a half-signed-in one', () => {
    for (const role of roles) expect(isMember(actor(role)), role).toBe(true);
    expect(isMember(actor('worker', 'mfa'))).toBe(false);
    expect(isMember(undefined)).toBe(false);
  });

  it('gives nothing to a session still waiting for its second factor', () => {
    for (const permission of permissions)
      for (const role of roles)
        for (const stage of ['enrol', 'mfa'] as const) expect(can(actor(role, stage), permission, 'own-agency')).toBe(false);
  });

  it.each([
    ['/api/cases', 'case records'],
    ['/api/cases/123/notes', 'case records'],
    ['/api/referrals?box=inbox', 'referrals'],
  ])('lets only case roles into the %s family', (url, what) => {
    for (const role of roles) {
      const call = () => refuseOutsideFamily(actor(role), url);
      if (['agency_admin', 'coordinator', 'worker'].includes(role)) expect(call, role).not.toThrow();
      else expect(call, role).toThrow(new AppError('forbidden', `not allowed: ${what} are for agency_admin, coordinator, worker`));
    }
  });

  it('leaves routes outside the families to their own rules', () => {
    for (const url of ['/api/casesx', '/api/stats', '/api/directory/search'])
      expect(() => refuseOutsideFamily(actor('researcher'), url)).not.toThrow();
  });
});
