/**
 * When the person withdraws the consent under which a referral reached this agency, the case
 * opened from that referral learns it: its consent record reads as withdrawn, its coordinator is
 * told and decides what follows. The referring agency never opens the case to do so — it leaves a
 * plain row that says when and who, and the decision is taken by the case's own agency.
 */
import { type Deps, unitOfWork } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type AccountActor, authorize } from '../../platform/policy.js';
import { accountsOfAgency, agenciesById } from '../accounts/index.js';
import { notify } from '../notifications/index.js';
import { type Access, access, accountNames, audit } from './access.js';
import { caseKey, openContent, sealContent, tokens } from './keys.js';
import { caseReference } from './present.js';
import * as repo from './repo.js';
import { type CaseContent, caseContent, type WithdrawalDecision } from './schema.js';

type Withdrawal = NonNullable<Awaited<ReturnType<typeof repo.withdrawalOf>>>;

/** How cases opened from a referral before consent records named their referral described it. */
const earlierReferralConsent = 'name, language, needs and safe contact shared by referral';

const dayOf = (at: Date) => new Date(at).toISOString().slice(0, 10);

/** Called inside the referral's withdrawal, in its transaction: records it against the case, tells the coordinator. */
export async function recordReferralWithdrawal(deps: Deps, actor: AccountActor, caseId: string, referralId: string) {
  const record = await repo.findRecord(deps.kysely, caseId);
  if (!record) return;
  await repo.insertWithdrawal(deps.kysely, {
    caseId,
    referralId,
    withdrawnAt: deps.now(),
    byAgencyId: actor.agencyId,
    byAccountId: actor.accountId,
  });
  await notify(deps, {
    accountIds: [record.coordinatorAccountId],
    kind: 'case-consent-withdrawn',
    subjectType: 'case',
    subjectId: caseId,
    dedupeKey: `case:${caseId}:consent-withdrawn`,
  });
  await audit(deps, actor, 'case.consent_withdrawn', caseId, { referral: referralId });
}

/** The case's content as it must read once the referral's consent is withdrawn: that consent marked withdrawn on the day. */
export function withWithdrawal(content: CaseContent, withdrawal: Withdrawal | undefined): CaseContent {
  if (!withdrawal) return content;
  const named = content.consents.some((consent) => consent.referralId === withdrawal.referralId);
  const isTheReferral = (consent: CaseContent['consents'][number]) =>
    named ? consent.referralId === withdrawal.referralId : consent.purpose === 'referral' && consent.what === earlierReferralConsent;
  return {
    ...content,
    consents: content.consents.map((consent) =>
      isTheReferral(consent) && !consent.withdrawnOn ? { ...consent, withdrawnOn: dayOf(withdrawal.withdrawnAt) } : consent,
    ),
  };
}

/** What a case view says of the withdrawal: when, by which agency and worker, and what was decided. */
export async function describeWithdrawal(deps: Deps, record: Access['record'], withdrawal: Withdrawal | undefined) {
  if (!withdrawal) return null;
  const [agency] = await agenciesById(deps, [withdrawal.byAgencyId]);
  const [worker] = await accountsOfAgency(deps, withdrawal.byAgencyId, [withdrawal.byAccountId]);
  const ours = await accountNames(deps, record.agencyId, withdrawal.decidedBy ? [withdrawal.decidedBy] : []);
  return {
    referralId: withdrawal.referralId,
    withdrawnAt: new Date(withdrawal.withdrawnAt).toISOString(),
    byAgency: agency?.name ?? '',
    byWorker: worker?.displayName ?? 'former account',
    decision: withdrawal.decision,
    decidedAt: withdrawal.decidedAt ? new Date(withdrawal.decidedAt).toISOString() : null,
    decidedBy: withdrawal.decidedBy ? ours(withdrawal.decidedBy) : null,
  };
}

/**
 * What came through the referral about the person — the name, the language, the interpreter and
 * the safe contact — erased. What the agency wrote itself (the plan, services, notes) stays:
 * erasing the whole case is its own, separate step.
 */
function eraseShared(content: CaseContent, caseId: string): CaseContent {
  const { preferredLanguage: _l, interpreterNeeded: _i, safeContact: _s, ...person } = content.person;
  return { ...content, person: { ...person, names: [caseReference(caseId)] } };
}

/** The coordinator (or an agency admin) decides what follows the withdrawal: once, compare-and-set, audited. */
export async function decideWithdrawal(deps: Deps, actor: AccountActor, caseId: string, decision: WithdrawalDecision) {
  authorize(actor, 'case.write', actor.agencyId);
  const { record } = await access(deps, actor, caseId);
  if (!actor.roles.includes('agency_admin') && record.coordinatorAccountId !== actor.accountId) {
    await audit(deps, actor, 'case.consent_withdrawal.decide', caseId, { reason: 'not-coordinator' }, 'refused');
    throw new AppError('forbidden', "only the case's coordinator or an agency admin decides what follows a withdrawal of consent");
  }
  const withdrawal = await repo.withdrawalOf(deps.kysely, caseId);
  if (!withdrawal) throw new AppError('not_found', 'no withdrawal of consent reached this case');
  if (withdrawal.decision) throw new AppError('conflict', `this was decided already: ${withdrawal.decision}`);
  const key = await caseKey(deps, actor.agencyId, caseId);
  const current = withWithdrawal(openContent(key, record), withdrawal);
  const next = caseContent.parse(
    decision.decision === 'consents-directly'
      ? { ...current, consents: [...current.consents, decision.consent] }
      : eraseShared(current, caseId),
  );
  const sealed = sealContent(key, caseId, next);
  const nameTokens = await tokens(deps, actor.agencyId, next.person.names);
  await unitOfWork(deps, async (tx) => {
    const decided = await repo.decideIfUndecided(tx.kysely, caseId, {
      decision: decision.decision,
      decidedAt: deps.now(),
      decidedBy: actor.accountId,
    });
    if (!decided) throw new AppError('conflict', 'someone decided this at the same time');
    await repo.updateRecord(tx.kysely, caseId, { sealed, nameTokens, updatedAt: deps.now() });
    await audit(tx, actor, 'case.consent_withdrawal.decide', caseId, { decision: decision.decision });
  });
}
