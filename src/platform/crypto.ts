import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { Keyring } from './keyring.js';
import { agencyKeyRow, agencyKeyVersions, allAgencyKeys, insertAgencyKey, replaceAgencyKeyWrap } from './repo.js';

/**
 * Field encryption for personal data. Each agency has data keys (AES-256), stored only wrapped
 * by a master key. A value is sealed with AES-256-GCM; its associated data names the table,
 * column, row and agency, so a ciphertext copied to another row or agency does not open.
 *
 * Sealed layout: [format 1][data-key version, 4 bytes][iv, 12][tag, 16][ciphertext].
 */
const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + 4 + IV_BYTES + TAG_BYTES;

export interface FieldRef {
  table: string;
  column: string;
  rowId: string;
}

export class DecryptionError extends Error {}

function seal(key: Buffer, plaintext: Buffer, aad: string): { iv: Buffer; tag: Buffer; body: Buffer } {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), body };
}

function open(key: Buffer, iv: Buffer, tag: Buffer, body: Buffer, aad: string): Buffer {
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

const wrapAad = (agencyId: string, version: number) => `harbour:agency-key:${agencyId}:${version}`;
const fieldAad = (agencyId: string, keyVersion: number, ref: FieldRef) =>
  `harbour:field:${FORMAT}:${keyVersion}:${ref.table}:${ref.column}:${ref.rowId}:${agencyId}`;

export function wrapDataKey(keyring: Keyring, agencyId: string, version: number, dataKey: Buffer) {
  const master = keyring.keys.get(keyring.current) as Buffer;
  const { iv, tag, body } = seal(master, dataKey, wrapAad(agencyId, version));
  return { wrappedKey: Buffer.concat([iv, tag, body]), masterVersion: keyring.current };
}

export function unwrapDataKey(
  keyring: Keyring,
  row: { agencyId: string; version: number; wrappedKey: Uint8Array; masterVersion: number },
): Buffer {
  const master = keyring.keys.get(row.masterVersion);
  if (!master) {
    throw new DecryptionError(
      `the data key of agency ${row.agencyId} is wrapped by master key version ${row.masterVersion}, which is not configured`,
    );
  }
  const wrapped = Buffer.from(row.wrappedKey);
  try {
    return open(
      master,
      wrapped.subarray(0, IV_BYTES),
      wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES),
      wrapped.subarray(IV_BYTES + TAG_BYTES),
      wrapAad(row.agencyId, row.version),
    );
  } catch {
    throw new DecryptionError(`the data key of agency ${row.agencyId} does not open with master key version ${row.masterVersion}`);
  }
}

/**
 * Sealing with a key of its own (a case's data key, itself sealed with the agency's): destroying
 * that one key makes everything sealed with it unreadable. Layout: [format 2][iv][tag][ciphertext].
 */
const OWN_KEY_FORMAT = 2;

export function sealWithKey(key: Buffer, plaintext: string, aad: string): Buffer {
  const { iv, tag, body } = seal(key, Buffer.from(plaintext, 'utf8'), aad);
  return Buffer.concat([Buffer.from([OWN_KEY_FORMAT]), iv, tag, body]);
}

export function openWithKey(key: Buffer, sealedValue: Uint8Array, aad: string): string {
  const sealed = Buffer.from(sealedValue);
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed.readUInt8(0) !== OWN_KEY_FORMAT)
    throw new DecryptionError('not a value sealed with its own key');
  try {
    return open(
      key,
      sealed.subarray(1, 1 + IV_BYTES),
      sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES),
      sealed.subarray(1 + IV_BYTES + TAG_BYTES),
      aad,
    ).toString('utf8');
  } catch {
    throw new DecryptionError('a sealed value does not open: it was altered, or belongs to another row');
  }
}

export interface FieldCrypto {
  encrypt(agencyId: string, ref: FieldRef, plaintext: string): Promise<Buffer>;
  decrypt(agencyId: string, ref: FieldRef, sealed: Uint8Array): Promise<string>;
  /**
   * A keyed hash of a normalized word, for finding records by name without storing the name:
   * equal words give equal tokens within an agency, and nothing can be read back from a token.
   * Keyed by the agency's first data key, so tokens stay the same when newer keys are added.
   */
  blindIndex(agencyId: string, purpose: string, word: string): Promise<string>;
  createAgencyKey(agencyId: string, db?: Kysely<Database>): Promise<number>;
  forget(): void;
}

