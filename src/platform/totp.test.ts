import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, matchTotp, totpCode, totpStep } from './totp.js';

// RFC 6238 appendix B, SHA-1 secret "12345678901234567890", truncated to 6 digits.
const rfcSecret = base32Encode(Buffer.from('12345678901234567890'));

describe('time-based one-time passwords', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('gives the RFC 6238 code at %i seconds', (seconds, code) => {
    expect(totpCode(rfcSecret, totpStep(new Date(seconds * 1000)))).toBe(code);
  });

  it('round-trips base32', () => {
    const bytes = Buffer.from('any twenty bytes....');
    expect(base32Decode(base32Encode(bytes)).equals(bytes)).toBe(true);
  });

  it('accepts one step of drift and refuses a step already used', () => {
    const now = new Date(1234567890 * 1000);
    const step = totpStep(now);
    expect(matchTotp(rfcSecret, totpCode(rfcSecret, step - 1), now, null)).toBe(step - 1);
    expect(matchTotp(rfcSecret, totpCode(rfcSecret, step + 1), now, null)).toBe(step + 1);
    expect(matchTotp(rfcSecret, totpCode(rfcSecret, step - 2), now, null)).toBeNull();
    expect(matchTotp(rfcSecret, totpCode(rfcSecret, step), now, step)).toBeNull();
    expect(matchTotp(rfcSecret, 'abcdef', now, null)).toBeNull();
  });
});
