import { type Kysely, sql } from 'kysely';
import type { Database, Delivery } from '../../db/tables.js';

type Db = Kysely<Database>;

export const threadsOf = (db: Db, groupId: string) =>
  db
    .selectFrom('groupThread as t')
    .selectAll('t')
    .select((eb) => eb.selectFrom('groupPost').select(eb.fn.countAll<string>().as('n')).whereRef('threadId', '=', 't.id').as('posts'))
    .where('t.groupId', '=', groupId)
    .orderBy('t.lastPostAt', 'desc')
    .limit(200)
    .execute();

export const findThread = (db: Db, groupId: string, threadId: string) =>
  db.selectFrom('groupThread').selectAll().where('id', '=', threadId).where('groupId', '=', groupId).executeTakeFirst();

export const postsOf = (db: Db, threadId: string) =>
  db
    .selectFrom('groupPost')
    .innerJoin('account', 'account.id', 'groupPost.authorId')
    .innerJoin('agency', 'agency.id', 'account.agencyId')
    .select([
      'groupPost.id',
      'groupPost.body',
      'groupPost.quoted',
      'groupPost.via',
      'groupPost.messageId',
      'groupPost.createdAt',
      'account.displayName as author',
      'agency.name as agency',
    ])
    .where('groupPost.threadId', '=', threadId)
    .orderBy('groupPost.createdAt')
    .execute();

export const insertThread = (db: Db, row: { groupId: string; subject: string; startedBy: string; startedAt: Date; lastPostAt: Date }) =>
  db.insertInto('groupThread').values(row).returningAll().executeTakeFirstOrThrow();

export const insertPost = (
  db: Db,
  row: { threadId: string; authorId: string; body: string; quoted: string; via: 'page' | 'email'; messageId: string; createdAt: Date },
) => db.insertInto('groupPost').values(row).returningAll().executeTakeFirstOrThrow();

export const touchThread = (db: Db, threadId: string, at: Date) =>
  db.updateTable('groupThread').set({ lastPostAt: at }).where('id', '=', threadId).execute();

/** Every post in `postIds` seen by every account in `accountIds`, in one statement. */
export const markSeen = (db: Db, postIds: string[], accountIds: string[]) =>
  postIds.length === 0 || accountIds.length === 0
    ? Promise.resolve()
    : db
        .insertInto('groupPostSeen')
        .values(postIds.flatMap((postId) => accountIds.map((accountId) => ({ postId, accountId }))))
        .onConflict((oc) => oc.doNothing())
        .execute();

/** The thread a reply belongs to: the one holding a post it names in In-Reply-To or References. */
export const threadByMessageIds = (db: Db, groupId: string, messageIds: string[]) =>
  messageIds.length === 0
    ? Promise.resolve(undefined)
    : db
        .selectFrom('groupPost')
        .innerJoin('groupThread', 'groupThread.id', 'groupPost.threadId')
        .selectAll('groupThread')
        .where('groupThread.groupId', '=', groupId)
        .where('groupPost.messageId', 'in', messageIds)
        .executeTakeFirst();

export const threadBySubject = (db: Db, groupId: string, subject: string, since: Date) =>
  db
    .selectFrom('groupThread')
    .selectAll()
    .where('groupId', '=', groupId)
    .where(sql<boolean>`lower(subject) = lower(${subject})`)
    .where('lastPostAt', '>=', since)
    .orderBy('lastPostAt', 'desc')
    .executeTakeFirst();

/** The members a message goes to at once: every-message delivery, active, not its author. */
export const everyMessageReaders = (db: Db, groupId: string, authorId: string) =>
  db
    .selectFrom('groupMember')
    .innerJoin('account', 'account.id', 'groupMember.accountId')
    .innerJoin('agency', 'agency.id', 'account.agencyId')
    .select(['account.id', 'account.email'])
    .where('groupMember.groupId', '=', groupId)
    .where('groupMember.delivery', '=', 'every')
    .where('account.disabledAt', 'is', null)
    .where('agency.state', '=', 'active')
    .where('account.id', '!=', authorId)
    .execute();

