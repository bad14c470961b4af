/**
 * Who works on a case: its coordinator, who may hand it to another, and its team. A hand-over is
 * compare-and-set on the coordinator the caller saw, audited, and both people are told.
 */
import { type Deps, unitOfWork } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type AccountActor, authorize } from '../../platform/policy.js';
import { staffWithRoles } from '../accounts/index.js';
import { notify } from '../notifications/index.js';
import { access, accountNames, audit } from './access.js';
import * as repo from './repo.js';

const caseRoles = ['agency_admin', 'coordinator', 'worker'] as const;
const coordinating = ['agency_admin', 'coordinator'] as const;

/** The agency's active staff who work on cases: whom a case's team and coordinator are chosen from. */
export async function colleagues(deps: Deps, actor: AccountActor) {
  authorize(actor, 'case.read', actor.agencyId);
  const staff = await staffWithRoles(deps, actor.agencyId, [...caseRoles]);
  return staff
    .map((account) => ({
      id: account.id,
      displayName: account.displayName,
      mayCoordinate: account.roles.some((role) => (coordinating as readonly string[]).includes(role)),
    }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Tells whoever was added to a case's team, once per addition. */
export async function tellAddedToTeam(deps: Deps, actor: AccountActor, caseId: string, before: string[], after: string[]) {
  const added = after.filter((id) => !before.includes(id) && id !== actor.accountId);
  if (added.length === 0) return;
  await notify(deps, {
    accountIds: added,
    kind: 'case-team-added',
    subjectType: 'case',
    subjectId: caseId,
    dedupeKey: `case:${caseId}:team:${deps.now().toISOString()}`,
  });
}

/** The coordinator (or an agency admin) hands the case to another coordinator of the agency. */
export async function handOver(deps: Deps, actor: AccountActor, caseId: string, input: { toAccountId: string; stayOnTeam: boolean }) {
  // Not case.write: an agency admin, who changes no case, may still pass on the case of a coordinator who left.
  authorize(actor, 'case.read', actor.agencyId);
  const { record } = await access(deps, actor, caseId);
  const from = record.coordinatorAccountId;
  if (!actor.roles.includes('agency_admin') && from !== actor.accountId) {
    await audit(deps, actor, 'case.hand_over', caseId, { reason: 'not-coordinator' }, 'refused');
    throw new AppError('forbidden', "only the case's coordinator or an agency admin hands it over");
  }
  if (input.toAccountId === from) throw new AppError('conflict', 'this person coordinates the case already');
  const eligible = await staffWithRoles(deps, actor.agencyId, [...coordinating]);
  if (!eligible.some((account) => account.id === input.toAccountId))
    throw new AppError('bad_request', `toAccountId: no active coordinator ${input.toAccountId} in your agency`);

  const team = await repo.teamOf(deps.kysely, caseId);
  const nextTeam = [...new Set([...team.filter((id) => id !== input.toAccountId), ...(input.stayOnTeam ? [from] : [])])];
  const when = deps.now().toISOString();
  await unitOfWork(deps, async (tx) => {
    if (!(await repo.updateCoordinatorIf(tx.kysely, caseId, from, input.toAccountId, deps.now())))
      throw new AppError('conflict', 'someone handed this case over at the same time: reload it');
    await repo.replaceTeam(tx.kysely, caseId, nextTeam);
    await audit(tx, actor, 'case.hand_over', caseId, { from, to: input.toAccountId, stayOnTeam: input.stayOnTeam });
    const told = { subjectType: 'case' as const, subjectId: caseId };
    await notify(tx, {
      ...told,
      accountIds: [input.toAccountId],
      kind: 'case-handed-to-you',
      dedupeKey: `case:${caseId}:handed:${when}:to`,
    });
    await notify(tx, { ...told, accountIds: [from], kind: 'case-handed-over', dedupeKey: `case:${caseId}:handed:${when}:from` });
  });
  // The case itself is not answered: one who handed over a restricted case and left its team may no longer open it.
  return { coordinator: (await accountNames(deps, actor.agencyId, [input.toAccountId]))(input.toAccountId) };
}
