import { type Deps, unitOfWork } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type AccountActor, authorize } from '../../platform/policy.js';
import { getResource } from '../library/index.js';
import * as repo from './repo.js';
import { foundGroup, groupAudit, mayLead, openGroup, refuseCaseData } from './service.js';

/**
 * A group's documents — tools of the library, linked so there is one copy to keep up to date —
 * and its decisions, dated, linked to the meeting that took them. Its members read them; its
 * coordinators keep them, while the group runs; an ended group's stay as they are.
 */
async function leads(deps: Deps, actor: AccountActor, groupId: string) {
  authorize(actor, 'group.take_part');
  await openGroup(deps, groupId);
  if (!(await mayLead(deps, actor, groupId)))
    throw new AppError('forbidden', 'not allowed: the group’s coordinators keep its documents and decisions');
}

export async function groupRecords(deps: Deps, actor: AccountActor, groupId: string) {
  authorize(actor, 'group.take_part');
  await foundGroup(deps, groupId);
  const documents = [];
  for (const id of await repo.documentIds(deps.kysely, groupId)) {
    const resource = await getResource(deps, actor, id).catch(() => undefined);
    if (resource)
      documents.push({ id, titleEn: resource.title.en, titleFr: resource.title.fr, url: resource.link ?? resource.file?.url ?? null });
  }
  const decisions = (await repo.decisionsOf(deps.kysely, groupId)).map((d) => ({ ...d, decidedOn: String(d.decidedOn) }));
  return { documents, decisions };
}

export async function addDocument(deps: Deps, actor: AccountActor, groupId: string, resourceId: string) {
  await leads(deps, actor, groupId);
  await getResource(deps, actor, resourceId).catch(() => {
    throw new AppError('bad_request', `resourceId: no resource ${resourceId} in the library`);
  });
  await unitOfWork(deps, async (tx) => {
    await repo.addDocument(tx.kysely, { groupId, resourceId, addedBy: actor.accountId, addedAt: tx.now() });
    await groupAudit(tx, actor, 'group.document.add', 'working-group', groupId);
  });
  return groupRecords(deps, actor, groupId);
}

export async function removeDocument(deps: Deps, actor: AccountActor, groupId: string, resourceId: string) {
  await leads(deps, actor, groupId);
  await unitOfWork(deps, async (tx) => {
    const removed = await repo.removeDocument(tx.kysely, groupId, resourceId);
    if (Number(removed.numDeletedRows) === 0) throw new AppError('not_found', `the group has no document ${resourceId}`);
    await groupAudit(tx, actor, 'group.document.remove', 'working-group', groupId);
  });
  return groupRecords(deps, actor, groupId);
}

export async function recordDecision(
  deps: Deps,
  actor: AccountActor,
  groupId: string,
  input: { text: string; decidedOn: string; meetingId?: string },
) {
  await leads(deps, actor, groupId);
  if (input.meetingId) {
    const meeting = await repo.findMeeting(deps.kysely, input.meetingId);
    if (meeting?.groupId !== groupId) throw new AppError('bad_request', `meetingId: no meeting ${input.meetingId} in this group`);
  }
  await refuseCaseData(deps, actor.agencyId, input.text, 'text');
  await unitOfWork(deps, async (tx) => {
    await repo.insertDecision(tx.kysely, {
      groupId,
      meetingId: input.meetingId ?? null,
      text: input.text,
      decidedOn: input.decidedOn,
      recordedBy: actor.accountId,
      recordedAt: tx.now(),
    });
    await groupAudit(tx, actor, 'group.decision', 'working-group', groupId);
  });
  return groupRecords(deps, actor, groupId);
}
