import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Delivery, GroupThreadTable, WorkingGroupTable } from '../../db/tables.js';
import { type Deps, unitOfWork } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type AccountActor, authorize } from '../../platform/policy.js';
import { readUnsubscribeToken } from '../../platform/unsubscribe.js';
import { activeAccountByEmail } from '../accounts/index.js';
import { mentionsCaseData } from '../cases/index.js';
import { notify, queueEmail } from '../notifications/index.js';
import { listHeaders, listSubject, newMessageId, postLetter, threadUrl } from './list-mail.js';
import { groupAddress, listDomain } from './present.js';
import * as groupRepo from './repo.js';
import { foundGroup, groupAudit, mayLead, openGroup, refuseCaseData } from './service.js';
import * as repo from './threads-repo.js';
import { splitReply } from './trim.js';

/**
 * A group's threads, posted on the page or by email, and sent to its members as list mail (every
 * message, a daily or weekly digest, or nothing). No case information goes through them: a post
 * holding what one of the author's agency's case records holds is refused before anything is
 * stored or sent, and its author told without the words being repeated.
 */
type Group = Selectable<WorkingGroupTable>;
type Thread = Selectable<GroupThreadTable>;

/** A member of the group; to write, the group must still be running. */
async function member(deps: Deps, actor: AccountActor, groupId: string, writing = false) {
  authorize(actor, 'group.take_part');
  const group = await (writing ? openGroup : foundGroup)(deps, groupId);
  if (!(await groupRepo.roleIn(deps.kysely, groupId, actor.accountId)))
    throw new AppError('forbidden', 'not allowed: join the group to read and write its threads');
  return group;
}

/** Stores a post and sends it at once to the members who take every message; all in the caller's transaction. */
async function publishPost(
  tx: Deps,
  group: Group,
  thread: Thread,
  author: { id: string; agencyId: string },
  words: { body: string; quoted: string; via: 'page' | 'email'; messageId?: string },
) {
  const post = await repo.insertPost(tx.kysely, {
    threadId: thread.id,
    authorId: author.id,
    body: words.body,
    quoted: words.quoted,
    via: words.via,
    messageId: words.messageId ?? newMessageId(tx),
    createdAt: tx.now(),
  });
  await repo.touchThread(tx.kysely, thread.id, tx.now());
  const posts = await repo.postsOf(tx.kysely, thread.id);
  const earlier = posts.filter((p) => p.id !== post.id);
  const named = posts.find((p) => p.id === post.id);
  const readers = await repo.everyMessageReaders(tx.kysely, group.id, author.id);
  for (const reader of readers) {
    const headers = listHeaders(tx, group, reader.id, { messageIds: earlier.map((p) => p.messageId), messageId: post.messageId });
    const letter = postLetter(
      tx,
      group,
      { author: named?.author ?? '', agency: named?.agency ?? '', body: post.body, threadId: thread.id },
      reader.id,
    );
    await queueEmail(tx, { to: reader.email, subject: listSubject(group, thread.subject, earlier.length > 0), body: letter, headers });
  }
  await repo.markSeen(tx.kysely, [post.id], [author.id, ...readers.map((reader) => reader.id)]);
  await groupAudit(tx, { accountId: author.id, agencyId: author.agencyId }, 'group.post', 'working-group', group.id);
  return post;
}

export async function listThreads(deps: Deps, actor: AccountActor, groupId: string) {
  await member(deps, actor, groupId);
  return (await repo.threadsOf(deps.kysely, groupId)).map((t) => ({
    id: t.id,
    subject: t.subject,
    posts: Number(t.posts ?? 0),
    lastPostAt: new Date(t.lastPostAt).toISOString(),
  }));
}

