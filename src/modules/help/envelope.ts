/**
 * The cryptography of help requests, the same code in the person's browser, in a worker's browser
 * and in the tests: nothing here runs on the server's side of a request. It uses WebCrypto,
 * HPKE (RFC 9180: DHKEM X25519, HKDF-SHA256, AES-256-GCM) and Argon2id (hash-wasm), and no
 * Node module, so the web bundles import it as it is.
 */
import { Aes256Gcm, CipherSuite, HkdfSha256 } from '@hpke/core';
import { DhkemX25519HkdfSha256 } from '@hpke/dhkem-x25519';
import { argon2id } from 'hash-wasm';

const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });
const text = new TextEncoder();
/** Bytes WebCrypto takes: backed by a plain ArrayBuffer. */
type Bytes = Uint8Array<ArrayBuffer>;
const bytes = (value: Uint8Array): Bytes => new Uint8Array(value);
const untext = new TextDecoder();

/** Which use a sealed value is for: an envelope made for one use does not open as another. */
export const purposes = {
  request: text.encode('harbour help request v1'),
  share: text.encode('harbour intake key share v1'),
} as const;

export const toBase64 = (bytes: Uint8Array): string => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
};
export const fromBase64 = (value: string): Bytes => Uint8Array.from(atob(value), (c) => c.charCodeAt(0));

/** A new X25519 key pair, both halves as their 32 raw bytes. */
export async function newKeyPair(): Promise<{ publicKey: Uint8Array; privateKey: Uint8Array }> {
  const pair = await suite.kem.generateKeyPair();
  return {
    publicKey: new Uint8Array(await suite.kem.serializePublicKey(pair.publicKey)),
    privateKey: new Uint8Array(await suite.kem.serializePrivateKey(pair.privateKey)),
  };
}

export interface Sealed {
  enc: Uint8Array;
  ciphertext: Uint8Array;
}

/** Seals `plaintext` so only the holder of `publicKey`'s private half opens it; `aad` binds it to its place. */
export async function sealTo(publicKey: Uint8Array, plaintext: Uint8Array, info: Uint8Array, aad: Uint8Array): Promise<Sealed> {
  const recipientPublicKey = await suite.kem.deserializePublicKey(publicKey);
  const { enc, ct } = await suite.seal({ recipientPublicKey, info }, plaintext, aad);
  return { enc: new Uint8Array(enc), ciphertext: new Uint8Array(ct) };
}

export async function openWith(privateKey: Uint8Array, sealed: Sealed, info: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
  const recipientKey = await suite.kem.deserializePrivateKey(privateKey);
  return new Uint8Array(await suite.open({ recipientKey, enc: sealed.enc, info }, sealed.ciphertext, aad));
}

const sha256 = async (value: Uint8Array) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes(value)));
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** What a worker reads aloud to compare keys: the first 20 bytes of SHA-256, in groups of four. */
export async function fingerprint(publicKey: Uint8Array): Promise<string> {
  return (
    hex((await sha256(publicKey)).slice(0, 20))
      .toUpperCase()
      .match(/.{4}/g) as string[]
  ).join(' ');
}

// A staff member's own private key, wrapped by their passphrase. 64 MiB and 3 passes: about a
// second in a browser, and what stands between a copy of the database and the key.
const passphraseCost = { memorySize: 65_536, iterations: 3, parallelism: 1 };

const aesKey = (raw: Uint8Array, usage: KeyUsage[]) => crypto.subtle.importKey('raw', bytes(raw), 'AES-GCM', false, usage);

/** A secret locked under a key Argon2id makes from `password` (passphraseCost), with AES-256-GCM. */
async function lockWith(password: string, secret: Uint8Array) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await argon2id({ password, salt, hashLength: 32, outputType: 'binary', ...passphraseCost });
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await aesKey(key, ['encrypt']), bytes(secret)));
  return { salt, iv, ciphertext };
}

/** The secret `lockWith` locked, or undefined when `password` is not the one. */
async function unlockWith(
  password: string,
  box: { salt: Uint8Array; iv: Uint8Array; ciphertext: Uint8Array },
  cost: typeof passphraseCost = passphraseCost,
): Promise<Uint8Array | undefined> {
  const key = await argon2id({ password, salt: box.salt, hashLength: 32, outputType: 'binary', ...cost });
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes(box.iv) }, await aesKey(key, ['decrypt']), bytes(box.ciphertext)),
    );
  } catch {
    return undefined;
  }
}

