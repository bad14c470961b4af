import { recordAudit } from '../../platform/audit.js';
import { type Deps, unitOfWork } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type AccountActor, authorize, can } from '../../platform/policy.js';
import { freeShortName } from '../../platform/text.js';
import { mentionsCaseData } from '../cases/index.js';
import { type Notice, notify } from '../notifications/index.js';
import { groupRef, listDomain, presentGroup, presentMeeting } from './present.js';
import * as repo from './repo.js';
import type { NewGroup } from './schema.js';

/**
 * Working groups: national groups, started by network admins; regional and city groups, started
 * under a parent by its coordinators, to which they report. Anyone of a member agency may join a
 * group; its coordinators lead it (meetings, minutes, who else coordinates).
 */
export const groupAudit = (
  tx: Deps,
  actor: { accountId: string; agencyId: string },
  action: string,
  targetType: 'working-group' | 'meeting',
  targetId: string,
) =>
  recordAudit(
    tx,
    { actorAccountId: actor.accountId, agencyId: actor.agencyId, action, targetType, targetId, outcome: 'ok', details: {} },
    tx.now(),
  );

/** A group's words are the network's: none of what the writer's agency keeps in a case. The refusal names the rule, never the match. */
export async function refuseCaseData(deps: Deps, agencyId: string, text: string, field: string) {
  if (await mentionsCaseData(deps, agencyId, text))
    throw new AppError(
      'bad_request',
      `${field}: this holds what one of your agency’s case records holds (a name, a contact or a date of birth); case information never goes to a group — link to the case instead`,
    );
}

export async function foundGroup(deps: Deps, id: string) {
  const group = await repo.findGroup(deps.kysely, id);
  if (!group) throw new AppError('not_found', `no group ${id}`);
  return group;
}

/** A notice to a group's people, but the one who acted. */
export async function tellMembers(tx: Deps, groupId: string, actor: { accountId: string }, notice: Omit<Notice, 'accountIds'>) {
  const people = await repo.peopleOf(tx.kysely, groupId);
  await notify(tx, { accountIds: people.map((p) => p.accountId).filter((accountId) => accountId !== actor.accountId), ...notice });
}

/** A group still running: an ended group keeps its records to read, and takes nothing new. */
export async function openGroup(deps: Deps, id: string) {
  const group = await foundGroup(deps, id);
  if (group.endedAt)
    throw new AppError(
      'conflict',
      `this group ended on ${new Date(group.endedAt).toISOString().slice(0, 10)}: its records stay to read, and it takes nothing new`,
    );
  return group;
}

export async function mayLead(deps: Deps, actor: AccountActor, groupId: string) {
  return can(actor, 'group.lead_any') || (await repo.roleIn(deps.kysely, groupId, actor.accountId)) === 'coordinator';
}

const allowedUnder = { national: ['regional', 'city'], regional: ['city'], city: [] } as const;

export async function listGroups(deps: Deps, actor: AccountActor) {
  authorize(actor, 'group.take_part');
  return (await repo.listGroups(deps.kysely, actor.accountId)).map((g) => presentGroup(listDomain(deps.config), g));
}

export async function createGroup(deps: Deps, actor: AccountActor, input: NewGroup) {
  authorize(actor, 'group.take_part');
  if (input.level === 'national') authorize(actor, 'group.lead_any');
  else {
    const parent = await repo.findGroup(deps.kysely, input.parentId as string);
    if (!parent) throw new AppError('bad_request', `parentId: no group ${input.parentId}`);
    if (parent.endedAt) throw new AppError('bad_request', `parentId: "${parent.nameEn}" has ended`);
    if (!(allowedUnder[parent.level] as readonly string[]).includes(input.level))
      throw new AppError('bad_request', `level: a ${input.level} group cannot report to a ${parent.level} group`);
    if (!(await mayLead(deps, actor, parent.id)))
      throw new AppError('forbidden', `not allowed: a group under "${parent.nameEn}" is started by its coordinators or a network admin`);
  }
  const listName = input.listName ?? (await freeShortName(input.nameEn, 'group', (name) => repo.listNameTaken(deps.kysely, name)));
  if (input.listName && (await repo.listNameTaken(deps.kysely, input.listName)))
    throw new AppError('conflict', `listName: ${input.listName} is already another group's address`);
  return unitOfWork(deps, async (tx) => {
    const group = await repo.insertGroup(tx.kysely, {
      listName,
      level: input.level,
      parentId: input.parentId ?? null,
      nameEn: input.nameEn,
      nameFr: input.nameFr,
      descriptionEn: input.descriptionEn,
      descriptionFr: input.descriptionFr,
      province: input.province ?? null,
      city: input.city ?? null,
      createdBy: actor.accountId,
      createdAt: tx.now(),
    });
    await repo.addMember(tx.kysely, group.id, actor.accountId, 'coordinator', tx.now());
    await groupAudit(tx, actor, 'group.create', 'working-group', group.id);
    return getGroup(tx, actor, group.id);
  });
}

