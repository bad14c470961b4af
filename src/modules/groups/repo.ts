import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database, MeetingTable, RsvpAnswer, WorkingGroupTable } from '../../db/tables.js';

type Db = Kysely<Database>;

export const insertGroup = (db: Db, row: Insertable<WorkingGroupTable>) =>
  db.insertInto('workingGroup').values(row).returningAll().executeTakeFirstOrThrow();

export const findGroup = (db: Db, id: string) => db.selectFrom('workingGroup').selectAll().where('id', '=', id).executeTakeFirst();

/** Every group with how many belong to it and the reader's own role in it. */
export const listGroups = (db: Db, accountId: string) =>
  db
    .selectFrom('workingGroup as g')
    .selectAll('g')
    .select((eb) => [
      eb.selectFrom('groupMember').select(eb.fn.countAll<string>().as('n')).whereRef('groupId', '=', 'g.id').as('members'),
      eb.selectFrom('groupMember').select('role').whereRef('groupId', '=', 'g.id').where('accountId', '=', accountId).as('myRole'),
    ])
    .orderBy(sql`CASE g.level WHEN 'national' THEN 0 WHEN 'regional' THEN 1 ELSE 2 END`)
    .orderBy('g.nameEn')
    .execute();

/** Ends a group still running (compare-and-set). */
export const endGroup = (db: Db, id: string, at: Date) =>
  db.updateTable('workingGroup').set({ endedAt: at }).where('id', '=', id).where('endedAt', 'is', null).returningAll().executeTakeFirst();

/** What keeps a group from ending: groups still running under it, and meetings still to come. */
export const stillRunningUnder = (db: Db, id: string, now: Date) =>
  Promise.all([
    db.selectFrom('workingGroup').select(['nameEn']).where('parentId', '=', id).where('endedAt', 'is', null).execute(),
    db
      .selectFrom('meeting')
      .select(['title'])
      .where('groupId', '=', id)
      .where('cancelledAt', 'is', null)
      .where('endsAt', '>', now)
      .execute(),
  ]);

export const childrenOf = (db: Db, id: string) =>
  db.selectFrom('workingGroup').select(['id', 'nameEn', 'nameFr', 'level']).where('parentId', '=', id).orderBy('nameEn').execute();

export const peopleOf = (db: Db, groupId: string) =>
  db
    .selectFrom('groupMember')
    .innerJoin('account', 'account.id', 'groupMember.accountId')
    .innerJoin('agency', 'agency.id', 'account.agencyId')
    .select(['groupMember.accountId', 'account.displayName as name', 'agency.name as agency', 'groupMember.role'])
    .where('groupMember.groupId', '=', groupId)
    .where('account.disabledAt', 'is', null)
    .orderBy('groupMember.role')
    .orderBy('account.displayName')
    .execute();

export const roleIn = async (db: Db, groupId: string, accountId: string) =>
  (await db.selectFrom('groupMember').select('role').where('groupId', '=', groupId).where('accountId', '=', accountId).executeTakeFirst())
    ?.role ?? null;

export const addMember = (db: Db, groupId: string, accountId: string, role: 'member' | 'coordinator', at: Date) =>
  db
    .insertInto('groupMember')
    .values({ groupId, accountId, role, joinedAt: at })
    .onConflict((oc) => oc.columns(['groupId', 'accountId']).doNothing())
    .execute();

export const removeMember = (db: Db, groupId: string, accountId: string) =>
  db.deleteFrom('groupMember').where('groupId', '=', groupId).where('accountId', '=', accountId).executeTakeFirst();

export const coordinatorCount = async (db: Db, groupId: string) =>
  Number(
    (
      await db
        .selectFrom('groupMember')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('groupId', '=', groupId)
        .where('role', '=', 'coordinator')
        .executeTakeFirstOrThrow()
    ).n,
  );

export const insertMeeting = (db: Db, row: Insertable<MeetingTable>) =>
  db.insertInto('meeting').values(row).returningAll().executeTakeFirstOrThrow();

/** A meeting, locked for the rest of the transaction when `forUpdate` (an answer checks its capacity). */
export const findMeeting = (db: Db, id: string, forUpdate = false) =>
  db
    .selectFrom('meeting')
    .selectAll()
    .where('id', '=', id)
    .$if(forUpdate, (query) => query.forUpdate())
    .executeTakeFirst();

