import crypto from 'node:crypto';
import QRCode from 'qrcode';
import type { Account, SessionStage } from '../../db/tables.js';
import { recordAudit } from '../audit.js';
import { type Deps, unitOfWork } from '../context.js';
import { AppError } from '../errors.js';
import { verifyPassword } from '../passwords.js';
import { type AccountActor, caseDataRoles } from '../policy.js';
import { matchTotp, newTotpSecret, otpauthUrl } from '../totp.js';
import * as limits from './limits.js';
import * as repo from './repo.js';
import { createSession, deleteAccountSessions, deleteSession, type LiveSession } from './sessions.js';

export interface IssuedSession {
  token: string;
  csrfToken: string;
  stage: SessionStage;
}

const sessionTimes = (deps: Deps) => ({
  idleMinutes: deps.config.HARBOUR_SESSION_IDLE_MINUTES,
  maxHours: deps.config.HARBOUR_SESSION_MAX_HOURS,
});

const wrongCredentials = () => new AppError('unauthenticated', 'the email or the password is not right');

export function secondFactorRequired(deps: Deps, account: Pick<Account, 'roles'>): boolean {
  return deps.config.HARBOUR_MFA === 'required' && account.roles.some((role) => caseDataRoles.includes(role));
}

function stageAfterPassword(deps: Deps, account: Account): SessionStage {
  if (account.totpConfirmedAt) return 'mfa';
  return secondFactorRequired(deps, account) ? 'enrol' : 'full';
}

/**
 * A session for someone who has just proved who they are another way (an invitation link and a
 * new password): the same stage as after a password, so the second factor is still asked for.
 */
export async function startSession(deps: Deps, account: Account): Promise<IssuedSession> {
  const stage = stageAfterPassword(deps, account);
  const issued = await createSession(deps.kysely, account.id, stage, deps.now(), sessionTimes(deps));
  return { ...issued, stage };
}

export function actorOf(session: LiveSession): AccountActor {
  return {
    kind: 'account',
    accountId: session.account.id,
    agencyId: session.account.agencyId,
    roles: session.account.roles,
    stage: session.stage,
  };
}

/**
 * Password sign-in. Whether or not the email has an account, a failure answers the same words,
 * takes the same time and counts towards the same per-email limit, so nothing can be learnt.
 */
export async function signIn(deps: Deps, input: { email: string; password: string }, address: string): Promise<IssuedSession> {
  const email = input.email.trim().toLowerCase();
  await limits.admit(deps, 'sign-in', email, address);

  const account = await repo.findAccountByEmail(deps.kysely, email);
  const passwordOk = await verifyPassword(account?.passwordHash ?? undefined, input.password);
  const barred = account && (account.disabledAt || account.agencyState !== 'active');
  if (!account || !passwordOk || barred) {
    await limits.failed(deps, 'sign-in', email, address);
    await recordAudit(
      deps,
      {
        action: 'auth.sign_in',
        outcome: 'refused',
        ...(account ? { actorAccountId: account.id, agencyId: account.agencyId } : {}),
        details: {
          reason: account?.disabledAt ? 'disabled' : account && account.agencyState !== 'active' ? 'member-not-active' : 'credentials',
        },
      },
      deps.now(),
    );
    throw wrongCredentials();
  }
  await limits.succeeded(deps, 'sign-in', email, address);
  return unitOfWork(deps, async (tx) => {
    const issued = await startSession(tx, account);
    await recordAudit(
      tx,
      { actorAccountId: account.id, agencyId: account.agencyId, action: 'auth.sign_in', outcome: 'ok', details: { stage: issued.stage } },
      deps.now(),
    );
    return issued;
  });
}

/** A stage change is a privilege change: it gets a new session id, and the old one is gone. */
async function replaceSession(deps: Deps, session: LiveSession, stage: SessionStage): Promise<IssuedSession> {
  return unitOfWork(deps, async (tx) => {
    await deleteSession(tx.kysely, session.idHash);
    const issued = await createSession(tx.kysely, session.account.id, stage, deps.now(), sessionTimes(deps));
    return { ...issued, stage };
  });
}

const totpRef = (accountId: string) => ({ table: 'account', column: 'totp_secret', rowId: accountId });

