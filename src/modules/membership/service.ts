import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import type { ApplicationState, MembershipApplicationTable } from '../../db/tables.js';
import { countPublicForm } from '../../platform/attempts.js';
import { recordAudit } from '../../platform/audit.js';
import { type Deps, unitOfWork } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type AccountActor, authorize } from '../../platform/policy.js';
import { freeShortName } from '../../platform/text.js';
import { accountsWithRole, createAgency, inviteAccount, isAgencySlugTaken, newAgencyBody } from '../accounts/index.js';
import { createOrganization } from '../directory/index.js';
import { notify, queueEmail } from '../notifications/index.js';
import * as letters from './letters.js';
import { presentApplication, presentSummary } from './present.js';
import * as repo from './repo.js';
import type { ApplicationBody } from './schema.js';

/**
 * An organization asks to join; a network admin approves, asks for more, or declines with a
 * reason. Each step is one transaction with its audit row, compare-and-set on the state the
 * reviewer saw, and the applicant hears of it by email through the outbox. Approving makes the
 * agency, its directory organization (a draft: nothing of it is public until its admin lists a
 * service) and the invitation of its first admin, all at once or not at all.
 */
export const ANSWER_DAYS = 30;
const waiting: readonly ApplicationState[] = ['submitted', 'needs-more'];

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

async function tellNetwork(tx: Deps, applicationId: string, kind: 'membership-applied' | 'membership-answered') {
  const admins = await accountsWithRole(tx, 'network_admin');
  await notify(tx, {
    accountIds: admins.map((admin) => admin.id),
    kind,
    subjectType: 'membership-application',
    subjectId: applicationId,
    dedupeKey: `membership:${applicationId}:${kind}:${tx.now().toISOString()}`,
  });
}

const audit = (tx: Deps, action: string, applicationId: string, actor: AccountActor | null, agencyId: string | null = null) =>
  recordAudit(
    tx,
    {
      actorAccountId: actor?.accountId ?? null,
      agencyId,
      action,
      targetType: 'membership-application',
      targetId: applicationId,
      outcome: 'ok',
      details: { via: actor ? 'api' : 'public' },
    },
    tx.now(),
  );

/** Public: anyone may apply; the per-address limit of public forms keeps it from being flooded. */
export async function apply(deps: Deps, input: ApplicationBody, address: string) {
  await countPublicForm(
    deps.attempts,
    deps.config.HARBOUR_PUBLIC_FORMS_PER_HOUR,
    address,
    'too many forms sent from here; try again in an hour',
  );
  return unitOfWork(deps, async (tx) => {
    const application = await repo.insertApplication(tx.kysely, {
      organizationName: input.organizationName,
      province: input.province,
      city: input.city,
      website: input.website ?? null,
      work: [...new Set(input.work)],
      whatItDoes: input.whatItDoes,
      howItMeetsCriteria: input.howItMeetsCriteria,
      contactName: input.contact.name,
      contactEmail: input.contact.email,
      contactPhone: input.contact.phone || null,
      contactRole: input.contact.role || null,
      language: input.language,
      answerTokenHash: null,
      answerExpiresAt: null,
      agencyId: null,
      decidedAt: null,
      decidedBy: null,
      submittedAt: tx.now(),
    });
    await audit(tx, 'membership.apply', application.id, null);
    await queueEmail(tx, { to: application.contactEmail, ...letters.received(application) });
    await tellNetwork(tx, application.id, 'membership-applied');
    return { id: application.id, state: application.state };
  });
}

export async function listApplications(deps: Deps, actor: AccountActor, state?: ApplicationState) {
  authorize(actor, 'membership.review');
  return (await repo.listApplications(deps.kysely, state)).map(presentSummary);
}

async function found(deps: Deps, id: string) {
  const application = await repo.findApplication(deps.kysely, id);
  if (!application) throw new AppError('not_found', `no application ${id}`);
  return application;
}

type Application = Selectable<MembershipApplicationTable>;

async function detail(deps: Deps, application: Application) {
  return presentApplication(application, await repo.messagesOf(deps.kysely, application.id));
}

export async function getApplication(deps: Deps, actor: AccountActor, id: string) {
  authorize(actor, 'membership.review');
  return detail(deps, await found(deps, id));
}

/** The reviewer's decision applies only to the state they saw, and only to one still waiting. */
async function decidable(deps: Deps, actor: AccountActor, id: string, was: ApplicationState) {
  authorize(actor, 'membership.review');
  const application = await found(deps, id);
  if (application.state !== was)
    throw new AppError('conflict', `state: the application is now ${application.state}, not ${was}; reload it`);
  if (!waiting.includes(was)) throw new AppError('bad_request', `state: an application already ${was} is decided`);
  return application;
}

const stale = (was: ApplicationState) => new AppError('conflict', `state: the application changed since you saw it ${was}; reload it`);

type Said = { kind: 'question' | 'decline' | 'approve'; body: string };
const actions = { question: 'membership.ask', decline: 'membership.decline', approve: 'membership.approve' } as const;

/** One step of a review, inside the caller's transaction: the compare-and-set, what was said, its audit row, the applicant's email. */
async function reviewStep(
  tx: Deps,
  actor: AccountActor,
  application: Application,
  was: ApplicationState,
  changes: Parameters<typeof repo.changeState>[3],
  said: Said,
  letter: { subject: string; body: string },
) {
  const changed = await repo.changeState(tx.kysely, application.id, was, changes);
  if (!changed) throw stale(was);
  await repo.addMessage(tx.kysely, { applicationId: application.id, ...said, accountId: actor.accountId, createdAt: tx.now() });
  await audit(tx, actions[said.kind], application.id, actor, changed.agencyId);
  await queueEmail(tx, { to: application.contactEmail, ...letter });
  return changed;
}