const meetingColumns = (db: Db, accountId: string) =>
  db
    .selectFrom('meeting as m')
    .selectAll('m')
    .select((eb) => [
      eb
        .selectFrom('meetingRsvp')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('meetingId', '=', 'm.id')
        .where('answer', '=', 'yes')
        .as('going'),
      eb.selectFrom('meetingRsvp').select('answer').whereRef('meetingId', '=', 'm.id').where('accountId', '=', accountId).as('myAnswer'),
    ]);

export const meetingsOfGroup = (db: Db, groupId: string, accountId: string) =>
  meetingColumns(db, accountId).where('m.groupId', '=', groupId).orderBy('m.startsAt', 'desc').limit(200).execute();

export const meetingWithCounts = (db: Db, id: string, accountId: string) =>
  meetingColumns(db, accountId).where('m.id', '=', id).executeTakeFirst();

/** The meetings of every group the account belongs to, from `since` on, except those it declined. */
export const meetingsOfMember = (db: Db, accountId: string, since: Date) =>
  meetingColumns(db, accountId)
    .innerJoin('groupMember as gm', (join) => join.onRef('gm.groupId', '=', 'm.groupId').on('gm.accountId', '=', accountId))
    .where('m.startsAt', '>=', since)
    .orderBy('m.startsAt')
    .limit(500)
    .execute();

export const goingCount = async (db: Db, meetingId: string) =>
  Number(
    (
      await db
        .selectFrom('meetingRsvp')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('meetingId', '=', meetingId)
        .where('answer', '=', 'yes')
        .executeTakeFirstOrThrow()
    ).n,
  );

export const answerOf = async (db: Db, meetingId: string, accountId: string) =>
  (
    await db
      .selectFrom('meetingRsvp')
      .select('answer')
      .where('meetingId', '=', meetingId)
      .where('accountId', '=', accountId)
      .executeTakeFirst()
  )?.answer ?? null;

export const setAnswer = (db: Db, meetingId: string, accountId: string, answer: RsvpAnswer, at: Date) =>
  db
    .insertInto('meetingRsvp')
    .values({ meetingId, accountId, answer, answeredAt: at })
    .onConflict((oc) => oc.columns(['meetingId', 'accountId']).doUpdateSet({ answer, answeredAt: at }))
    .execute();

export const attendeesOf = (db: Db, meetingId: string) =>
  db
    .selectFrom('meetingRsvp')
    .innerJoin('account', 'account.id', 'meetingRsvp.accountId')
    .innerJoin('agency', 'agency.id', 'account.agencyId')
    .select(['account.displayName as name', 'agency.name as agency', 'meetingRsvp.answer'])
    .where('meetingRsvp.meetingId', '=', meetingId)
    .orderBy('meetingRsvp.answer', 'desc')
    .orderBy('account.displayName')
    .execute();

/** Cancels a meeting not yet over nor cancelled (compare-and-set on both). */
export const cancelMeeting = (db: Db, meetingId: string, at: Date) =>
  db
    .updateTable('meeting')
    .set({ cancelledAt: at })
    .where('id', '=', meetingId)
    .where('cancelledAt', 'is', null)
    .where('endsAt', '>', at)
    .returningAll()
    .executeTakeFirst();

/** Moves a meeting still to come, from the start its coordinator saw (compare-and-set). */
export const moveMeeting = (db: Db, meetingId: string, seen: Date, to: { startsAt: Date; endsAt: Date; timeZone: string }, at: Date) =>
  db
    .updateTable('meeting')
    .set((eb) => ({ ...to, sequence: eb('sequence', '+', 1) }))
    .where('id', '=', meetingId)
    .where('startsAt', '=', seen)
    .where('cancelledAt', 'is', null)
    .where('endsAt', '>', at)
    .returningAll()
    .executeTakeFirst();

/** Who said they would come, or might: the people a cancellation or a move is mailed to. */
export const expectedAt = (db: Db, meetingId: string) =>
  db.selectFrom('meetingRsvp').select('accountId').where('meetingId', '=', meetingId).where('answer', 'in', ['yes', 'maybe']).execute();

