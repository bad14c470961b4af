import { type Deps, unitOfWork } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type AccountActor, authorize } from '../../platform/policy.js';
import { contactableAccounts } from '../accounts/index.js';
import { queueEmail } from './mail.js';
import * as repo from './repo.js';

export { deliverOutbox, pendingEmails, queueEmail } from './mail.js';

export interface Notice {
  accountIds: string[];
  /** what it is: a deadline reminder's kind, a referral's state… — never words about a person */
  kind: string;
  subjectType: 'case' | 'referral' | 'account' | 'help-request' | 'membership-application' | 'meeting' | 'working-group';
  subjectId: string;
  due?: string | null;
  /** the same notice is given once per account however often it is asked for */
  dedupeKey: string;
}

const emailFor = (deps: Deps) => ({
  subject: 'Harbour: something is waiting for you / quelque chose vous attend',
  body: [
    'Harbour has something for you to see. Sign in to read it:',
    `${deps.config.HARBOUR_PUBLIC_URL}/staff/notifications`,
    '',
    'Harbour a quelque chose à vous montrer. Connectez-vous pour le lire :',
    `${deps.config.HARBOUR_PUBLIC_URL}/staff/notifications`,
    '',
    'This message holds no personal information, by design. / Ce message ne contient aucun renseignement personnel, à dessein.',
  ].join('\n'),
});

/**
 * Gives a notice in the app to each account, once, and emails each account that had not had it:
 * the notice holds a kind, a due date and an id; the email holds a link.
 */
export async function notify(deps: Deps, notice: Notice): Promise<number> {
  const recipients = await contactableAccounts(deps, [...new Set(notice.accountIds)]);
  if (recipients.length === 0) return 0;
  return unitOfWork(deps, (tx) => notifyRecipients(tx, notice, recipients));
}

async function notifyRecipients(deps: Deps, notice: Notice, recipients: Array<{ id: string; email: string }>): Promise<number> {
  const added = await repo.insertNotices(
    deps.kysely,
    recipients.map((account) => ({
      accountId: account.id,
      kind: notice.kind,
      subjectType: notice.subjectType,
      subjectId: notice.subjectId,
      due: notice.due ?? null,
      dedupeKey: notice.dedupeKey,
      createdAt: deps.now(),
    })),
  );
  for (const accountId of added) {
    const to = recipients.find((account) => account.id === accountId)?.email;
    if (to) await queueEmail(deps, { to, ...emailFor(deps) });
  }
  return added.length;
}

/** The signed-in account's notices, newest first. */
export async function myNotifications(deps: Deps, actor: AccountActor) {
  authorize(actor, 'notification.read');
  const rows = await repo.noticesOf(deps.kysely, actor.accountId);
  return rows.map((row) => ({
    ...row,
    createdAt: new Date(row.createdAt).toISOString(),
    readAt: row.readAt ? new Date(row.readAt).toISOString() : null,
  }));
}

export async function markRead(deps: Deps, actor: AccountActor, id: string) {
  authorize(actor, 'notification.read');
  if (!(await repo.markRead(deps.kysely, id, actor.accountId, deps.now())))
    throw new AppError('not_found', `no notification ${id} of yours`);
}

/** When a case is erased or purged, its notices go too. */
export async function forgetSubject(deps: Deps, subjectType: Notice['subjectType'], subjectId: string) {
  await repo.deleteNoticesAbout(deps.kysely, subjectType, subjectId);
}
