import { randomBytes } from 'node:crypto';
import { type Deps, unitOfWork } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type AccountActor, authorize } from '../../platform/policy.js';
import { accountsOfAgency, agenciesById, getAgency } from '../accounts/index.js';
import { assessPathways } from '../pathways/index.js';
import { evaluate } from '../screening/index.js';
import { type Access, access, accessMany, accountNames, audit } from './access.js';
import { deadlinesOf } from './deadlines.js';
import { factOf } from './facts.js';
import {
  caseKey,
  openCases,
  openContent,
  openFactId,
  openReason,
  sealCaseKey,
  sealContent,
  sealFactId,
  sealReason,
  tokens,
} from './keys.js';
import { caseReference, caseSummary } from './present.js';
import { documentsOf, notesOf } from './records.js';
import * as repo from './repo.js';
import { type CaseChanges, type CaseContent, caseContent, type NewCase } from './schema.js';
import { tellAddedToTeam } from './team.js';
import { describeWithdrawal, withWithdrawal } from './withdrawal.js';

async function checkTeam(deps: Deps, agencyId: string, ids: string[]) {
  const found = await accountsOfAgency(deps, agencyId, ids);
  const missing = ids.filter((id) => !found.some((account) => account.id === id));
  if (missing.length > 0) throw new AppError('bad_request', `team: no active account ${missing.join(', ')} in your agency`);
}

/**
 * Keeps the case's one de-identified fact row current: the row's id is known only sealed inside
 * the case, so the statistics table holds nothing that points back.
 */
async function keepFact(
  deps: Deps,
  agencyId: string,
  caseId: string,
  key: Buffer,
  content: CaseContent,
  openedOn: string,
  factSealed: Uint8Array | null,
) {
  const [agency] = await agenciesById(deps, [agencyId]);
  const province = agency?.province ?? 'CA';
  const fact = factOf(content, { on: openedOn, province });
  const values = { ...fact, pathways: JSON.stringify(fact.pathways), agencyId };
  if (factSealed) {
    const factId = openFactId(key, caseId, factSealed);
    await repo.updateFact(deps.kysely, factId, values);
    return factSealed;
  }
  const id = await repo.insertFact(deps.kysely, values);
  const sealed = sealFactId(key, caseId, id);
  await repo.updateRecord(deps.kysely, caseId, { factSealed: sealed });
  return sealed;
}

/** Opens a case: its content sealed with a new key of its own, its names kept only as blind tokens. */
export async function createCase(deps: Deps, actor: AccountActor, input: NewCase) {
  authorize(actor, 'case.write', actor.agencyId);
  const coordinator = input.coordinatorAccountId ?? actor.accountId;
  const team = [...new Set(input.team ?? [])];
  await checkTeam(deps, actor.agencyId, [coordinator, ...team]);
  const id = crypto.randomUUID();
  const key = randomBytes(32);
  const content: CaseContent = caseContent.parse(input);
  // Sealed before the unit of work opens: the key reads happen on their own connection.
  const sealedKey = await sealCaseKey(deps, actor.agencyId, id, key);
  const nameTokens = await tokens(deps, actor.agencyId, content.person.names);
  const sealed = sealContent(key, id, content);
  await unitOfWork(deps, async (tx) => {
    await repo.insertCase(
      tx.kysely,
      { id, agencyId: actor.agencyId, coordinatorAccountId: coordinator, restricted: input.restricted ?? false, sealed, nameTokens },
      { caseId: id, agencyId: actor.agencyId, sealedKey },
      team,
    );
    await keepFact(tx, actor.agencyId, id, key, content, deps.now().toISOString().slice(0, 10), null);
    await audit(tx, actor, 'case.create', id);
  });
  return { id };
}

async function present(deps: Deps, { record, via }: Access) {
  const key = await caseKey(deps, record.agencyId, record.id);
  const withdrawal = await repo.withdrawalOf(deps.kysely, record.id);
  const content = withWithdrawal(openContent(key, record), withdrawal);
  const members = (await repo.teamOf(deps.kysely, record.id)).map((accountId) => ({ accountId }));
  const grants = via === 'coordinator' ? await repo.grantsOf(deps.kysely, record.id) : [];
  const ref = await accountNames(deps, record.agencyId, [
    record.coordinatorAccountId,
    ...members.map((m) => m.accountId),
    ...grants.map((g) => g.accountId),
  ]);
  return {
    ...caseSummary(record, content),
    coordinator: ref(record.coordinatorAccountId),
    team: members.map((m) => ref(m.accountId)),
    content,
    consentWithdrawal: await describeWithdrawal(deps, record, withdrawal),
    withdrawalUndecided: withdrawal !== undefined && withdrawal.decision === null,
    accessGrants: grants.map((g) => ({
      account: ref(g.accountId),
      grantedAt: new Date(g.grantedAt).toISOString(),
      expiresAt: new Date(g.expiresAt).toISOString(),
      reason: openReason(key, record.id, g.id, g.reasonSealed),
    })),
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
  };
}