async function readTotpSecret(deps: Deps, account: Account): Promise<string> {
  if (!account.totpSecret) throw new AppError('conflict', 'no authenticator app is being set up for this account');
  return deps.crypto.decrypt(account.agencyId, totpRef(account.id), account.totpSecret);
}

const recoveryDigest = (code: string) => crypto.createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('hex');

export async function verifySecondFactor(deps: Deps, session: LiveSession, code: string, address: string): Promise<IssuedSession> {
  const account = session.account;
  if (session.stage !== 'mfa') throw new AppError('conflict', 'this session is not waiting for a second factor');
  await limits.admit(deps, 'second-factor', account.id, address);
  const audit = (outcome: 'ok' | 'refused', method: string) =>
    recordAudit(
      deps,
      { actorAccountId: account.id, agencyId: account.agencyId, action: 'auth.second_factor', outcome, details: { method } },
      deps.now(),
    );

  const compact = code.replace(/\s/g, '');
  if (/^\d{6}$/.test(compact)) {
    const secret = await readTotpSecret(deps, account);
    const step = matchTotp(secret, compact, deps.now(), account.totpLastStep);
    if (step !== null && (await repo.claimTotpStep(deps.kysely, account.id, step))) {
      await limits.succeeded(deps, 'second-factor', account.id, address);
      await audit('ok', 'totp');
      return replaceSession(deps, session, 'full');
    }
  } else if (await repo.spendRecoveryCode(deps.kysely, account.id, recoveryDigest(compact), deps.now())) {
    await limits.succeeded(deps, 'second-factor', account.id, address);
    await audit('ok', 'recovery_code');
    return replaceSession(deps, session, 'full');
  }
  await limits.failed(deps, 'second-factor', account.id, address);
  await audit('refused', /^\d{6}$/.test(compact) ? 'totp' : 'recovery_code');
  throw new AppError('unauthenticated', 'that code is not right, or it was already used');
}

export async function startEnrolment(deps: Deps, session: LiveSession) {
  const account = session.account;
  if (session.stage === 'mfa') throw new AppError('second_factor_required', 'confirm your second factor first');
  if (account.totpConfirmedAt) throw new AppError('conflict', 'an authenticator app is already set up for this account');
  const secret = newTotpSecret();
  const sealed = await deps.crypto.encrypt(account.agencyId, totpRef(account.id), secret);
  await repo.setPendingTotpSecret(deps.kysely, account.id, sealed);
  const url = otpauthUrl(secret, account.email);
  return { secret, otpauthUrl: url, qrCode: await QRCode.toDataURL(url, { margin: 2, width: 240 }) };
}

export async function confirmEnrolment(deps: Deps, session: LiveSession, code: string) {
  const account = session.account;
  if (session.stage === 'mfa') throw new AppError('second_factor_required', 'confirm your second factor first');
  if (account.totpConfirmedAt) throw new AppError('conflict', 'an authenticator app is already set up for this account');
  const secret = await readTotpSecret(deps, account);
  const step = matchTotp(secret, code.replace(/\s/g, ''), deps.now(), null);
  if (step === null) {
    throw new AppError('bad_request', 'code: that code does not match; check the time on your phone and try the next one');
  }
  const recoveryCodes = Array.from({ length: 10 }, () => {
    const raw = crypto.randomBytes(8).toString('hex');
    return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12)}`;
  });
  const issued = await unitOfWork(deps, async (tx) => {
    await repo.confirmTotp(tx.kysely, account.id, step, deps.now(), recoveryCodes.map(recoveryDigest));
    await recordAudit(
      tx,
      { actorAccountId: account.id, agencyId: account.agencyId, action: 'auth.second_factor_enrol', outcome: 'ok' },
      deps.now(),
    );
    return replaceSession(tx, session, 'full');
  });
  return { ...issued, recoveryCodes };
}

export async function signOut(deps: Deps, session: LiveSession, everywhere: boolean): Promise<void> {
  await unitOfWork(deps, async (tx) => {
    if (everywhere) await deleteAccountSessions(tx.kysely, session.account.id);
    else await deleteSession(tx.kysely, session.idHash);
    await recordAudit(
      tx,
      {
        actorAccountId: session.account.id,
        agencyId: session.account.agencyId,
        action: everywhere ? 'auth.sign_out_everywhere' : 'auth.sign_out',
        outcome: 'ok',
      },
      deps.now(),
    );
  });
}

export { findAgencySummary } from './repo.js';