/** A thread's posts; opening it counts them as seen, so no digest repeats them. */
export async function getThread(deps: Deps, actor: AccountActor, groupId: string, threadId: string) {
  await member(deps, actor, groupId);
  const thread = await repo.findThread(deps.kysely, groupId, threadId);
  if (!thread) throw new AppError('not_found', `no thread ${threadId} in this group`);
  const posts = await repo.postsOf(deps.kysely, threadId);
  await repo.markSeen(
    deps.kysely,
    posts.map((p) => p.id),
    [actor.accountId],
  );
  return {
    id: thread.id,
    groupId,
    subject: thread.subject,
    posts: posts.map((p) => ({
      id: p.id,
      author: p.author,
      agency: p.agency,
      body: p.body,
      quoted: p.quoted,
      via: p.via,
      at: new Date(p.createdAt).toISOString(),
    })),
  };
}

export async function startThread(deps: Deps, actor: AccountActor, groupId: string, input: { subject: string; body: string }) {
  const group = await member(deps, actor, groupId, true);
  await refuseCaseData(deps, actor.agencyId, `${input.subject}\n${input.body}`, 'body');
  const threadId = await unitOfWork(deps, async (tx) => {
    const thread = await repo.insertThread(tx.kysely, {
      groupId,
      subject: input.subject,
      startedBy: actor.accountId,
      startedAt: tx.now(),
      lastPostAt: tx.now(),
    });
    await publishPost(tx, group, thread, { id: actor.accountId, agencyId: actor.agencyId }, { body: input.body, quoted: '', via: 'page' });
    return thread.id;
  });
  return getThread(deps, actor, groupId, threadId);
}

export async function replyInThread(deps: Deps, actor: AccountActor, groupId: string, threadId: string, input: { body: string }) {
  const group = await member(deps, actor, groupId, true);
  const thread = await repo.findThread(deps.kysely, groupId, threadId);
  if (!thread) throw new AppError('not_found', `no thread ${threadId} in this group`);
  await refuseCaseData(deps, actor.agencyId, input.body, 'body');
  await unitOfWork(deps, (tx) =>
    publishPost(tx, group, thread, { id: actor.accountId, agencyId: actor.agencyId }, { body: input.body, quoted: '', via: 'page' }),
  );
  return getThread(deps, actor, groupId, threadId);
}

export async function setDelivery(deps: Deps, actor: AccountActor, groupId: string, delivery: Delivery) {
  await member(deps, actor, groupId);
  await repo.setDelivery(deps.kysely, groupId, actor.accountId, delivery);
  return { delivery };
}

export async function myDelivery(deps: Deps, actor: AccountActor, groupId: string) {
  const group = await member(deps, actor, groupId);
  return {
    delivery: (await repo.deliveryOf(deps.kysely, groupId, actor.accountId)) ?? 'every',
    address: groupAddress(listDomain(deps.config), group),
  };
}

/** One-click unsubscribe (RFC 8058): the token in the list mail's link says who and from which group. */
export async function unsubscribe(deps: Deps, token: string) {
  const named = readUnsubscribeToken(deps, token);
  // A token for another of Harbour's lists (the bulletins) names no group.
  if (!named || !z.uuid().safeParse(named.list).success) throw new AppError('not_found', 'this unsubscribe link is not valid');
  const changed = await repo.setDelivery(deps.kysely, named.list, named.accountId, 'none');
  const group = await groupRepo.findGroup(deps.kysely, named.list);
  if (!group || Number(changed.numUpdatedRows) === 0) throw new AppError('not_found', 'you are no longer in this group');
  return { group: group.nameEn, groupFr: group.nameFr };
}

// ── Mail that arrives at a group's address ───────────────────────────────────────────────────

export interface InboundMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  /** Auto-Submitted, Precedence: an automatic message is never answered */
  automatic: boolean;
  /** The names of its attachments: a group keeps the text of its mail, never its files */
  attachments: string[];
}

const cleanSubject = (subject: string) =>
  subject
    .replace(/^\s*((re|fwd?|tr|aw|réf)\s*:\s*|\[[^\]]*\]\s*)+/i, '')
    .trim()
    .slice(0, 300) || '(no subject)';
const bare = (id: string) => id.trim().replace(/^<|>$/g, '');

