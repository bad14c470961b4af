/**
 * Who may open a case (the one rule, for one case or many), and the audit record of what was
 * done with it. The keys and everything sealed with them are in keys.ts.
 */
import { auditOf } from '../../platform/audit.js';
import type { Deps } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type AccountActor, authorize } from '../../platform/policy.js';
import { accountsOfAgency } from '../accounts/index.js';
import * as repo from './repo.js';

export const audit = auditOf('case');

export interface Access {
  record: {
    id: string;
    agencyId: string;
    coordinatorAccountId: string;
    restricted: boolean;
    status: 'open' | 'closed';
    closedReason: string | null;
    purgeOn: string | null;
    sealed: Uint8Array;
    factSealed: Uint8Array | null;
    createdAt: Date;
    updatedAt: Date;
  };
  via: 'coordinator' | 'team' | 'agency' | 'break-glass';
}

/**
 * Who may open a case: its agency's case roles; when it is restricted, only its coordinator and
 * team, or someone holding an unexpired break-the-glass grant. Another agency's case is "not found".
 */
export async function access(deps: Deps, actor: AccountActor, id: string): Promise<Access> {
  const record = await repo.findRecord(deps.kysely, id);
  if (!record || record.agencyId !== actor.agencyId) throw new AppError('not_found', `no case ${id}`);
  const [granted] = await accessMany(deps, actor, [record]);
  if (granted) return granted;
  await audit(deps, actor, 'case.read', id, { reason: 'restricted' }, 'refused');
  throw new AppError(
    'forbidden',
    'restricted case: only its coordinator and team may open it; to open it anyway, give your reason (break the glass)',
    {
      breakGlass: `/api/cases/${id}/break-glass`,
    },
  );
}

/**
 * The rule itself, for one case or many at once (the list, the calendar): two queries whatever
 * the number of cases. Cases the caller may not open are left out, silently; `access` says why.
 */
export async function accessMany(deps: Deps, actor: AccountActor, records: Access['record'][]): Promise<Access[]> {
  authorize(actor, 'case.read', actor.agencyId);
  const ours = records.filter((record) => record.agencyId === actor.agencyId);
  if (ours.length === 0) return [];
  const ids = ours.map((record) => record.id);
  const onTeam = await repo.onTeam(deps.kysely, ids, actor.accountId);
  const closedToMe = ours.filter((r) => r.restricted && r.coordinatorAccountId !== actor.accountId && !onTeam.has(r.id)).map((r) => r.id);
  const granted = closedToMe.length > 0 ? await repo.liveGrants(deps.kysely, closedToMe, actor.accountId, deps.now()) : new Set<string>();
  return ours.flatMap((record): Access[] => {
    if (record.coordinatorAccountId === actor.accountId) return [{ record, via: 'coordinator' }];
    if (onTeam.has(record.id)) return [{ record, via: 'team' }];
    if (!record.restricted) return [{ record, via: 'agency' }];
    return granted.has(record.id) ? [{ record, via: 'break-glass' }] : [];
  });
}

/** People of the agency by id, for naming a case's coordinator, team and authors; an account gone since is "former account". */
export async function accountNames(deps: Deps, agencyId: string, ids: string[]) {
  const people = await accountsOfAgency(deps, agencyId, [...new Set(ids)]);
  return (id: string) => ({ id, displayName: people.find((p) => p.id === id)?.displayName ?? 'former account' });
}
