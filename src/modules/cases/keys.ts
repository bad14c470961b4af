import { z } from 'zod';
import type { Deps } from '../../platform/context.js';
import { openWithKey, sealWithKey } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { fold } from '../../platform/text.js';
import * as repo from './repo.js';
import { type CaseContent, caseContent } from './schema.js';

/**
 * The only file of the cases module that seals and opens. Each case has a key of its own, sealed
 * with its agency's data key (`case_key`); the record, its notes, documents, grant reasons and the
 * link to its fact row are sealed with the case key, bound by associated data to the case (and the
 * note, document or grant), and parsed again when opened. Destroying the case key shreds them all.
 */
const contentAad = (caseId: string) => `harbour:case:${caseId}:content`;
const factAad = (caseId: string) => `harbour:case:${caseId}:fact`;
const reasonAad = (caseId: string, grantId: string) => `harbour:case:${caseId}:grant:${grantId}`;
const noteAad = (caseId: string, noteId: string) => `harbour:case:${caseId}:note:${noteId}`;
const documentAad = (caseId: string, documentId: string, part: 'meta' | 'body') => `harbour:case:${caseId}:document:${documentId}:${part}`;
const keyRef = (caseId: string) => ({ table: 'case_key', column: 'sealed_key', rowId: caseId });

const documentMeta = z.object({ name: z.string(), mediaType: z.string() });

export function sealCaseKey(deps: Deps, agencyId: string, caseId: string, key: Buffer): Promise<Buffer> {
  return deps.crypto.encrypt(agencyId, keyRef(caseId), key.toString('base64'));
}

export async function caseKey(deps: Deps, agencyId: string, caseId: string): Promise<Buffer> {
  const row = await repo.sealedKeyOf(deps.kysely, caseId);
  if (!row) throw new AppError('not_found', `case ${caseId} has no key: it was erased`);
  return Buffer.from(await deps.crypto.decrypt(agencyId, keyRef(caseId), row.sealedKey), 'base64');
}

/** The keys of many cases of one agency, each opened with the agency's key; one query. */
export async function caseKeys(deps: Deps, agencyId: string, caseIds: string[]): Promise<Map<string, Buffer>> {
  if (caseIds.length === 0) return new Map();
  const rows = await repo.sealedKeysOf(deps.kysely, caseIds);
  const keys = new Map<string, Buffer>();
  for (const row of rows)
    keys.set(row.caseId, Buffer.from(await deps.crypto.decrypt(agencyId, keyRef(row.caseId), row.sealedKey), 'base64'));
  return keys;
}

/** Many cases of one agency opened at once, each with its content; one whose key is gone (erased meanwhile) is left out. */
export async function openCases<R extends { id: string; sealed: Uint8Array }>(deps: Deps, agencyId: string, records: R[]) {
  const keys = await caseKeys(
    deps,
    agencyId,
    records.map((record) => record.id),
  );
  return records.flatMap((record) => {
    const key = keys.get(record.id);
    return key ? [{ record, content: openContent(key, record) }] : [];
  });
}

const nameWords = (names: string[]) => [
  ...new Set(names.flatMap((name) => fold(name).split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length > 0)),
];

/** Names kept only as keyed blind-index tokens, so a case can be found by name without storing it. */
export async function tokens(deps: Deps, agencyId: string, names: string[]) {
  return Promise.all(nameWords(names).map((word) => deps.crypto.blindIndex(agencyId, 'case-name', word)));
}

export const sealContent = (key: Buffer, caseId: string, content: CaseContent) =>
  sealWithKey(key, JSON.stringify(content), contentAad(caseId));

export function openContent(key: Buffer, record: { id: string; sealed: Uint8Array }): CaseContent {
  return caseContent.parse(JSON.parse(openWithKey(key, record.sealed, contentAad(record.id))));
}

/** Which de-identified fact row is the case's own: known only through its key. */
export const sealFactId = (key: Buffer, caseId: string, factId: string) => sealWithKey(key, factId, factAad(caseId));
export const openFactId = (key: Buffer, caseId: string, sealed: Uint8Array) => openWithKey(key, sealed, factAad(caseId));

export const sealReason = (key: Buffer, caseId: string, grantId: string, reason: string) =>
  sealWithKey(key, reason, reasonAad(caseId, grantId));
export const openReason = (key: Buffer, caseId: string, grantId: string, sealed: Uint8Array) =>
  openWithKey(key, sealed, reasonAad(caseId, grantId));

export const sealNote = (key: Buffer, caseId: string, noteId: string, text: string) => sealWithKey(key, text, noteAad(caseId, noteId));
export const openNote = (key: Buffer, caseId: string, noteId: string, sealed: Uint8Array) =>
  openWithKey(key, sealed, noteAad(caseId, noteId));

export function sealDocument(key: Buffer, caseId: string, documentId: string, meta: { name: string; mediaType: string }, body: Buffer) {
  return {
    sealedMeta: sealWithKey(key, JSON.stringify(meta), documentAad(caseId, documentId, 'meta')),
    sealedBody: sealWithKey(key, body.toString('base64'), documentAad(caseId, documentId, 'body')),
  };
}

export const openDocumentMeta = (key: Buffer, caseId: string, documentId: string, sealed: Uint8Array) =>
  documentMeta.parse(JSON.parse(openWithKey(key, sealed, documentAad(caseId, documentId, 'meta'))));

export const openDocumentBody = (key: Buffer, caseId: string, documentId: string, sealed: Uint8Array) =>
  Buffer.from(openWithKey(key, sealed, documentAad(caseId, documentId, 'body')), 'base64');
