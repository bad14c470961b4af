import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Account, Database, SessionStage } from '../../db/tables.js';
import * as repo from './repo.js';

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
  await repo.insertSession(db, {
    idHash: digest(token),
    accountId,
    csrfToken,
    stage,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + times.maxHours * 3_600_000),
  });
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
  const row = await repo.sessionWithAccount(db, idHash);
  if (!row) return undefined;
  const idleLimit = row.lastSeenAt.getTime() + times.idleMinutes * 60_000;
  if (row.expiresAt <= now || idleLimit <= now.getTime() || row.disabledAt) {
    await repo.deleteSession(db, idHash);
    return undefined;
  }
  // Writing last-seen at most once a minute keeps reads cheap without bending the idle timeout.
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await repo.touchSession(db, idHash, now);
  }
  const { idHash: _id, csrfToken, stage, lastSeenAt: _seen, expiresAt: _expires, ...account } = row;
  return { idHash, csrfToken, stage, account };
}

export const { deleteSession, deleteAccountSessions, deleteAgencySessions } = repo;
