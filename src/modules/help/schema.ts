import { z } from 'zod';
import { provinceCodes } from '../../platform/schema.js';

const decodedLength = (value: string) => Math.floor((value.length * 3) / 4) - (value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0);

/** Bytes as standard base64, between `min` and `max` bytes once decoded. */
const base64 = (what: string, min: number, max: number) =>
  z
    .string()
    .max(Math.ceil(max / 3) * 4, `${what}: at most ${max} bytes`)
    .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, `${what}: not base64`)
    .refine((value) => decodedLength(value) >= min && decodedLength(value) <= max, {
      message: min === max ? `${what}: must be ${min} bytes` : `${what}: between ${min} and ${max} bytes`,
    });

export const publicKey = base64('public key', 32, 32);
const lookup = z.string().regex(/^[0-9a-f]{64}$/, 'the lookup made from the receipt: 64 hexadecimal characters');

export const intakeQuery = z.object({
  province: z.enum(provinceCodes, { message: 'a two-letter province or territory code' }).optional(),
});

const intakeAgency = z.object({
  agencyId: z.string().uuid(),
  name: z.string(),
  province: z.string(),
  keyId: z.string().uuid(),
  publicKey: z.string(),
  fingerprint: z.string(),
});
export const intakeDirectory = z.object({
  agencies: z.array(intakeAgency),
  network: z.object({ keyId: z.string().uuid(), publicKey: z.string(), fingerprint: z.string() }).nullable(),
});

const challengeParameters = z.object({
  algorithm: z.string().max(20),
  nonce: z.string().max(200),
  salt: z.string().max(200),
  cost: z.number().int().positive(),
  keyLength: z.number().int().positive().max(64),
  keyPrefix: z.string().max(128),
  keySignature: z.string().max(200).optional(),
  expiresAt: z.number().optional(),
});
export const challenge = z.object({ parameters: challengeParameters, signature: z.string().optional() });

export const proof = z.object({
  challenge: z.object({ parameters: challengeParameters, signature: z.string().max(200) }),
  solution: z.object({ counter: z.number().int().min(0), derivedKey: z.string().max(200), time: z.number().optional() }),
});

/** One sealed copy of a request, for one intake key. */
const envelope = z.object({
  intakeKeyId: z.string().uuid('not a key id'),
  enc: base64('envelope key', 32, 32),
  ciphertext: base64('envelope', 17, 65_536),
});

export const requestBody = z.object({
  id: z.string().uuid('a new request id made by the browser (a UUID)'),
  agencyId: z.string().uuid('an agency id from the list of agencies that take help requests').nullable(),
  lookup,
  envelopes: z.array(envelope).min(1, 'at least one envelope').max(8, 'at most 8 envelopes'),
  proof,
});
export const requestReceived = z.object({ receivedAt: z.string() });

export const statusBody = z.object({ lookup });
export const status = z.object({
  id: z.string().uuid(),
  state: z.enum(['waiting', 'accepted', 'closed']),
  receivedAt: z.string(),
  agency: z.string().nullable().describe('the agency that accepted it, or the one chosen while it waits'),
  replies: z.array(z.object({ iv: z.string(), ciphertext: z.string(), sentAt: z.string() })),
});

export const inboxQuery = z.object({ inbox: z.enum(['agency', 'network']).default('agency') });

export const staffKeyBody = z.object({
  publicKey,
  wrappedPrivate: z
    .string()
    .max(1999)
    .refine(
      (value) => {
        try {
          const box = JSON.parse(value) as Record<string, unknown>;
          return box.v === 1 && box.kdf === 'argon2id' && typeof box.ct === 'string' && typeof box.salt === 'string';
        } catch {
          return false;
        }
      },
      { message: 'wrappedPrivate: the passphrase-wrapped key made by the browser' },
    ),
});
export const staffKey = z.object({
  key: z
    .object({ publicKey: z.string(), wrappedPrivate: z.string(), createdAt: z.string() })
    .nullable()
    .describe('none until you set one up'),
});

export const intakeKeyBody = z.object({
  id: z.string().uuid('the new key’s id, made by the browser (a UUID): the sealed copy is bound to it'),
  inbox: z.enum(['agency', 'network']),
  publicKey,
  share: base64('sealed key', 48, 200).describe("the new private key sealed (HPKE) to the creator's own public key"),
  replace: z.boolean().default(false),
});

export const shareBody = z.object({
  accountId: z.string().uuid('not an account id'),
  share: base64('sealed key', 48, 200),
});

const keyView = z.object({
  id: z.string().uuid(),
  publicKey: z.string(),
  fingerprint: z.string(),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
  myShare: z.string().nullable().describe('this key sealed to your own key, if you hold it'),
});
export const inboxKeys = z.object({
  inbox: z.enum(['agency', 'network']),
  canCreate: z.boolean(),
  keys: z.array(keyView),
  holders: z.array(z.object({ accountId: z.string().uuid(), name: z.string(), since: z.string() })),
  canBeGiven: z.array(z.object({ accountId: z.string().uuid(), name: z.string(), publicKey: z.string() })),
});

export const inboxItem = z.object({
  id: z.string().uuid(),
  state: z.enum(['waiting', 'accepted', 'closed']),
  receivedAt: z.string(),
  chosenAgency: z.string().nullable(),
  fallback: z.enum(['unanswered', 'declined', 'network-chooses']).nullable(),
  fallbackAt: z.string().nullable(),
  acceptedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  envelopes: z.array(z.object({ intakeKeyId: z.string().uuid(), enc: z.string(), ciphertext: z.string() })),
  replies: z.array(z.object({ iv: z.string(), ciphertext: z.string(), sentAt: z.string(), sentBy: z.string() })),
});
export const inbox = z.array(inboxItem);

export const actionBody = z.object({
  inbox: z.enum(['agency', 'network']),
  action: z.enum(['accept', 'decline', 'close']),
});
export const forwardBody = z.object({
  agencyId: z.string().uuid('an agency id from the list of agencies that take help requests'),
  envelope,
});
export const replyBody = z.object({
  inbox: z.enum(['agency', 'network']),
  iv: base64('iv', 12, 12),
  ciphertext: base64('reply', 17, 16_384),
});