export async function askForMore(deps: Deps, actor: AccountActor, id: string, input: { was: ApplicationState; question: string }) {
  const application = await decidable(deps, actor, id, input.was);
  const token = crypto.randomBytes(32).toString('base64url');
  const link = `${deps.config.HARBOUR_PUBLIC_URL.replace(/\/$/, '')}/join/answer#${token}`;
  return unitOfWork(deps, async (tx) => {
    const changes = {
      state: 'needs-more' as const,
      answerTokenHash: tokenHash(token),
      answerExpiresAt: new Date(tx.now().getTime() + ANSWER_DAYS * 86_400_000),
    };
    const said = { kind: 'question' as const, body: input.question };
    const letter = letters.question(application, input.question, link, ANSWER_DAYS);
    return detail(tx, await reviewStep(tx, actor, application, input.was, changes, said, letter));
  });
}

/** What a decision sets: when, by whom, and the end of any answer link. */
const decided = (tx: Deps, actor: AccountActor) => ({
  decidedAt: tx.now(),
  decidedBy: actor.accountId,
  answerTokenHash: null,
  answerExpiresAt: null,
});

export async function decline(deps: Deps, actor: AccountActor, id: string, input: { was: ApplicationState; reason: string }) {
  const application = await decidable(deps, actor, id, input.was);
  return unitOfWork(deps, async (tx) => {
    const changes = { state: 'declined' as const, ...decided(tx, actor) };
    const said = { kind: 'decline' as const, body: input.reason };
    return detail(tx, await reviewStep(tx, actor, application, input.was, changes, said, letters.declined(application, input.reason)));
  });
}

export async function approve(deps: Deps, actor: AccountActor, id: string, input: { was: ApplicationState; slug?: string; note?: string }) {
  const application = await decidable(deps, actor, id, input.was);
  const slug =
    input.slug ?? (await freeShortName(application.organizationName, 'member', (candidate) => isAgencySlugTaken(deps.kysely, candidate)));
  try {
    return await unitOfWork(deps, async (tx) => {
      const agency = await createAgency(
        tx,
        actor,
        newAgencyBody.parse({ slug, name: application.organizationName, province: application.province }),
      );
      const changes = { state: 'approved' as const, agencyId: agency.id, ...decided(tx, actor) };
      const said = { kind: 'approve' as const, body: input.note ?? '' };
      const changed = await reviewStep(tx, actor, application, input.was, changes, said, letters.approved(application, input.note));
      const description = application.whatItDoes;
      await createOrganization(tx, actor, {
        agencyId: agency.id,
        name: application.organizationName,
        descriptionEn: application.language === 'en' ? description : '',
        descriptionFr: application.language === 'fr' ? description : '',
        website: application.website,
        isMember: true,
      });
      await inviteAccount(tx, actor, {
        agencyId: agency.id,
        email: application.contactEmail,
        displayName: application.contactName,
        roles: ['agency_admin'],
      });
      return { ...(await detail(tx, changed)), agencyId: agency.id, invitedEmail: application.contactEmail };
    });
  } catch (error) {
    // The new agency's data key was made inside the rolled-back transaction: drop it from memory too.
    deps.crypto.forget();
    if (error instanceof AppError && error.code === 'conflict' && error.message.startsWith('email:'))
      throw new AppError(
        'conflict',
        `contact.email: ${application.contactEmail} already has a Harbour account; ask the applicant for another address, or disable that account first`,
      );
    throw error;
  }
}

async function answerable(deps: Deps, token: string) {
  const application = await repo.findByAnswerToken(deps.kysely, tokenHash(token));
  if (application?.state !== 'needs-more' || !application.answerExpiresAt || application.answerExpiresAt <= deps.now())
    throw new AppError('not_found', 'this link is not valid: it was used, it expired, or the application was decided');
  return application;
}

/** Public, with the link's secret: what the network asked. */
export async function lookupQuestion(deps: Deps, token: string) {
  const application = await answerable(deps, token);
  const messages = await repo.messagesOf(deps.kysely, application.id);
  return {
    organizationName: application.organizationName,
    language: application.language,
    questions: messages.filter((m) => m.kind === 'question').map((m) => ({ body: m.body, at: new Date(m.createdAt).toISOString() })),
  };
}

/** Public, with the link's secret: the applicant's answer puts the application back in the queue; the link is spent. */
export async function answer(deps: Deps, token: string, text: string, address: string) {
  await countPublicForm(
    deps.attempts,
    deps.config.HARBOUR_PUBLIC_FORMS_PER_HOUR,
    address,
    'too many forms sent from here; try again in an hour',
  );
  const application = await answerable(deps, token);
  return unitOfWork(deps, async (tx) => {
    const changed = await repo.changeState(tx.kysely, application.id, 'needs-more', {
      state: 'submitted',
      answerTokenHash: null,
      answerExpiresAt: null,
    });
    if (!changed) throw new AppError('conflict', 'state: the application changed meanwhile; the link no longer works');
    await repo.addMessage(tx.kysely, { applicationId: application.id, kind: 'answer', body: text, accountId: null, createdAt: tx.now() });
    await audit(tx, 'membership.answer', application.id, null);
    await tellNetwork(tx, application.id, 'membership-answered');
    return { id: changed.id, state: changed.state };
  });
}
