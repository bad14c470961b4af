import type { Insertable, Kysely } from 'kysely';
import type { ApplicationState, Database, MembershipApplicationTable, MembershipMessageTable } from '../../db/tables.js';

export const insertApplication = (db: Kysely<Database>, row: Insertable<MembershipApplicationTable>) =>
  db.insertInto('membershipApplication').values(row).returningAll().executeTakeFirstOrThrow();

export const findApplication = (db: Kysely<Database>, id: string) =>
  db.selectFrom('membershipApplication').selectAll().where('id', '=', id).executeTakeFirst();

export const findByAnswerToken = (db: Kysely<Database>, tokenHash: string) =>
  db.selectFrom('membershipApplication').selectAll().where('answerTokenHash', '=', tokenHash).executeTakeFirst();

/** Waiting ones first (oldest first: the one that has waited longest), then the decided, newest first. */
export const listApplications = (db: Kysely<Database>, state: ApplicationState | undefined) =>
  db
    .selectFrom('membershipApplication')
    .selectAll()
    .$if(state !== undefined, (query) => query.where('state', '=', state as ApplicationState))
    .orderBy((eb) => eb.case().when('decidedAt', 'is', null).then(0).else(1).end())
    .orderBy((eb) => eb.case().when('decidedAt', 'is', null).then(eb.ref('submittedAt')).end())
    .orderBy('decidedAt', 'desc')
    .limit(500)
    .execute();

/** Compare-and-set: changes the application only if it is still in the state the reviewer saw. */
export const changeState = (
  db: Kysely<Database>,
  id: string,
  was: ApplicationState,
  changes: Partial<Pick<MembershipApplicationTable, 'answerTokenHash' | 'agencyId' | 'decidedBy'>> & {
    state: ApplicationState;
    answerExpiresAt?: Date | null;
    decidedAt?: Date | null;
  },
) => db.updateTable('membershipApplication').set(changes).where('id', '=', id).where('state', '=', was).returningAll().executeTakeFirst();

export const addMessage = (db: Kysely<Database>, row: Insertable<MembershipMessageTable>) =>
  db.insertInto('membershipMessage').values(row).execute();

export const messagesOf = (db: Kysely<Database>, applicationId: string) =>
  db
    .selectFrom('membershipMessage')
    .leftJoin('account', 'account.id', 'membershipMessage.accountId')
    .select(['membershipMessage.kind', 'membershipMessage.body', 'membershipMessage.createdAt', 'account.displayName'])
    .where('applicationId', '=', applicationId)
    .orderBy('membershipMessage.createdAt')
    .execute();