export async function getGroup(deps: Deps, actor: AccountActor, id: string) {
  authorize(actor, 'group.take_part');
  const group = await foundGroup(deps, id);
  const [parent, children, people, meetings] = await Promise.all([
    group.parentId ? repo.findGroup(deps.kysely, group.parentId) : undefined,
    repo.childrenOf(deps.kysely, id),
    repo.peopleOf(deps.kysely, id),
    repo.meetingsOfGroup(deps.kysely, id, actor.accountId),
  ]);
  const myRole = people.find((p) => p.accountId === actor.accountId)?.role ?? null;
  // What mayLead would ask the database, read from the people already here.
  const leads = can(actor, 'group.lead_any') || myRole === 'coordinator';
  return {
    ...presentGroup(listDomain(deps.config), { ...group, members: people.length, myRole }),
    descriptionEn: group.descriptionEn,
    descriptionFr: group.descriptionFr,
    parent: parent ? groupRef(parent) : null,
    children: children.map(groupRef),
    people,
    meetings: meetings.map(presentMeeting),
    mayLead: leads,
  };
}

export async function joinGroup(deps: Deps, actor: AccountActor, id: string) {
  authorize(actor, 'group.take_part');
  await openGroup(deps, id);
  await unitOfWork(deps, async (tx) => {
    await repo.addMember(tx.kysely, id, actor.accountId, 'member', tx.now());
    await groupAudit(tx, actor, 'group.join', 'working-group', id);
  });
  return getGroup(deps, actor, id);
}

/** Leaving, or a coordinator taking someone out; a group never loses its last coordinator. */
export async function leaveGroup(deps: Deps, actor: AccountActor, id: string, accountId = actor.accountId) {
  authorize(actor, 'group.take_part');
  await foundGroup(deps, id);
  if (accountId !== actor.accountId && !(await mayLead(deps, actor, id)))
    throw new AppError('forbidden', 'not allowed: only its coordinators take someone out of a group');
  await unitOfWork(deps, async (tx) => {
    const role = await repo.roleIn(tx.kysely, id, accountId);
    if (!role) throw new AppError('not_found', 'not a member of this group');
    if (role === 'coordinator' && (await repo.coordinatorCount(tx.kysely, id)) === 1)
      throw new AppError('conflict', 'the group would have no coordinator: name another coordinator first');
    await repo.removeMember(tx.kysely, id, accountId);
    await groupAudit(tx, actor, 'group.leave', 'working-group', id);
  });
  return getGroup(deps, actor, id);
}

/** A coordinator names another member a coordinator, or makes one a member again. */
export async function setRole(deps: Deps, actor: AccountActor, id: string, accountId: string, role: 'member' | 'coordinator') {
  authorize(actor, 'group.take_part');
  await foundGroup(deps, id);
  if (!(await mayLead(deps, actor, id))) throw new AppError('forbidden', 'not allowed: only its coordinators change roles in a group');
  await unitOfWork(deps, async (tx) => {
    const was = await repo.roleIn(tx.kysely, id, accountId);
    if (!was) throw new AppError('bad_request', 'accountId: not a member of this group; they join it first');
    if (was === 'coordinator' && role === 'member' && (await repo.coordinatorCount(tx.kysely, id)) === 1)
      throw new AppError('conflict', 'the group would have no coordinator: name another coordinator first');
    await repo.updateRole(tx.kysely, id, accountId, role);
    await groupAudit(tx, actor, `group.role.${role}`, 'working-group', id);
  });
  return getGroup(deps, actor, id);
}

/**
 * Ends a group (its coordinators, or a network admin) once nothing under it still runs: no group
 * under it still running, no meeting still to come. Its members are told; its records stay.
 */
export async function endGroup(deps: Deps, actor: AccountActor, id: string) {
  authorize(actor, 'group.take_part');
  const group = await openGroup(deps, id);
  if (!(await mayLead(deps, actor, id))) throw new AppError('forbidden', 'not allowed: a group is ended by its coordinators');
  await unitOfWork(deps, async (tx) => {
    // Read in the ending's own transaction, so what it checks is what it ends on.
    const [groups, meetings] = await repo.stillRunningUnder(tx.kysely, id, tx.now());
    if (groups.length) throw new AppError('conflict', `end the groups under it first: ${groups.map((g) => g.nameEn).join(', ')}`);
    if (meetings.length) throw new AppError('conflict', `cancel its coming meetings first: ${meetings.map((m) => m.title).join(', ')}`);
    if (!(await repo.endGroup(tx.kysely, id, tx.now()))) throw new AppError('conflict', `"${group.nameEn}" has already ended`);
    await groupAudit(tx, actor, 'group.end', 'working-group', id);
    await tellMembers(tx, id, actor, { kind: 'group-ended', subjectType: 'working-group', subjectId: id, dedupeKey: `group:${id}:ended` });
  });
  return getGroup(deps, actor, id);
}
