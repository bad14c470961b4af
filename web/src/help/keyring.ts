/**
 * A worker's keys in this browser tab: their own private key, opened with their passphrase, and
 * the inbox keys sealed to it. Kept in memory only — never in storage — so closing the tab or
 * signing out forgets them, and the passphrase is asked again next time.
 */
import {
  BadRecoveryKit,
  fromBase64,
  type HelpMessage,
  isPairOf,
  newKeyPair,
  openRecoveryKit,
  openRequest,
  openShare,
  type RecoveryKit,
  sealRequest,
  sealShare,
  toBase64,
  unwrapWithPassphrase,
  wrapWithPassphrase,
} from '../../../src/modules/help/envelope';
import { createIntakeKey, forwardRequest, type Inbox, type InboxItem, type InboxKeys, setMyKey, shareIntakeKey } from '../api/help';

let own: Uint8Array | undefined;

export const isUnlocked = () => own !== undefined;
export const forget = () => {
  own = undefined;
};

/** Makes the worker's own key pair here and sends the server only its public half and the passphrase-wrapped private half. */
export async function setUpOwnKey(passphrase: string) {
  const pair = await newKeyPair();
  await setMyKey({ publicKey: toBase64(pair.publicKey), wrappedPrivate: await wrapWithPassphrase(pair.privateKey, passphrase) });
  own = pair.privateKey;
}

/** Opens the worker's own key with their passphrase; throws WrongPassphrase if it does not. */
export async function unlock(wrappedPrivate: string, passphrase: string) {
  own = await unwrapWithPassphrase(wrappedPrivate, passphrase);
}

function ownKey(): Uint8Array {
  if (!own) throw new Error('locked');
  return own;
}

/** The inbox's private keys this worker holds, by key id, opened from their sealed copies. */
export async function openInboxKeys(keys: InboxKeys, accountId: string): Promise<Map<string, Uint8Array>> {
  const opened = new Map<string, Uint8Array>();
  for (const key of keys.keys) if (key.myShare) opened.set(key.id, await openShare(key.id, accountId, key.myShare, ownKey()));
  return opened;
}

/** Makes the inbox's key pair here; its private half leaves only sealed to the maker's own key. */
export async function makeIntakeKey(inbox: Inbox, accountId: string, ownPublicKey: string, replace: boolean) {
  const pair = await newKeyPair();
  const id = crypto.randomUUID();
  return createIntakeKey({
    id,
    inbox,
    replace,
    publicKey: toBase64(pair.publicKey),
    share: await sealShare(id, accountId, ownPublicKey, pair.privateKey),
  });
}

/** Gives a colleague the current key, sealed here to their own public key. */
export async function giveKey(
  inbox: Inbox,
  keyId: string,
  opened: Map<string, Uint8Array>,
  colleague: { accountId: string; publicKey: string },
) {
  const privateKey = opened.get(keyId);
  if (!privateKey) throw new Error('not a holder');
  return shareIntakeKey(keyId, inbox, {
    accountId: colleague.accountId,
    share: await sealShare(keyId, colleague.accountId, colleague.publicKey, privateKey),
  });
}

/** What the person wrote, if this worker holds a key one of the request's envelopes was sealed to. */
export async function readRequest(item: InboxItem, opened: Map<string, Uint8Array>): Promise<HelpMessage | undefined> {
  for (const envelope of item.envelopes) {
    const privateKey = opened.get(envelope.intakeKeyId);
    if (privateKey) return openRequest(item.id, envelope, privateKey);
  }
  return undefined;
}

/** Seals what the network read again, to the chosen agency's key, and passes the request on. */
export async function passOn(id: string, message: HelpMessage, agency: { agencyId: string; keyId: string; publicKey: string }) {
  const [envelope] = await sealRequest(id, message, [{ id: agency.keyId, publicKey: agency.publicKey }]);
  return forwardRequest(id, { agencyId: agency.agencyId, envelope: envelope as NonNullable<typeof envelope> });
}

/**
 * Takes back an inbox key from its printed kit and keeps a copy sealed to the worker's own key.
 * A kit for another key (an older one, another agency's) is refused before anything is sent.
 */
export async function restoreFromKit(
  inbox: Inbox,
  key: { id: string; publicKey: string },
  accountId: string,
  ownPublicKey: string,
  kit: RecoveryKit,
) {
  const privateKey = await openRecoveryKit(kit);
  if (!(await isPairOf(fromBase64(key.publicKey), privateKey))) throw new BadRecoveryKit('this kit is for another key');
  return shareIntakeKey(key.id, inbox, { accountId, share: await sealShare(key.id, accountId, ownPublicKey, privateKey) });
}

export { BadRecoveryKit, makeRecoveryKit, type RecoveryKit } from '../../../src/modules/help/envelope';
