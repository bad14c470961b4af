import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { failureText } from '../api/client';
import {
  addDocument,
  type GroupDetail,
  records as loadRecords,
  type GroupRecords as Records,
  recordDecision,
  removeDocument,
} from '../api/groups';
import { type Resource, searchLibrary } from '../api/library';
import { useLoad } from '../api/useLoad';
import { field } from '../components/Fields';
import { Alert } from '../components/Layout';
import { longDay } from '../i18n';

/** A group's documents (tools of the library) and decisions; its coordinators add to them here. */
export function GroupRecords({ group }: { group: GroupDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const loaded = useLoad(() => loadRecords(group.id), [group.id]);
  const [changed, setChanged] = useState<Records>();
  const [failure, setFailure] = useState<string>();
  const [words, setWords] = useState('');
  const [found, setFound] = useState<Resource[]>();
  const [decision, setDecision] = useState({ text: '', decidedOn: new Date().toISOString().slice(0, 10), meetingId: '' });
  const shown = changed ?? loaded.data;
  const act = (work: Promise<Records>) =>
    work.then(
      (next) => {
        setChanged(next);
        setFailure(undefined);
      },
      (caught) => setFailure(failureText(caught)),
    );
  const find = (event: FormEvent) => {
    event.preventDefault();
    searchLibrary({ q: words, page: 1, pageSize: 10 }).then(
      (page) => setFound(page.results),
      (caught) => setFailure(failureText(caught)),
    );
  };
  const decide = (event: FormEvent) => {
    event.preventDefault();
    act(recordDecision(group.id, { text: decision.text, decidedOn: decision.decidedOn, meetingId: decision.meetingId || undefined })).then(
      () => setDecision({ ...decision, text: '' }),
    );
  };
  return (
    <>
      <section aria-labelledby="documents-title">
        <h2 id="documents-title">{t('groupRecords.documents')}</h2>
        <Alert message={loaded.error ?? failure} />
        {shown?.documents.length === 0 && <p>{t('groupRecords.noDocuments')}</p>}
        <ul>
          {shown?.documents.map((d) => (
            <li key={d.id}>
              {d.url ? <a href={d.url}>{lang === 'fr' ? d.titleFr : d.titleEn}</a> : lang === 'fr' ? d.titleFr : d.titleEn}
              {group.mayLead && (
                <button type="button" className="secondary" onClick={() => act(removeDocument(group.id, d.id))}>
                  {t('groupRecords.remove', { title: lang === 'fr' ? d.titleFr : d.titleEn })}
                </button>
              )}
            </li>
          ))}
        </ul>
        {group.mayLead && (
          <form onSubmit={find}>
            {field(
              'document-find',
              t('groupRecords.find'),
              <input id="document-find" value={words} onChange={(e) => setWords(e.target.value)} />,
            )}
            <button type="submit" className="secondary">
              {t('groupRecords.search')}
            </button>
            <ul>
              {found?.map((r) => (
                <li key={r.id}>
                  {r.title[lang]}{' '}
                  <button type="button" className="secondary" onClick={() => act(addDocument(group.id, r.id))}>
                    {t('groupRecords.add', { title: r.title[lang] })}
                  </button>
                </li>
              ))}
            </ul>
          </form>
        )}
      </section>
      <section aria-labelledby="decisions-title">
        <h2 id="decisions-title">{t('groupRecords.decisions')}</h2>
        {shown?.decisions.length === 0 && <p>{t('groupRecords.noDecisions')}</p>}
        <ul className="cards">
          {shown?.decisions.map((d) => (
            <li key={d.id} className="card">
              <p className="note-text">{d.text}</p>
              <p className="muted">
                {longDay(`${d.decidedOn}T12:00:00Z`, i18n.language)}
                {d.meetingTitle && ` · ${d.meetingTitle}`}
              </p>
            </li>
          ))}
        </ul>
        {group.mayLead && (
          <form onSubmit={decide}>
            {field(
              'decision-text',
              t('groupRecords.decision'),
              <textarea
                id="decision-text"
                rows={3}
                required
                value={decision.text}
                onChange={(e) => setDecision({ ...decision, text: e.target.value })}
              />,
            )}
            {field(
              'decision-date',
              t('groupRecords.decidedOn'),
              <input
                id="decision-date"
                type="date"
                required
                value={decision.decidedOn}
                onChange={(e) => setDecision({ ...decision, decidedOn: e.target.value })}
              />,
            )}
            {field(
              'decision-meeting',
              t('groupRecords.meeting'),
              <select
                id="decision-meeting"
                value={decision.meetingId}
                onChange={(e) => setDecision({ ...decision, meetingId: e.target.value })}
              >
                <option value="">{t('groupRecords.noMeeting')}</option>
                {group.meetings.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.title}
                  </option>
                ))}
              </select>,
            )}
            <button type="submit">{t('groupRecords.record')}</button>
          </form>
        )}
      </section>
    </>
  );
}
