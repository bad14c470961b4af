import type { Selectable } from 'kysely';
import type { BulletinTable } from '../../db/tables.js';
import { recordAudit } from '../../platform/audit.js';
import { type Deps, unitOfWork } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type AccountActor, authorize, can } from '../../platform/policy.js';
import { readUnsubscribeToken, unsubscribeHeaders, unsubscribeToken } from '../../platform/unsubscribe.js';
import { everyActiveAccount } from '../accounts/index.js';
import { queueEmail } from '../notifications/index.js';
import { atomFeed } from './feed.js';
import { presentBulletin, presentPublic } from './present.js';
import { renderMarkdown } from './render.js';
import * as repo from './repo.js';

/**
 * The network's bulletin: network admins write a draft in Markdown, in English and French, and
 * publish it to the members or to the public. Publishing is compare-and-set on the draft seen,
 * audited, and sends the email edition to everyone who can sign in and has not stopped it.
 * Public bulletins are read at /news and in an Atom feed per language.
 */
type Words = { titleEn: string; titleFr: string; bodyEn: string; bodyFr: string; audience: 'members' | 'public' };

const audit = (tx: Deps, actor: AccountActor, action: string, id: string) =>
  recordAudit(
    tx,
    { actorAccountId: actor.accountId, agencyId: actor.agencyId, action, targetType: 'bulletin', targetId: id, outcome: 'ok', details: {} },
    tx.now(),
  );

async function readable(deps: Deps, actor: AccountActor, id: string) {
  authorize(actor, 'bulletin.read');
  const bulletin = await repo.findBulletin(deps.kysely, id);
  // A draft is its writers' only: to anyone else it does not exist yet.
  if (!bulletin || (bulletin.state === 'draft' && !can(actor, 'bulletin.write'))) throw new AppError('not_found', `no bulletin ${id}`);
  return bulletin;
}

export async function listBulletins(deps: Deps, actor: AccountActor) {
  authorize(actor, 'bulletin.read');
  return (await repo.listBulletins(deps.kysely, can(actor, 'bulletin.write'))).map(presentBulletin);
}

export const getBulletin = async (deps: Deps, actor: AccountActor, id: string) => presentBulletin(await readable(deps, actor, id));

export async function createDraft(deps: Deps, actor: AccountActor, words: Words) {
  authorize(actor, 'bulletin.write');
  return unitOfWork(deps, async (tx) => {
    const bulletin = await repo.insertBulletin(tx.kysely, {
      ...words,
      createdBy: actor.accountId,
      createdAt: tx.now(),
      updatedAt: tx.now(),
    });
    await audit(tx, actor, 'bulletin.draft', bulletin.id);
    return presentBulletin(bulletin);
  });
}

async function refuseChange(deps: Deps, id: string, was: number): Promise<never> {
  const now = await repo.findBulletin(deps.kysely, id);
  if (now?.state === 'published') throw new AppError('conflict', 'state: this bulletin is published; a published bulletin is not edited');
  throw new AppError('conflict', `was: the draft was saved again (revision ${now?.revision}, not ${was}); reload it`);
}

export async function updateDraft(deps: Deps, actor: AccountActor, id: string, input: Words & { was: number }) {
  authorize(actor, 'bulletin.write');
  await readable(deps, actor, id);
  const { was, ...words } = input;
  return unitOfWork(deps, async (tx) => {
    const changed = await repo.changeDraft(tx.kysely, id, was, { ...words, updatedAt: tx.now() });
    if (!changed) return refuseChange(tx, id, was);
    await audit(tx, actor, 'bulletin.edit', id);
    return presentBulletin(changed);
  });
}

const LIST = 'bulletins';
const base = (deps: Deps) => deps.config.HARBOUR_PUBLIC_URL.replace(/\/$/, '');
const unsubscribeUrl = (deps: Deps, accountId: string) =>
  `${base(deps)}/api/bulletins/unsubscribe?token=${unsubscribeToken(deps, LIST, accountId)}`;

/**
 * One member's email edition: the text as written (Markdown reads as plain text), both
 * languages, where to read it, and how to stop the emails (a link, and the headers mail
 * programs offer as "unsubscribe").
 */
function edition(deps: Deps, b: Selectable<BulletinTable>, accountId: string) {
  const link = b.audience === 'public' ? `${base(deps)}/news/${b.id}` : `${base(deps)}/staff/bulletins/${b.id}`;
  const stop = unsubscribeUrl(deps, accountId);
  return {
    subject: `Harbour: ${b.titleEn} / ${b.titleFr}`,
    body: [
      b.titleEn,
      '',
      b.bodyEn,
      '',
      '— — —',
      '',
      b.titleFr,
      '',
      b.bodyFr,
      '',
      `Read it online / Le lire en ligne : ${link}`,
      `Stop the bulletin's emails / Ne plus recevoir le bulletin par courriel : ${stop}`,
    ].join('\n'),
    headers: { ...unsubscribeHeaders(stop), 'List-Id': `Harbour bulletin <bulletins.${new URL(base(deps)).hostname}>` },
  };
}

export async function publish(deps: Deps, actor: AccountActor, id: string, input: { was: number }) {
  authorize(actor, 'bulletin.write');
  await readable(deps, actor, id);
  return unitOfWork(deps, async (tx) => {
    const published = await repo.changeDraft(tx.kysely, id, input.was, {
      state: 'published',
      publishedAt: tx.now(),
      publishedBy: actor.accountId,
      updatedAt: tx.now(),
    });
    if (!published) return refuseChange(tx, id, input.was);
    const refusers = await repo.mailRefusers(tx.kysely);
    for (const reader of await everyActiveAccount(tx)) {
      if (!refusers.has(reader.id)) await queueEmail(tx, { to: reader.email, ...edition(tx, published, reader.id) });
    }
    await audit(tx, actor, 'bulletin.publish', id);
    return presentBulletin(published);
  });
}

export function preview(actor: AccountActor, markdown: string) {
  authorize(actor, 'bulletin.write');
  return { html: renderMarkdown(markdown) };
}

export const publicList = async (deps: Deps) => (await repo.publicBulletins(deps.kysely, 50)).map(presentPublic);

export async function publicOne(deps: Deps, id: string) {
  const bulletin = await repo.findBulletin(deps.kysely, id);
  if (bulletin?.state !== 'published' || bulletin.audience !== 'public') throw new AppError('not_found', `no public bulletin ${id}`);
  return presentPublic(bulletin);
}

export const publicFeed = async (deps: Deps, lang: 'en' | 'fr') => atomFeed(deps, await repo.publicBulletins(deps.kysely, 50), lang);

/** Whether the signed-in member gets the email edition. */
export async function mailChoice(deps: Deps, actor: AccountActor) {
  authorize(actor, 'bulletin.read');
  return { byEmail: !(await repo.refusesMail(deps.kysely, actor.accountId)) };
}

/** The member's own choice, from the bulletins page: no one chooses for another. */
export async function chooseMail(deps: Deps, actor: AccountActor, byEmail: boolean) {
  authorize(actor, 'bulletin.read');
  await repo.setMail(deps.kysely, actor.accountId, byEmail);
  return { byEmail };
}

/** One-click unsubscribe (RFC 8058) from the link in an edition: the token names the member. */
export async function unsubscribe(deps: Deps, token: string) {
  const named = readUnsubscribeToken(deps, token);
  if (named?.list !== LIST) throw new AppError('not_found', 'this unsubscribe link is not valid');
  await repo.setMail(deps.kysely, named.accountId, false);
  return { byEmail: false };
}
