import type { Deps } from '../context.js';
import { AppError } from '../errors.js';

/**
 * Guessing is stopped without letting a stranger lock a worker out. For sign-in and for the
 * second factor, attempts are counted per client address (all of them), per account and address
 * (failures), and per account (failures, from anywhere):
 * - too many from one address, or too many failures for one account from one address: 429;
 * - too many failures for one account from everywhere: every attempt on that account is slowed,
 *   more and more, but the right credentials from another address still get in.
 */
type Check = 'sign-in' | 'second-factor';

const windowOf = (deps: Deps) => deps.config.HARBOUR_SIGNIN_WINDOW_MINUTES * 60_000;
const tooMany = () => new AppError('rate_limited', 'too many attempts; wait a few minutes and try again');
const MAX_DELAY_MS = 4_000;

/** The delay once an account has `failures` from everywhere: 250 ms at the limit, doubling, at most 4 s. */
export function slowdownMs(failures: number, limit: number): number {
  if (failures < limit) return 0;
  return Math.min(250 * 2 ** (failures - limit), MAX_DELAY_MS);
}

export async function admit(deps: Deps, check: Check, account: string, address: string): Promise<void> {
  const window = windowOf(deps);
  const limit = deps.config.HARBOUR_SIGNIN_MAX_PER_ACCOUNT;
  if (check === 'sign-in' && (await deps.attempts.add(`${check}:address`, [address], window)) >= deps.config.HARBOUR_SIGNIN_MAX_PER_ADDRESS)
    throw tooMany();
  if ((await deps.attempts.count(`${check}:pair`, [account, address], window)) >= limit) throw tooMany();
  const delay = slowdownMs(await deps.attempts.count(`${check}:account`, [account], window), limit);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
}

export async function failed(deps: Deps, check: Check, account: string, address: string): Promise<void> {
  const window = windowOf(deps);
  await deps.attempts.add(`${check}:pair`, [account, address], window);
  await deps.attempts.add(`${check}:account`, [account], window);
}

export async function succeeded(deps: Deps, check: Check, account: string, address: string): Promise<void> {
  await deps.attempts.clear(`${check}:pair`, [account, address]);
  await deps.attempts.clear(`${check}:account`, [account]);
}
