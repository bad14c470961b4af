/**
 * A worker's private calendar feed (iCalendar): the deadlines of the cases they coordinate or
 * work on, at a secret address their calendar program reads without signing in. An event names
 * no person and carries no free text — "Deadline — case H-3F2A1C", the kind of deadline in fixed
 * words, and a link to the case behind sign-in. Only the key's hash is stored; a new address
 * replaces the old one, and the worker can revoke it.
 */
import { createHash, randomBytes } from 'node:crypto';
import ical from 'ical-generator';
import type { Deps } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type AccountActor, authorize, can } from '../../platform/policy.js';
import { accountsOfAgency } from '../accounts/index.js';
import { audit } from './access.js';
import { type Deadline, deadlinesOf } from './deadlines.js';
import { openCases } from './keys.js';
import { caseReference } from './present.js';
import * as repo from './repo.js';

type Language = 'en' | 'fr';
const DAY = 86_400_000;
const hashOf = (key: string) => createHash('sha256').update(key).digest();
const feedUrl = (deps: Deps, key: string) => `${deps.config.HARBOUR_PUBLIC_URL}/api/calendar.ics?key=${key}`;

/** Kinds whose words carry the worker's own text (an action, a consent): the feed gives fixed words instead. */
const fixedWords: Record<string, Record<Language, string>> = {
  'plan-action': { en: 'A safety-plan action is due', fr: 'Une action du plan de sécurité arrive à échéance' },
  'consent-ends': { en: 'A consent comes to its end', fr: 'Un consentement arrive à son terme' },
};
const headline = { en: 'Deadline — case', fr: 'Échéance — dossier' };
const linkWords = { en: 'Open the case (sign in first)', fr: 'Ouvrir le dossier (connexion requise)' };

const view = (feed: { language: Language; createdAt: Date; lastReadAt: Date | null } | undefined) => ({
  active: feed !== undefined,
  language: feed?.language ?? null,
  createdAt: feed ? new Date(feed.createdAt).toISOString() : null,
  lastReadAt: feed?.lastReadAt ? new Date(feed.lastReadAt).toISOString() : null,
});

export async function feedState(deps: Deps, actor: AccountActor) {
  authorize(actor, 'case.read', actor.agencyId);
  return view(await repo.feedOf(deps.kysely, actor.accountId));
}

/** A new secret address, shown once: the one before it stops working at once. */
export async function makeFeed(deps: Deps, actor: AccountActor, language: Language) {
  authorize(actor, 'case.read', actor.agencyId);
  const key = randomBytes(32).toString('base64url');
  const createdAt = deps.now();
  await repo.replaceFeed(deps.kysely, { accountId: actor.accountId, agencyId: actor.agencyId, keyHash: hashOf(key), language, createdAt });
  await audit(deps, actor, 'case.calendar.feed_make', 'agency', { language });
  return { ...view({ language, createdAt, lastReadAt: null }), url: feedUrl(deps, key) };
}

export async function revokeFeed(deps: Deps, actor: AccountActor) {
  authorize(actor, 'case.read', actor.agencyId);
  if (!(await repo.deleteFeed(deps.kysely, actor.accountId))) throw new AppError('not_found', 'you have no calendar feed to revoke');
  await audit(deps, actor, 'case.calendar.feed_revoke', 'agency');
  return view(undefined);
}

/** The feed itself, for whoever holds the key: the account must still be active and hold a case role. */
export async function readFeed(deps: Deps, key: string): Promise<string> {
  const feed = await repo.feedByKeyHash(deps.kysely, hashOf(key));
  const [account] = feed ? await accountsOfAgency(deps, feed.agencyId, [feed.accountId]) : [];
  const actor: AccountActor | undefined =
    feed && account ? { kind: 'account', accountId: account.id, agencyId: feed.agencyId, roles: account.roles, stage: 'full' } : undefined;
  if (!feed || !actor || !can(actor, 'case.read', feed.agencyId))
    throw new AppError('not_found', 'no calendar feed at this address: it may have been revoked or replaced');

  const today = deps.now().toISOString().slice(0, 10);
  const since = new Date(deps.now().getTime() - 30 * DAY).toISOString().slice(0, 10);
  const until = new Date(deps.now().getTime() + 366 * DAY).toISOString().slice(0, 10);
  const records = await repo.openRecordsOfAccount(deps.kysely, feed.agencyId, actor.accountId);
  const events: Array<{ caseId: string; deadline: Deadline }> = [];
  for (const { record, content } of await openCases(deps, feed.agencyId, records))
    for (const deadline of deadlinesOf(content, today, deps.config.HARBOUR_REMINDER_DAYS))
      if (deadline.due >= since && deadline.due <= until) events.push({ caseId: record.id, deadline });
  await repo.markFeedRead(deps.kysely, actor.accountId, deps.now());
  await audit(deps, actor, 'case.calendar.feed_read', 'agency', { events: events.length });
  return render(deps, feed.language, events);
}

function render(deps: Deps, language: Language, events: Array<{ caseId: string; deadline: Deadline }>): string {
  const calendar = ical({ name: language === 'fr' ? 'Harbour — échéances' : 'Harbour — deadlines' });
  for (const { caseId, deadline } of events) {
    const link = `${deps.config.HARBOUR_PUBLIC_URL}/staff/cases/${caseId}`;
    const words = fixedWords[deadline.kind]?.[language] ?? deadline.what[language];
    calendar.createEvent({
      // Stable for the same deadline, so a calendar updates it rather than adding it again; it says nothing itself.
      id: `${createHash('sha256').update(`${caseId}:${deadline.ref}`).digest('hex').slice(0, 32)}@harbour`,
      start: new Date(`${deadline.due}T00:00:00Z`),
      allDay: true,
      summary: `${headline[language]} ${caseReference(caseId)}`,
      description: `${words}\n${linkWords[language]}: ${link}`,
      url: link,
    });
  }
  return calendar.toString();
}