export async function wrapWithPassphrase(secret: Uint8Array, passphrase: string): Promise<string> {
  const { salt, iv, ciphertext } = await lockWith(passphrase.normalize('NFC'), secret);
  return JSON.stringify({ v: 1, kdf: 'argon2id', ...passphraseCost, salt: toBase64(salt), iv: toBase64(iv), ct: toBase64(ciphertext) });
}

export class WrongPassphrase extends Error {}

export async function unwrapWithPassphrase(wrapped: string, passphrase: string): Promise<Uint8Array> {
  const box = JSON.parse(wrapped) as { memorySize: number; iterations: number; parallelism: number; salt: string; iv: string; ct: string };
  const secret = await unlockWith(
    passphrase.normalize('NFC'),
    { salt: fromBase64(box.salt), iv: fromBase64(box.iv), ciphertext: fromBase64(box.ct) },
    { memorySize: box.memorySize, iterations: box.iterations, parallelism: box.parallelism },
  );
  if (!secret) throw new WrongPassphrase('the passphrase does not open this key');
  return secret;
}

/**
 * A receipt: 16 random digits written as a North American phone number with an extension
 * (NXX-NXX-XXXX ext. XXXXXX), so it can sit in a phone's contacts without drawing a look.
 * About 52 bits: guessed online only through the proof of work and the rate limits.
 */
export function newReceipt(): string {
  const digits: number[] = [];
  while (digits.length < 16) {
    for (const byte of crypto.getRandomValues(new Uint8Array(32))) {
      if (byte >= 250 || digits.length === 16) continue;
      const digit = byte % 10;
      // An area code and an exchange never start with 0 or 1.
      if ((digits.length === 0 || digits.length === 3) && digit < 2) continue;
      digits.push(digit);
    }
  }
  return digits.join('');
}

export const formatReceipt = (receipt: string) =>
  `${receipt.slice(0, 3)}-${receipt.slice(3, 6)}-${receipt.slice(6, 10)} ext. ${receipt.slice(10)}`;

/** The 16 digits of a receipt as typed, with any spaces, dashes or "ext."; undefined if it is not one. */
export function parseReceipt(typed: string): string | undefined {
  const digits = typed.replace(/\D/g, '');
  return /^[2-9]\d\d[2-9]\d{12}$/.test(digits) ? digits : undefined;
}

// Fixed and public: the person has only the receipt. Argon2id makes each guess cost 19 MiB.
const receiptSalt = text.encode('harbour help receipt v1');
const receiptCost = { memorySize: 19_456, iterations: 2, parallelism: 1 };

export interface ReceiptSecrets {
  /** Sent to the server to find the request: a hash it cannot turn back into the receipt. */
  lookup: string;
  /** Seals the agency's replies: made from the receipt in a browser, never sent anywhere. */
  replyKey: CryptoKey;
}

export async function receiptSecrets(receipt: string): Promise<ReceiptSecrets> {
  const root = await argon2id({ password: receipt, salt: receiptSalt, hashLength: 32, outputType: 'binary', ...receiptCost });
  const base = await crypto.subtle.importKey('raw', bytes(root), 'HKDF', false, ['deriveKey', 'deriveBits']);
  const hkdf = (info: string) => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: text.encode(info) });
  const lookup = new Uint8Array(await crypto.subtle.deriveBits(hkdf('lookup'), base, 256));
  const replyKey = await crypto.subtle.deriveKey(hkdf('reply'), base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  return { lookup: hex(lookup), replyKey };
}

export async function sealReply(replyKey: CryptoKey, message: string, requestId: string): Promise<{ iv: string; ciphertext: string }> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: text.encode(requestId) },
    replyKey,
    text.encode(message),
  );
  return { iv: toBase64(iv), ciphertext: toBase64(new Uint8Array(ciphertext)) };
}

export async function openReply(replyKey: CryptoKey, reply: { iv: string; ciphertext: string }, requestId: string): Promise<string> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(reply.iv), additionalData: text.encode(requestId) },
    replyKey,
    fromBase64(reply.ciphertext),
  );
  return untext.decode(plain);
}

/** What the person wrote, as it is inside each envelope. */
export interface HelpMessage {
  v: 1;
  language: string;
  needs: string[];
  province: string;
  place: string;
  contact: { channel: 'phone' | 'text' | 'email'; reachAt: string; safeTimes: string; leaveMessage: boolean; codeWord: string };
  name: string;
  message: string;
  receipt: string;
}

export interface IntakeKeyForSealing {
  id: string;
  publicKey: string;
}