/** One case, opened: every opening is in the audit chain, with how access was given. */
export async function getCase(deps: Deps, actor: AccountActor, id: string) {
  const granted = await access(deps, actor, id);
  const view = await present(deps, granted);
  await audit(deps, actor, 'case.read', id, { via: granted.via });
  return view;
}

/** The agency's cases the actor may open, newest change first; restricted ones of others are left out. */
export async function listCases(deps: Deps, actor: AccountActor, filter: { name?: string } = {}) {
  authorize(actor, 'case.read', actor.agencyId);
  let wanted: string[] | undefined;
  if (filter.name) {
    wanted = await tokens(deps, actor.agencyId, [filter.name]);
    if (wanted.length === 0) return [];
  }
  const granted = await accessMany(deps, actor, await repo.recentRecords(deps.kysely, actor.agencyId, wanted));
  const coordinator = await accountNames(
    deps,
    actor.agencyId,
    granted.map(({ record }) => record.coordinatorAccountId),
  );
  const undecided = await repo.undecidedWithdrawals(
    deps.kysely,
    granted.map(({ record }) => record.id),
  );
  const opened = await openCases(
    deps,
    actor.agencyId,
    granted.map(({ record }) => record),
  );
  const visible = opened.map(({ record, content }) => ({
    ...caseSummary(record, content),
    coordinator: coordinator(record.coordinatorAccountId),
    withdrawalUndecided: undecided.has(record.id),
    updatedAt: new Date(record.updatedAt).toISOString(),
  }));
  await audit(deps, actor, 'case.list', 'agency', { count: visible.length, byName: Boolean(filter.name) });
  return visible;
}

/** Changes a case: the content is sealed again whole; the audit names the parts changed, never values. */
export async function updateCase(deps: Deps, actor: AccountActor, id: string, changes: CaseChanges) {
  authorize(actor, 'case.write', actor.agencyId);
  const granted = await access(deps, actor, id);
  const current = (await present(deps, granted)).content;
  const next = caseContent.parse({
    person: { ...current.person, ...changes.person },
    situation: changes.situation ?? current.situation,
    pathwayFacts: changes.pathwayFacts ?? current.pathwayFacts,
    safetyPlan: changes.safetyPlan ?? current.safetyPlan,
    services: changes.services ?? current.services,
    consents: changes.consents ?? current.consents,
    assessments: current.assessments,
  });
  if (changes.team) await checkTeam(deps, actor.agencyId, changes.team);
  const teamBefore = changes.team ? await repo.teamOf(deps.kysely, id) : [];
  const key = await caseKey(deps, actor.agencyId, id);
  const sealed = sealContent(key, id, next);
  const nameTokens = await tokens(deps, actor.agencyId, next.person.names);
  const parts = [...Object.keys(changes.person ?? {}).map((k) => `person.${k}`), ...Object.keys(changes).filter((k) => k !== 'person')];
  await unitOfWork(deps, async (tx) => {
    await repo.updateRecord(tx.kysely, id, {
      sealed,
      nameTokens,
      updatedAt: deps.now(),
      ...(changes.restricted !== undefined ? { restricted: changes.restricted } : {}),
    });
    if (changes.team) {
      await repo.replaceTeam(tx.kysely, id, changes.team);
      await tellAddedToTeam(tx, actor, id, teamBefore, changes.team);
    }
    await keepFact(
      tx,
      actor.agencyId,
      id,
      key,
      next,
      new Date(granted.record.createdAt).toISOString().slice(0, 10),
      granted.record.factSealed,
    );
    await audit(tx, actor, 'case.update', id, { fields: parts.sort().join(',') });
  });
  return getCase(deps, actor, id);
}

/** Breaking the glass: access to a restricted case for a limited time, with a reason its coordinator sees. */
export async function breakGlass(deps: Deps, actor: AccountActor, id: string, reason: string) {
  const record = await repo.findRecord(deps.kysely, id);
  if (!record || record.agencyId !== actor.agencyId) throw new AppError('not_found', `no case ${id}`);
  authorize(actor, 'case.read', record.agencyId);
  if (!record.restricted) throw new AppError('conflict', 'this case is not restricted: open it directly');
  const key = await caseKey(deps, record.agencyId, id);
  const grantId = crypto.randomUUID();
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + deps.config.HARBOUR_BREAK_GLASS_MINUTES * 60_000);
  await unitOfWork(deps, async (tx) => {
    await repo.insertGrant(tx.kysely, {
      id: grantId,
      caseId: id,
      accountId: actor.accountId,
      reasonSealed: sealReason(key, id, grantId, reason),
      grantedAt: now,
      expiresAt,
    });
    await audit(tx, actor, 'case.break_glass', id, { grant: grantId, minutes: deps.config.HARBOUR_BREAK_GLASS_MINUTES });
  });
  return { expiresAt: expiresAt.toISOString() };
}