/** The group a message is addressed to, by its list name at the list domain. */
async function addressedGroup(deps: Deps, to: string[]) {
  const domain = listDomain(deps.config).toLowerCase();
  for (const address of to) {
    const [local, at] = address.toLowerCase().split('@');
    if (local && at === domain) {
      const group = await groupRepo.groupByListName(deps.kysely, local);
      // An ended group's address takes no more mail (the sender's server is answered 550).
      if (group && !group.endedAt) return group;
    }
  }
  return undefined;
}

export const isGroupAddress = async (deps: Deps, address: string) => (await addressedGroup(deps, [address])) !== undefined;

function tellSender(tx: Deps, mail: InboundMail, group: Group, en: string, fr: string) {
  if (mail.automatic) return Promise.resolve();
  return queueEmail(tx, {
    to: mail.from,
    subject: `Harbour: your message to ${group.nameEn} / votre message à ${group.nameFr}`,
    body: `${en}\n\n${fr}`,
    headers: { 'Auto-Submitted': 'auto-replied' },
  });
}

/**
 * A message to a group's address: a member's is posted (its quoted part folded away) in the thread
 * it answers; a non-member's is held for the group's coordinators, and the sender told; one that
 * holds case information is refused and never stored.
 */
export async function receiveMail(deps: Deps, mail: InboundMail): Promise<'posted' | 'held' | 'refused' | 'unknown'> {
  const group = await addressedGroup(deps, mail.to);
  if (!group) return 'unknown';
  const sender = await activeAccountByEmail(deps, mail.from);
  const role = sender ? await groupRepo.roleIn(deps.kysely, group.id, sender.id) : null;
  // A file's name can name a person as well as the text can.
  if (sender && (await mentionsCaseData(deps, sender.agencyId, [mail.subject, mail.text, ...mail.attachments].join('\n')))) {
    await unitOfWork(deps, (tx) =>
      tellSender(
        tx,
        mail,
        group,
        'Your message was not posted: it holds what a case record holds (a name, a contact or a date of birth). Case information never goes to a group; link to the case instead.',
        'Votre message n’a pas été publié : il contient ce que contient un dossier (un nom, des coordonnées ou une date de naissance). Les renseignements de dossiers ne vont jamais dans un groupe ; mettez plutôt un lien vers le dossier.',
      ),
    );
    return 'refused';
  }
  if (!sender || !role) {
    await unitOfWork(deps, async (tx) => {
      await repo.insertHeld(tx.kysely, {
        groupId: group.id,
        fromAddress: mail.from,
        subject: cleanSubject(mail.subject),
        body: mail.text.slice(0, 100_000),
        receivedAt: tx.now(),
      });
      await tellSender(
        tx,
        mail,
        group,
        'Your message is held: only the group’s members post to it. Its coordinators will read it and may pass it on.',
        'Votre message est retenu : seuls les membres du groupe y publient. Ses coordonnateurs le liront et pourront le transmettre.',
      );
      const leaders = (await groupRepo.peopleOf(tx.kysely, group.id)).filter((p) => p.role === 'coordinator');
      await notify(tx, {
        accountIds: leaders.map((p) => p.accountId),
        kind: 'mail-held',
        subjectType: 'working-group',
        subjectId: group.id,
        dedupeKey: `group:${group.id}:held:${tx.now().toISOString()}`,
      });
    });
    return 'held';
  }
  // A message delivered twice (a mail server's retry) is posted once.
  if (mail.messageId && (await repo.postExists(deps.kysely, bare(mail.messageId)))) return 'posted';
  const { body, quoted } = splitReply(mail.text);
  const dropped = mail.attachments.length
    ? `\n\n[${mail.attachments.length} attachment(s) not kept / pièce(s) jointe(s) non conservée(s)]`
    : '';
  await unitOfWork(deps, async (tx) => {
    const answered = await repo.threadByMessageIds(
      tx.kysely,
      group.id,
      [mail.inReplyTo, ...mail.references].filter((id): id is string => Boolean(id)).map(bare),
    );
    const subject = cleanSubject(mail.subject);
    const thread =
      answered ??
      (await repo.threadBySubject(tx.kysely, group.id, subject, new Date(tx.now().getTime() - 60 * 86_400_000))) ??
      (await repo.insertThread(tx.kysely, { groupId: group.id, subject, startedBy: sender.id, startedAt: tx.now(), lastPostAt: tx.now() }));
    await publishPost(tx, group, thread, sender, {
      body: (body || '(empty)') + dropped,
      quoted,
      via: 'email',
      messageId: mail.messageId ? bare(mail.messageId) : undefined,
    });
    if (mail.attachments.length)
      await tellSender(
        tx,
        mail,
        group,
        `Your message was posted without its attachments (${mail.attachments.join(', ')}): a group keeps only the text of its mail. Share a file through the library, or as a link.`,
        `Votre message a été publié sans ses pièces jointes (${mail.attachments.join(', ')}) : un groupe ne conserve que le texte de ses courriels. Partagez un fichier par la bibliothèque, ou par un lien.`,
      );
  });
  return 'posted';
}

