import { type Deps, unitOfWork } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { checkUpload } from '../../platform/files.js';
import { type AccountActor, authorize } from '../../platform/policy.js';
import { access, accountNames, audit } from './access.js';
import { caseKey, openDocumentBody, openDocumentMeta, openNote, sealDocument, sealNote } from './keys.js';
import * as repo from './repo.js';

/** Notes are kept as written (added, never edited), each sealed with the case's key. */
export async function addNote(deps: Deps, actor: AccountActor, caseId: string, text: string) {
  authorize(actor, 'case.write', actor.agencyId);
  await access(deps, actor, caseId);
  const key = await caseKey(deps, actor.agencyId, caseId);
  const id = crypto.randomUUID();
  const sealed = sealNote(key, caseId, id, text);
  await unitOfWork(deps, async (tx) => {
    await repo.insertNote(tx.kysely, { id, caseId, authorAccountId: actor.accountId, sealed, createdAt: deps.now() });
    await repo.updateRecord(tx.kysely, caseId, { updatedAt: deps.now() });
    await audit(tx, actor, 'case.note.add', caseId, { note: id });
  });
  return { id };
}

/** The notes of a case the caller may open (read without a separate audit: the caller records it). */
export async function notesOf(deps: Deps, agencyId: string, caseId: string, key: Buffer) {
  const rows = await repo.notesOf(deps.kysely, caseId);
  const author = await accountNames(
    deps,
    agencyId,
    rows.map((row) => row.authorAccountId),
  );
  return rows.map((row) => ({
    id: row.id,
    text: openNote(key, caseId, row.id, row.sealed),
    author: author(row.authorAccountId),
    createdAt: new Date(row.createdAt).toISOString(),
  }));
}

export async function listNotes(deps: Deps, actor: AccountActor, caseId: string) {
  await access(deps, actor, caseId);
  const notes = await notesOf(deps, actor.agencyId, caseId, await caseKey(deps, actor.agencyId, caseId));
  await audit(deps, actor, 'case.note.list', caseId, { count: notes.length });
  return notes;
}

/** A document kept with a case: checked like the library's files, its name and bytes sealed with the case's key. */
export async function addDocument(
  deps: Deps,
  actor: AccountActor,
  caseId: string,
  upload: { name: string; mediaType: string; content: Buffer },
) {
  authorize(actor, 'case.write', actor.agencyId);
  await access(deps, actor, caseId);
  const checked = checkUpload(upload, deps.config.HARBOUR_CASE_DOCUMENT_MAX_MB * 2 ** 20);
  const key = await caseKey(deps, actor.agencyId, caseId);
  const id = crypto.randomUUID();
  const { sealedMeta, sealedBody } = sealDocument(key, caseId, id, checked, upload.content);
  await unitOfWork(deps, async (tx) => {
    await repo.insertDocument(tx.kysely, {
      id,
      caseId,
      authorAccountId: actor.accountId,
      sealedMeta,
      sealedBody,
      sizeBytes: upload.content.length,
      createdAt: deps.now(),
    });
    await audit(tx, actor, 'case.document.add', caseId, { document: id, bytes: upload.content.length });
  });
  return { id, ...checked, sizeBytes: upload.content.length };
}

export async function documentsOf(deps: Deps, agencyId: string, caseId: string, key: Buffer) {
  const rows = await repo.documentsOf(deps.kysely, caseId);
  const author = await accountNames(
    deps,
    agencyId,
    rows.map((row) => row.authorAccountId),
  );
  return rows.map((row) => {
    const meta = openDocumentMeta(key, caseId, row.id, row.sealedMeta);
    return {
      id: row.id,
      ...meta,
      sizeBytes: row.sizeBytes,
      author: author(row.authorAccountId),
      createdAt: new Date(row.createdAt).toISOString(),
    };
  });
}

export async function listDocuments(deps: Deps, actor: AccountActor, caseId: string) {
  await access(deps, actor, caseId);
  const documents = await documentsOf(deps, actor.agencyId, caseId, await caseKey(deps, actor.agencyId, caseId));
  await audit(deps, actor, 'case.document.list', caseId, { count: documents.length });
  return documents;
}

export async function readDocument(deps: Deps, actor: AccountActor, caseId: string, documentId: string) {
  await access(deps, actor, caseId);
  const row = await repo.findDocument(deps.kysely, caseId, documentId);
  if (!row) throw new AppError('not_found', `no document ${documentId} in this case`);
  const key = await caseKey(deps, actor.agencyId, caseId);
  const meta = openDocumentMeta(key, caseId, row.id, row.sealedMeta);
  const content = openDocumentBody(key, caseId, row.id, row.sealedBody);
  await audit(deps, actor, 'case.document.read', caseId, { document: documentId });
  return { ...meta, content };
}