/** Which pathways are open or barred for the person, and every deadline that follows, today. */
export async function casePathways(deps: Deps, actor: AccountActor, id: string) {
  const view = await getCase(deps, actor, id);
  return assessPathways(view.content.pathwayFacts, deps.now().toISOString().slice(0, 10));
}

/** The agency's coming deadlines, from every open case the caller may open: pathway deadlines, plan actions, consents ending. */
export async function agencyCalendar(deps: Deps, actor: AccountActor, days: number, from?: string) {
  authorize(actor, 'case.read', actor.agencyId);
  const today = deps.now().toISOString().slice(0, 10);
  const first = from ?? today;
  const until = new Date(Date.parse(`${first}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const open = await repo.openRecordsOf(deps.kysely, actor.agencyId);
  const granted = await accessMany(deps, actor, open);
  const entries = [];
  for (const { record, content } of await openCases(
    deps,
    actor.agencyId,
    granted.map(({ record }) => record),
  )) {
    for (const deadline of deadlinesOf(content, today, deps.config.HARBOUR_REMINDER_DAYS)) {
      const { ref: _, ...entry } = deadline;
      entries.push({ caseId: record.id, reference: caseReference(record.id), name: content.person.names[0] ?? '', ...entry });
    }
  }
  await audit(deps, actor, 'case.calendar', 'agency', { count: entries.length });
  return entries.filter((e) => e.due >= first && e.due < until).sort((a, b) => a.due.localeCompare(b.due));
}

/**
 * Keeps an identification-aid assessment with the case, sealed like the rest of it: the aid's
 * result is computed here by the same rule the page runs, so what is kept is what the rule says.
 */
export async function attachAssessment(deps: Deps, actor: AccountActor, id: string, input: { listId: string; indicators: string[] }) {
  authorize(actor, 'case.write', actor.agencyId);
  const granted = await access(deps, actor, id);
  const result = evaluate(input);
  const current = (await present(deps, granted)).content;
  const next = caseContent.parse({
    ...current,
    assessments: [...current.assessments, { ...input, at: deps.now().toISOString(), result }],
  });
  const key = await caseKey(deps, actor.agencyId, id);
  await unitOfWork(deps, async (tx) => {
    await repo.updateRecord(tx.kysely, id, { sealed: sealContent(key, id, next), updatedAt: deps.now() });
    await audit(tx, actor, 'case.assessment.attach', id, { list: input.listId, indicators: input.indicators.length });
  });
  return result;
}

/**
 * The person's copy of their record: everything the case holds about them, with its notes and
 * the list of its documents, for a printable bilingual page. Giving it is audited.
 */
export async function caseCopy(deps: Deps, actor: AccountActor, id: string) {
  const granted = await access(deps, actor, id);
  const view = await present(deps, granted);
  const key = await caseKey(deps, actor.agencyId, id);
  const { accessGrants: _, ...record } = view;
  const copy = {
    ...record,
    notes: await notesOf(deps, actor.agencyId, id, key),
    documents: await documentsOf(deps, actor.agencyId, id, key),
    pathways: assessPathways(view.content.pathwayFacts, deps.now().toISOString().slice(0, 10)),
    agency: (await getAgency(deps, actor, actor.agencyId)).name,
    madeAt: deps.now().toISOString(),
  };
  await audit(deps, actor, 'case.copy', id, { via: granted.via });
  return copy;
}

export { closeCase, eraseCase, purgeDueCases, reopenCase } from './lifecycle.js';
export { addDocument, addNote, listDocuments, listNotes, readDocument } from './records.js';
export { remindDeadlines } from './reminders.js';
export { planHeadings } from './schema.js';
export { colleagues, handOver } from './team.js';
export { decideWithdrawal, recordReferralWithdrawal } from './withdrawal.js';

/**
 * Recomputes every case's fact row from the case itself (each opened with its own key): after an
 * upgrade that adds to the fact (`harbour cases refresh-facts`; the server does it at start when
 * rows are missing their agency). Still one row per case; still nothing that points back.
 */
export async function refreshCaseFacts(deps: Deps): Promise<number> {
  const records = await repo.allRecordsForFacts(deps.kysely);
  for (const record of records) {
    const key = await caseKey(deps, record.agencyId, record.id);
    const content = openContent(key, record);
    await unitOfWork(deps, (tx) =>
      keepFact(tx, record.agencyId, record.id, key, content, new Date(record.createdAt).toISOString().slice(0, 10), record.factSealed),
    );
  }
  return records.length;
}

export async function factsNeedRefresh(deps: Deps): Promise<boolean> {
  return repo.factsNeedAgency(deps.kysely);
}
export type { CaseFact } from './facts.js';