export const setDelivery = (db: Db, groupId: string, accountId: string, delivery: Delivery) =>
  db.updateTable('groupMember').set({ delivery }).where('groupId', '=', groupId).where('accountId', '=', accountId).executeTakeFirst();

export const deliveryOf = async (db: Db, groupId: string, accountId: string) =>
  (
    await db
      .selectFrom('groupMember')
      .select('delivery')
      .where('groupId', '=', groupId)
      .where('accountId', '=', accountId)
      .executeTakeFirst()
  )?.delivery;

/** Members choosing a digest whose last one is older than its period (or never sent). */
export const digestsDue = (db: Db, now: Date) =>
  db
    .selectFrom('groupMember')
    .innerJoin('account', 'account.id', 'groupMember.accountId')
    .innerJoin('workingGroup', 'workingGroup.id', 'groupMember.groupId')
    .innerJoin('agency', 'agency.id', 'account.agencyId')
    .select([
      'groupMember.groupId',
      'groupMember.accountId',
      'groupMember.delivery',
      'groupMember.joinedAt',
      'account.email',
      'workingGroup.nameEn',
      'workingGroup.nameFr',
      'workingGroup.listName',
    ])
    .where('account.disabledAt', 'is', null)
    .where('agency.state', '=', 'active')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('groupMember.delivery', '=', 'daily'),
          eb.or([eb('digestSentAt', 'is', null), eb('digestSentAt', '<=', new Date(now.getTime() - 86_400_000))]),
        ]),
        eb.and([
          eb('groupMember.delivery', '=', 'weekly'),
          eb.or([eb('digestSentAt', 'is', null), eb('digestSentAt', '<=', new Date(now.getTime() - 7 * 86_400_000))]),
        ]),
      ]),
    )
    .execute();

/** The group's posts since the member joined that they have not seen, on the page or by email. */
export const unseenPosts = (db: Db, groupId: string, accountId: string, since: Date) =>
  db
    .selectFrom('groupPost')
    .innerJoin('groupThread', 'groupThread.id', 'groupPost.threadId')
    .innerJoin('account', 'account.id', 'groupPost.authorId')
    .select([
      'groupPost.id',
      'groupPost.body',
      'groupPost.createdAt',
      'groupThread.subject',
      'groupThread.id as threadId',
      'account.displayName as author',
    ])
    .where('groupThread.groupId', '=', groupId)
    .where('groupPost.createdAt', '>=', since)
    .where('groupPost.authorId', '!=', accountId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('groupPostSeen')
            .select('postId')
            .whereRef('groupPostSeen.postId', '=', 'groupPost.id')
            .where('groupPostSeen.accountId', '=', accountId),
        ),
      ),
    )
    .orderBy('groupPost.createdAt')
    .limit(200)
    .execute();

export const digestSent = (db: Db, groupId: string, accountId: string, at: Date) =>
  db.updateTable('groupMember').set({ digestSentAt: at }).where('groupId', '=', groupId).where('accountId', '=', accountId).execute();

export const insertHeld = (db: Db, row: { groupId: string; fromAddress: string; subject: string; body: string; receivedAt: Date }) =>
  db.insertInto('heldMail').values(row).returningAll().executeTakeFirstOrThrow();

export const heldOf = (db: Db, groupId: string) =>
  db.selectFrom('heldMail').selectAll().where('groupId', '=', groupId).where('state', '=', 'held').orderBy('receivedAt').execute();

/** Compare-and-set: decides a held message only while it is held. */
export const decideHeld = (db: Db, groupId: string, id: string, state: 'released' | 'rejected', by: string, at: Date) =>
  db
    .updateTable('heldMail')
    .set({ state, decidedBy: by, decidedAt: at })
    .where('id', '=', id)
    .where('groupId', '=', groupId)
    .where('state', '=', 'held')
    .returningAll()
    .executeTakeFirst();

export const postExists = async (db: Db, messageId: string) =>
  (await db.selectFrom('groupPost').select('id').where('messageId', '=', messageId).executeTakeFirst()) !== undefined;