/**
 * The crypto service: data keys are read from `agency_key`, unwrapped once and kept in memory,
 * with each agency's newest version, for the life of the process (a `harbour keys rotate` run
 * against a server while Harbour serves takes effect at the next start).
 */
export function createFieldCrypto(db: Kysely<Database>, keyring: Keyring): FieldCrypto {
  const cache = new Map<string, Buffer>();
  const newest = new Map<string, number>();
  const firstVersion = new Map<string, number>();
  const cacheKey = (agencyId: string, version: number) => `${agencyId}:${version}`;

  async function dataKey(agencyId: string, wanted?: number): Promise<{ key: Buffer; version: number }> {
    const version = wanted ?? newest.get(agencyId);
    if (version !== undefined) {
      const cached = cache.get(cacheKey(agencyId, version));
      if (cached) return { key: cached, version };
    }
    const row = await agencyKeyRow(db, agencyId, version);
    if (!row) throw new DecryptionError(`agency ${agencyId} has no data key${version ? ` version ${version}` : ''}`);
    const key = unwrapDataKey(keyring, row);
    cache.set(cacheKey(agencyId, row.version), key);
    if (wanted === undefined) newest.set(agencyId, row.version);
    return { key, version: row.version };
  }

  return {
    async encrypt(agencyId, ref, plaintext) {
      const { key, version } = await dataKey(agencyId);
      const { iv, tag, body } = seal(key, Buffer.from(plaintext, 'utf8'), fieldAad(agencyId, version, ref));
      const header = Buffer.alloc(5);
      header.writeUInt8(FORMAT, 0);
      header.writeUInt32BE(version, 1);
      return Buffer.concat([header, iv, tag, body]);
    },

    async decrypt(agencyId, ref, sealedValue) {
      const sealed = Buffer.from(sealedValue);
      if (sealed.length < HEADER_BYTES || sealed.readUInt8(0) !== FORMAT) {
        throw new DecryptionError(`${ref.table}.${ref.column} of row ${ref.rowId} is not a sealed value`);
      }
      const version = sealed.readUInt32BE(1);
      const { key } = await dataKey(agencyId, version);
      try {
        return open(
          key,
          sealed.subarray(5, 5 + IV_BYTES),
          sealed.subarray(5 + IV_BYTES, HEADER_BYTES),
          sealed.subarray(HEADER_BYTES),
          fieldAad(agencyId, version, ref),
        ).toString('utf8');
      } catch {
        throw new DecryptionError(
          `${ref.table}.${ref.column} of row ${ref.rowId} does not open: it was altered or belongs to another row or agency`,
        );
      }
    },

    async blindIndex(agencyId, purpose, word) {
      let version = firstVersion.get(agencyId);
      if (version === undefined) {
        version = (await agencyKeyVersions(db, agencyId)).first ?? 1;
        firstVersion.set(agencyId, version);
      }
      const { key } = await dataKey(agencyId, version);
      const indexKey = crypto.createHmac('sha256', key).update(`harbour:blind-index:${purpose}`).digest();
      return crypto.createHmac('sha256', indexKey).update(word).digest('base64url').slice(0, 22);
    },

    async createAgencyKey(agencyId, executor = db) {
      const version = ((await agencyKeyVersions(executor, agencyId)).last ?? 0) + 1;
      const key = crypto.randomBytes(32);
      await insertAgencyKey(executor, { agencyId, version, ...wrapDataKey(keyring, agencyId, version, key) });
      cache.set(cacheKey(agencyId, version), key);
      newest.set(agencyId, version);
      return version;
    },

    forget() {
      cache.clear();
      newest.clear();
      firstVersion.clear();
    },
  };
}

/** Re-wraps every agency data key under the current master key; returns how many were re-wrapped. */
export async function rewrapAllDataKeys(db: Kysely<Database>, keyring: Keyring): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await allAgencyKeys(trx);
    for (const row of rows) {
      const key = unwrapDataKey(keyring, row);
      await replaceAgencyKeyWrap(trx, {
        agencyId: row.agencyId,
        version: row.version,
        ...wrapDataKey(keyring, row.agencyId, row.version, key),
      });
    }
    return rows.length;
  });
}
