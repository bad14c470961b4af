import { z } from 'zod';
import type { Deps } from '../../platform/context.js';
import { openWithKey, sealWithKey } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './repo.js';
import { type SharedFields, sharedFields } from './schema.js';

/**
 * The only file of the referrals module that seals and opens. Each agency on a referral holds
 * the referral's own key sealed with its data key (`referral_key`); what crosses between the
 * agencies is sealed with that key, bound by associated data to the referral (and event), and
 * parsed again when opened — never cast. The sender's note is sealed with the sender's data key.
 */
const sharedAad = (id: string) => `harbour:referral:${id}:shared`;
const outcomeAad = (id: string) => `harbour:referral:${id}:outcome`;
const addressAad = (id: string) => `harbour:referral:${id}:address`;
const noteAad = (id: string, eventId: string) => `harbour:referral:${id}:event:${eventId}`;
const keyRef = (id: string, agencyId: string) => ({ table: 'referral_key', column: 'sealed_key', rowId: `${id}:${agencyId}` });
const senderRef = (id: string) => ({ table: 'referral', column: 'sender_sealed', rowId: id });

const sealedShared = z.object({ shared: sharedFields, consent: z.object({ givenOn: z.string(), until: z.string() }) });
const senderPart = z.object({ note: z.string().nullable() });

/** The referral's key sealed for each agency that will hold it. */
export async function sealKeyFor(deps: Deps, id: string, agencyIds: string[], key: Buffer) {
  return Promise.all(
    agencyIds.map(async (agencyId) => ({
      referralId: id,
      agencyId,
      sealedKey: await deps.crypto.encrypt(agencyId, keyRef(id, agencyId), key.toString('base64')),
    })),
  );
}

/** The referral's key as this agency holds it; undefined when it holds none (consent withdrawn, or not a party). */
export async function referralKey(deps: Deps, id: string, agencyId: string): Promise<Buffer | undefined> {
  const row = await repo.findSealedKey(deps.kysely, id, agencyId);
  return row ? Buffer.from(await deps.crypto.decrypt(agencyId, keyRef(id, agencyId), row.sealedKey), 'base64') : undefined;
}

/** The key for acting on a referral: an agency whose copy is gone (consent withdrawn) can do nothing with it. */
export async function requireKey(deps: Deps, id: string, agencyId: string): Promise<Buffer> {
  const key = await referralKey(deps, id, agencyId);
  if (!key) throw new AppError('forbidden', 'this agency holds no key to this referral any more');
  return key;
}

export function sealShared(key: Buffer, id: string, shared: SharedFields, consent: { givenOn: string; until: string }): Buffer {
  return sealWithKey(key, JSON.stringify({ shared, consent }), sharedAad(id));
}

export function openShared(key: Buffer, row: { id: string; sharedSealed: Uint8Array }) {
  return sealedShared.parse(JSON.parse(openWithKey(key, row.sharedSealed, sharedAad(row.id))));
}

export const sealAddress = (key: Buffer, id: string, address: string) => sealWithKey(key, address, addressAad(id));
export const openAddress = (key: Buffer, id: string, sealed: Uint8Array) => openWithKey(key, sealed, addressAad(id));
export const sealNote = (key: Buffer, id: string, eventId: string, note: string) => sealWithKey(key, note, noteAad(id, eventId));
export const openNote = (key: Buffer, id: string, eventId: string, sealed: Uint8Array) => openWithKey(key, sealed, noteAad(id, eventId));
/** Which de-identified outcome row is this referral's: known only through its key. */
export const sealOutcomeId = (key: Buffer, id: string, outcomeId: string) => sealWithKey(key, outcomeId, outcomeAad(id));
export const openOutcomeId = (key: Buffer, id: string, sealed: Uint8Array) => openWithKey(key, sealed, outcomeAad(id));

export function sealSenderNote(deps: Deps, agencyId: string, id: string, note: string | null) {
  return deps.crypto.encrypt(agencyId, senderRef(id), JSON.stringify({ note }));
}

export async function openSenderNote(deps: Deps, agencyId: string, id: string, sealed: Uint8Array): Promise<string | null> {
  return senderPart.parse(JSON.parse(await deps.crypto.decrypt(agencyId, senderRef(id), sealed))).note;
}
