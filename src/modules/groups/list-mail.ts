import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import type { WorkingGroupTable } from '../../db/tables.js';
import type { Deps } from '../../platform/context.js';
import { unsubscribeHeaders, unsubscribeToken } from '../../platform/unsubscribe.js';
import { groupAddress, listDomain } from './present.js';

/**
 * The mail of a group's list: what every message carries so mail programs treat it as a list —
 * List-Id, List-Post, Reply-To the group, one-click unsubscribe (RFC 2369, RFC 8058) and the
 * threading headers; the unsubscribe token (platform/unsubscribe.ts) names the group.
 */
type Group = Selectable<WorkingGroupTable>;

const base = (deps: Deps) => deps.config.HARBOUR_PUBLIC_URL.replace(/\/$/, '');
export const unsubscribeUrl = (deps: Deps, groupId: string, accountId: string) =>
  `${base(deps)}/api/lists/unsubscribe?token=${unsubscribeToken(deps, groupId, accountId)}`;

export const threadUrl = (deps: Deps, groupId: string, threadId: string) => `${base(deps)}/staff/groups/${groupId}/threads/${threadId}`;

/** A new post's Message-ID, at the list's domain. */
export const newMessageId = (deps: Deps) => `post-${crypto.randomUUID()}@${listDomain(deps.config)}`;

export const listSubject = (group: Group, subject: string, reply: boolean) => `[${group.listName}] ${reply ? 'Re: ' : ''}${subject}`;

export function listHeaders(deps: Deps, group: Group, accountId: string, thread: { messageIds: string[]; messageId: string }) {
  const address = groupAddress(listDomain(deps.config), group);
  const previous = thread.messageIds.at(-1);
  return {
    'Message-ID': `<${thread.messageId}>`,
    ...(previous ? { 'In-Reply-To': `<${previous}>`, References: thread.messageIds.map((id) => `<${id}>`).join(' ') } : {}),
    'Reply-To': address,
    'List-Id': `${group.nameEn.replace(/[<>"]/g, '')} <${group.listName}.${listDomain(deps.config)}>`,
    'List-Post': `<mailto:${address}>`,
    ...unsubscribeHeaders(unsubscribeUrl(deps, group.id, accountId)),
    Precedence: 'list',
  };
}

/** The words around a post sent by email: who wrote, where to read and answer, how to stop. */
export function postLetter(
  deps: Deps,
  group: Group,
  post: { author: string; agency: string; body: string; threadId: string },
  accountId: string,
) {
  return [
    `${post.author} (${post.agency}) — ${group.nameEn} / ${group.nameFr}`,
    '',
    post.body,
    '',
    '— — —',
    `Reply to this email to answer in the group, or read the thread: ${threadUrl(deps, group.id, post.threadId)}`,
    `Répondez à ce courriel pour répondre dans le groupe, ou lisez la discussion : ${threadUrl(deps, group.id, post.threadId)}`,
    `Stop these emails / Ne plus recevoir ces courriels : ${unsubscribeUrl(deps, group.id, accountId)}`,
  ].join('\n');
}
