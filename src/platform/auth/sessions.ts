import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Account, Database, SessionStage } from '../../db/tables.js';

export interface SessionTimes {
  idleMinutes: number;
  maxHours: number;
}

export interface LiveSession {
  idHash: string;
  csrfToken: string;
  stage: SessionStage;
  account: Account;
}

const digest = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');
const randomToken = () => crypto.randomBytes(32).toString('base64url');

/** Only the hash of a session id is stored: a copy of the table cannot be replayed as cookies. */
export async function createSession(
  db: Kysely<Database>,
  accountId: string,
  stage: SessionStage,
  now: Date,
  times: SessionTimes,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken();
  const csrfToken = randomToken();
  await db
    .insertInto('session')
    .values({
      idHash: digest(token),
      accountId,
      csrfToken,
      stage,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + times.maxHours * 3_600_000),
    })
    .execute();
  return { token, csrfToken };
}

/** The session behind a cookie, if it is live; an expired one, or one of a disabled account, is deleted. */
export async function findLiveSession(
  db: Kysely<Database>,
  token: string,
  now: Date,
  times: SessionTimes,
): Promise<LiveSession | undefined> {
  const idHash = digest(token);
  const row = await db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.accountId')
    .selectAll('account')
    .select(['session.idHash', 'session.csrfToken', 'session.stage', 'session.lastSeenAt', 'session.expiresAt'])
    .where('session.idHash', '=', idHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const idleLimit = row.lastSeenAt.getTime() + times.idleMinutes * 60_000;
  if (row.expiresAt <= now || idleLimit <= now.getTime() || row.disabledAt) {
    await db.deleteFrom('session').where('idHash', '=', idHash).execute();
    return undefined;
  }
  // Writing last-seen at most once a minute keeps reads cheap without bending the idle timeout.
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await db.updateTable('session').set({ lastSeenAt: now }).where('idHash', '=', idHash).execute();
  }
  const { idHash: _id, csrfToken, stage, lastSeenAt: _seen, expiresAt: _expires, ...account } = row;
  return { idHash, csrfToken, stage, account };
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('session').where('idHash', '=', idHash).execute();
}

export async function deleteAccountSessions(db: Kysely<Database>, accountId: string): Promise<number> {
  const result = await db.deleteFrom('session').where('accountId', '=', accountId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