/** Seals one message to every key given: each gets its own envelope, bound to the request's id. */
export async function sealRequest(requestId: string, message: HelpMessage, keys: IntakeKeyForSealing[]) {
  const plaintext = text.encode(JSON.stringify(message));
  const aad = text.encode(requestId);
  return Promise.all(
    keys.map(async (key) => {
      const sealed = await sealTo(fromBase64(key.publicKey), plaintext, purposes.request, aad);
      return { intakeKeyId: key.id, enc: toBase64(sealed.enc), ciphertext: toBase64(sealed.ciphertext) };
    }),
  );
}

export async function openRequest(
  requestId: string,
  envelope: { enc: string; ciphertext: string },
  privateKey: Uint8Array,
): Promise<HelpMessage> {
  const plain = await openWith(
    privateKey,
    { enc: fromBase64(envelope.enc), ciphertext: fromBase64(envelope.ciphertext) },
    purposes.request,
    text.encode(requestId),
  );
  return JSON.parse(untext.decode(plain)) as HelpMessage;
}

/** An intake private key sealed to one holder's own public key, bound to that key and that holder. */
export const shareBinding = (intakeKeyId: string, accountId: string) => text.encode(`${intakeKeyId}/${accountId}`);

export async function sealShare(intakeKeyId: string, accountId: string, holderPublicKey: string, intakePrivateKey: Uint8Array) {
  const sealed = await sealTo(fromBase64(holderPublicKey), intakePrivateKey, purposes.share, shareBinding(intakeKeyId, accountId));
  return toBase64(new Uint8Array([...sealed.enc, ...sealed.ciphertext]));
}

export async function openShare(intakeKeyId: string, accountId: string, sealedShare: string, ownPrivateKey: Uint8Array) {
  const bytes = fromBase64(sealedShare);
  // A DHKEM(X25519) encapsulated key is always 32 bytes.
  const sealed = { enc: bytes.slice(0, 32), ciphertext: bytes.slice(32) };
  return openWith(ownPrivateKey, sealed, purposes.share, shareBinding(intakeKeyId, accountId));
}

// ── The printed recovery kit ─────────────────────────────────────────────────────────────────

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const toBase32 = (data: Uint8Array) => {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of data) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return bits > 0 ? out + BASE32[(value << (5 - bits)) & 31] : out;
};
const fromBase32 = (text: string): Bytes | undefined => {
  const clean = text.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[A-Z2-7]*$/.test(clean)) return undefined;
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    value = (value << 5) | BASE32.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return new Uint8Array(out);
};
const groups = (text: string) => (text.match(/.{1,4}/g) ?? []).join(' ');

export interface RecoveryKit {
  /** 100 random bits, to be typed back: printed apart from the key on the page. */
  code: string;
  /** The inbox's private key, wrapped by the code (Argon2id, AES-256-GCM). */
  key: string;
}

/** A paper copy of an inbox key: whoever holds both lines can open the inbox's requests. */
export async function makeRecoveryKit(privateKey: Uint8Array): Promise<RecoveryKit> {
  const code = toBase32(crypto.getRandomValues(new Uint8Array(13))).slice(0, 20);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await argon2id({ password: code, salt, hashLength: 32, outputType: 'binary', ...passphraseCost });
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await aesKey(key, ['encrypt']), bytes(privateKey)),
  );
  return { code: groups(code), key: groups(toBase32(new Uint8Array([1, ...salt, ...iv, ...ciphertext]))) };
}

export class BadRecoveryKit extends Error {}

/** The private key a kit holds, from its two lines as typed (case, spaces and dashes forgiven). */
export async function openRecoveryKit(kit: RecoveryKit): Promise<Uint8Array> {
  const code = kit.code.toUpperCase().replace(/[\s-]/g, '');
  const box = fromBase32(kit.key);
  if (!box || box.length !== 1 + 16 + 12 + 48 || box[0] !== 1 || !/^[A-Z2-7]{20}$/.test(code))
    throw new BadRecoveryKit('this is not a recovery kit: check each group of the key and the code');
  const key = await argon2id({ password: code, salt: box.slice(1, 17), hashLength: 32, outputType: 'binary', ...passphraseCost });
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv: box.slice(17, 29) }, await aesKey(key, ['decrypt']), box.slice(29)),
    );
  } catch {
    throw new BadRecoveryKit('the code does not open this kit');
  }
}

/** Whether a private key is the other half of `publicKey`: something sealed to one opens with the other. */
export async function isPairOf(publicKey: Uint8Array, privateKey: Uint8Array): Promise<boolean> {
  const probe = crypto.getRandomValues(new Uint8Array(16));
  const aad = text.encode('harbour key check');
  try {
    const opened = await openWith(privateKey, await sealTo(publicKey, probe, purposes.share, aad), purposes.share, aad);
    return opened.every((byte, index) => byte === probe[index]);
  } catch {
    return false;
  }
}
