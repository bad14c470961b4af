import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import * as french from '@zxcvbn-ts/language-fr';
import { AppError } from './errors.js';

// argon2id with OWASP's minimum: 19 MiB of memory, 2 passes, 1 lane.
const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;
/** zxcvbn's score from 0 to 4; 3 means "safely unguessable" against an offline attack slowed by a hash. */
const MIN_SCORE = 3;

// Built once, on the first password checked: the English and French dictionaries take a moment.
let estimator: ZxcvbnFactory | undefined;
function strength() {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary, ...french.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

/**
 * A new password must be long and hard to guess: common passwords, repeats, sequences, keyboard
 * runs, English and French words with digits, and the account's own email or name are refused,
 * with the estimator's advice. `context` holds words the person's password must not lean on.
 */
export async function checkNewPassword(password: string, context: string[] = []): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH) throw new AppError('bad_request', `password: at least ${MIN_PASSWORD_LENGTH} characters`);
  const words = context.flatMap((word) => word.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((word) => word.length >= 3);
  const result = await strength().check(password, ['harbour', 'havre', ...words]);
  if (result.score >= MIN_SCORE) return;
  const advice = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  throw new AppError(
    'bad_request',
    `password: too easy to guess${advice ? ` — ${advice}` : ''} A few unrelated words, or a phrase only you would think of, work well.`,
  );
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

// Verified against when the account does not exist, so both answers take the same time.
let decoy: Promise<string> | undefined;

export async function verifyPassword(stored: string | undefined, password: string): Promise<boolean> {
  if (!stored) {
    decoy ??= hashPassword('harbour-decoy-password');
    await verify(await decoy, password);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
