import crypto from 'node:crypto';
import { CappedMap, type Challenge, createChallenge, randomInt, type Solution, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';

/**
 * A self-hosted proof of work (ALTCHA): before a help request is taken, the person's browser
 * hashes until it finds a number the server hid in the challenge — a second or two on a
 * low-end phone, nothing to read or click, and no one identified. Each challenge is good for
 * ten minutes and for one request.
 */
export const challengeCost = { minCounter: 2_000, maxCounter: 10_000, lifetimeMs: 10 * 60_000 };

export class ProofOfWork {
  readonly #signing: string;
  readonly #keySigning: string;
  /**
   * Signatures of challenges already spent. A spent challenge expires within ten minutes, after
   * which the expiry check refuses it before this map is read; the full map drops its oldest
   * first, so a still-live one is dropped only if 100,000 were spent after it within ten minutes.
   */
  readonly #spent = new CappedMap<string, true>({ maxSize: 100_000 });

  // Real time, not the app's clock: a challenge lives ten minutes of the world's time.
  constructor(secret: Buffer) {
    const derive = (label: string) => crypto.createHmac('sha256', secret).update(label).digest('hex');
    this.#signing = derive('harbour:help:pow-signature');
    this.#keySigning = derive('harbour:help:pow-key-signature');
  }

  challenge(): Promise<Challenge> {
    return createChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      counter: randomInt(challengeCost.maxCounter, challengeCost.minCounter),
      deriveKey,
      expiresAt: new Date(Date.now() + challengeCost.lifetimeMs),
      hmacSignatureSecret: this.#signing,
      hmacKeySignatureSecret: this.#keySigning,
    });
  }

  /** Why the proof is refused, or undefined when it is good; a good proof is spent by this call. */
  async refusal(challenge: Challenge, solution: Solution): Promise<string | undefined> {
    const expiresAt = Number(challenge.parameters.expiresAt);
    if (!Number.isFinite(expiresAt) || expiresAt * 1000 < Date.now()) return 'the proof of work has expired: ask for a new one';
    let result: Awaited<ReturnType<typeof verifySolution>>;
    try {
      result = await verifySolution({
        challenge,
        solution,
        deriveKey,
        hmacSignatureSecret: this.#signing,
        hmacKeySignatureSecret: this.#keySigning,
      });
    } catch {
      return 'the proof of work is not one this server made';
    }
    if (result.invalidSignature) return 'the proof of work is not one this server made';
    if (!result.verified) return 'the proof of work is not solved';
    if (!this.#spent.setIfAbsent(challenge.signature as string, true)) return 'this proof of work was already used';
    return undefined;
  }
}