/** Compare-and-set on the minutes the writer saw. */
export const setMinutes = (db: Db, meetingId: string, minutes: string, was: string) =>
  db.updateTable('meeting').set({ minutes }).where('id', '=', meetingId).where('minutes', '=', was).executeTakeFirst();

export const insertAction = (
  db: Db,
  row: { meetingId: string; text: string; ownerId: string | null; due: string | null; createdAt: Date },
) => db.insertInto('meetingAction').values(row).returningAll().executeTakeFirstOrThrow();

export const actionsOf = (db: Db, meetingId: string) =>
  db
    .selectFrom('meetingAction')
    .leftJoin('account', 'account.id', 'meetingAction.ownerId')
    .select(['meetingAction.id', 'meetingAction.text', 'account.displayName as owner', 'meetingAction.due', 'meetingAction.doneAt'])
    .where('meetingId', '=', meetingId)
    .orderBy('meetingAction.createdAt')
    .execute();

export const markActionDone = (db: Db, meetingId: string, actionId: string, at: Date) =>
  db
    .updateTable('meetingAction')
    .set({ doneAt: at })
    .where('id', '=', actionId)
    .where('meetingId', '=', meetingId)
    .where('doneAt', 'is', null)
    .executeTakeFirst();

export const replaceFeed = (db: Db, accountId: string, keyHash: Buffer, at: Date) =>
  db
    .insertInto('meetingFeed')
    .values({ accountId, keyHash, createdAt: at })
    .onConflict((oc) => oc.column('accountId').doUpdateSet({ keyHash, createdAt: at }))
    .execute();

export const feedAccount = async (db: Db, keyHash: Buffer) =>
  (await db.selectFrom('meetingFeed').select('accountId').where('keyHash', '=', keyHash).executeTakeFirst())?.accountId ?? null;

export const groupsOfMember = (db: Db, accountId: string) =>
  db
    .selectFrom('groupMember')
    .innerJoin('workingGroup', 'workingGroup.id', 'groupMember.groupId')
    .select(['workingGroup.id', 'workingGroup.nameEn', 'workingGroup.nameFr'])
    .where('groupMember.accountId', '=', accountId)
    .orderBy('workingGroup.nameEn')
    .execute();

export const updateRole = (db: Db, groupId: string, accountId: string, role: 'member' | 'coordinator') =>
  db.updateTable('groupMember').set({ role }).where('groupId', '=', groupId).where('accountId', '=', accountId).execute();

export const listNameTaken = async (db: Db, listName: string) =>
  (await db.selectFrom('workingGroup').select('id').where('listName', '=', listName).executeTakeFirst()) !== undefined;

export const groupByListName = (db: Db, listName: string) =>
  db.selectFrom('workingGroup').selectAll().where('listName', '=', listName).executeTakeFirst();

export const documentIds = async (db: Db, groupId: string) =>
  (await db.selectFrom('groupDocument').select('resourceId').where('groupId', '=', groupId).orderBy('addedAt').execute()).map(
    (d) => d.resourceId,
  );

export const addDocument = (db: Db, row: { groupId: string; resourceId: string; addedBy: string; addedAt: Date }) =>
  db
    .insertInto('groupDocument')
    .values(row)
    .onConflict((oc) => oc.columns(['groupId', 'resourceId']).doNothing())
    .execute();

export const removeDocument = (db: Db, groupId: string, resourceId: string) =>
  db.deleteFrom('groupDocument').where('groupId', '=', groupId).where('resourceId', '=', resourceId).executeTakeFirst();

export const decisionsOf = (db: Db, groupId: string) =>
  db
    .selectFrom('groupDecision')
    .leftJoin('meeting', 'meeting.id', 'groupDecision.meetingId')
    .select([
      'groupDecision.id',
      'groupDecision.text',
      'groupDecision.decidedOn',
      'groupDecision.meetingId',
      'meeting.title as meetingTitle',
    ])
    .where('groupDecision.groupId', '=', groupId)
    .orderBy('groupDecision.decidedOn', 'desc')
    .orderBy('groupDecision.recordedAt', 'desc')
    .limit(200)
    .execute();

export const insertDecision = (
  db: Db,
  row: { groupId: string; meetingId: string | null; text: string; decidedOn: string; recordedBy: string; recordedAt: Date },
) => db.insertInto('groupDecision').values(row).returningAll().executeTakeFirstOrThrow();
