import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDocument, addNote, documentUrl, documents as loadDocuments, notes as loadNotes } from '../api/cases';
import { failureText } from '../api/client';
import { useLoad } from '../api/useLoad';
import { Alert } from '../components/Layout';

const when = (at: string, lang: string) => new Date(at).toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA');

/** The case's notes (added, never edited) and documents, both sealed with the case's key on the server. */
export function CaseRecords({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const records = useLoad(async () => {
    const [notes, documents] = await Promise.all([loadNotes(caseId), loadDocuments(caseId)]);
    return { notes, documents };
  }, [caseId]);
  const { notes, documents } = records.data ?? { notes: [], documents: [] };
  const [text, setText] = useState('');
  const [file, setFile] = useState<File>();
  const [message, setMessage] = useState<{ error?: string; saved?: string }>({});

  async function run(action: () => Promise<unknown>, saved: string) {
    setMessage({});
    try {
      await action();
      await records.reload();
      setMessage({ saved });
    } catch (caught) {
      setMessage({ error: failureText(caught) });
    }
  }

  return (
    <section aria-labelledby="records-title">
      <h2 id="records-title">{t('caseRecords.title')}</h2>
      <div aria-live="polite">{message.saved && <p className="notice">{message.saved}</p>}</div>
      <Alert message={message.error ?? records.error} />
      <h3>{t('caseRecords.notes')}</h3>
      {notes.length === 0 ? (
        <p>{t('caseRecords.noNotes')}</p>
      ) : (
        <ul className="cards">
          {notes.map((note) => (
            <li key={note.id} className="card">
              <p className="muted">{t('caseRecords.by', { name: note.author.displayName, at: when(note.createdAt, i18n.language) })}</p>
              <p className="note-text">{note.text}</p>
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            await addNote(caseId, text);
            setText('');
          }, t('caseRecords.noteAdded'));
        }}
      >
        <div className="field">
          <label htmlFor="note-text">{t('caseRecords.newNote')}</label>
          <textarea id="note-text" rows={4} value={text} onChange={(event) => setText(event.target.value)} />
        </div>
        <p className="muted">{t('caseRecords.notesKept')}</p>
        <button type="submit">{t('caseRecords.addNote')}</button>
      </form>

      <h3>{t('caseRecords.documents')}</h3>
      {documents.length === 0 ? (
        <p>{t('caseRecords.noDocuments')}</p>
      ) : (
        <ul>
          {documents.map((document) => (
            <li key={document.id}>
              <a href={documentUrl(caseId, document.id)} download={document.name}>
                {document.name}
              </a>{' '}
              ({Math.max(1, Math.round(document.sizeBytes / 1024))} KB) —{' '}
              {t('caseRecords.by', { name: document.author.displayName, at: when(document.createdAt, i18n.language) })}
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!file) return setMessage({ error: t('caseRecords.chooseFile') });
          void run(() => addDocument(caseId, file), t('caseRecords.documentAdded', { name: file.name }));
        }}
      >
        <div className="field">
          <label htmlFor="document-file">{t('caseRecords.newDocument')}</label>
          <input id="document-file" type="file" onChange={(event) => setFile(event.target.files?.[0])} />
        </div>
        <button type="submit">{t('caseRecords.addDocument')}</button>
      </form>
    </section>
  );
}