export async function heldMail(deps: Deps, actor: AccountActor, groupId: string) {
  authorize(actor, 'group.take_part');
  await foundGroup(deps, groupId);
  if (!(await mayLead(deps, actor, groupId))) throw new AppError('forbidden', 'not allowed: the group’s coordinators read its held mail');
  return (await repo.heldOf(deps.kysely, groupId)).map((m) => ({
    id: m.id,
    from: m.fromAddress,
    subject: m.subject,
    body: m.body,
    receivedAt: new Date(m.receivedAt).toISOString(),
  }));
}

/** A coordinator passes a held message on to the group (posted in their name, saying who wrote it) or rejects it. */
export async function decideHeld(deps: Deps, actor: AccountActor, groupId: string, heldId: string, decision: 'release' | 'reject') {
  authorize(actor, 'group.take_part');
  const group = await (decision === 'release' ? openGroup : foundGroup)(deps, groupId);
  if (!(await mayLead(deps, actor, groupId)))
    throw new AppError('forbidden', 'not allowed: the group’s coordinators decide on its held mail');
  await unitOfWork(deps, async (tx) => {
    const held = await repo.decideHeld(
      tx.kysely,
      groupId,
      heldId,
      decision === 'release' ? 'released' : 'rejected',
      actor.accountId,
      tx.now(),
    );
    if (!held) throw new AppError('conflict', 'this message was already decided, or is not held in this group');
    if (decision === 'reject') return;
    await refuseCaseData(tx, actor.agencyId, held.body, 'body');
    const thread = await repo.insertThread(tx.kysely, {
      groupId,
      subject: held.subject,
      startedBy: actor.accountId,
      startedAt: tx.now(),
      lastPostAt: tx.now(),
    });
    const { body, quoted } = splitReply(held.body);
    await publishPost(
      tx,
      group,
      thread,
      { id: actor.accountId, agencyId: actor.agencyId },
      { body: `From ${held.fromAddress}:\n\n${body}`, quoted, via: 'email' },
    );
  });
  return heldMail(deps, actor, groupId);
}

/** The hourly job: each member who chose a digest gets, once its period has passed, the posts they have not seen; never an empty one. */
export async function sendDigests(deps: Deps): Promise<number> {
  let sent = 0;
  for (const due of await repo.digestsDue(deps.kysely, deps.now())) {
    const posts = await repo.unseenPosts(deps.kysely, due.groupId, due.accountId, new Date(due.joinedAt));
    if (posts.length === 0) continue;
    await unitOfWork(deps, async (tx) => {
      const lines = posts.flatMap((p) => [`— ${p.subject} — ${p.author}`, '', p.body, '', threadUrl(tx, due.groupId, p.threadId), '']);
      await queueEmail(tx, {
        to: due.email,
        subject: `[${due.listName}] ${due.delivery === 'daily' ? 'Daily digest / Résumé du jour' : 'Weekly digest / Résumé de la semaine'}: ${posts.length}`,
        body: [`${due.nameEn} / ${due.nameFr}`, '', ...lines].join('\n'),
      });
      await repo.markSeen(
        tx.kysely,
        posts.map((p) => p.id),
        [due.accountId],
      );
      await repo.digestSent(tx.kysely, due.groupId, due.accountId, tx.now());
    });
    sent++;
  }
  return sent;
}
