import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import vocabulary from '../../../data/cases/vocabulary.json';
import { listCases, calendar as loadCalendar, openCase } from '../api/cases';
import { failureText } from '../api/client';
import { useLoad } from '../api/useLoad';
import { checkbox } from '../components/Fields';
import { Alert, Layout } from '../components/Layout';
import { languages } from '../directory/taxonomy';

const situations = vocabulary.immigrationSituations;

export const longDate = (iso: string, lang: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString(lang === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'long', timeZone: 'UTC' });

/** The agency's cases the worker may open, a search by name, and the coming deadlines. */
export function Cases() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const [name, setName] = useState('');
  const [searched, setSearched] = useState('');
  const cases = useLoad(() => listCases(searched || undefined), [searched]).data;
  const calendar = useLoad(() => loadCalendar(60), []).data;

  return (
    <Layout>
      <h1>{t('cases.title')}</h1>
      <p>
        <Link to="/staff">{t('editor.back')}</Link> · <Link to="/staff/cases/new">{t('cases.new')}</Link>
      </p>
      <section aria-labelledby="calendar-title">
        <h2 id="calendar-title">{t('cases.calendar')}</h2>
        <p>
          <Link to="/staff/calendar">{t('calendar.open')}</Link>
        </p>
        {calendar && calendar.length === 0 && <p>{t('cases.noDeadlines')}</p>}
        <ol className="results">
          {calendar?.map((entry) => (
            <li key={`${entry.caseId}-${entry.kind}-${entry.due}-${entry.what.en}`} className="card">
              <p>
                <strong>{longDate(entry.due, lang)}</strong> — {entry.what[lang]}
              </p>
              <p>
                <Link to={`/staff/cases/${entry.caseId}`}>{entry.name}</Link>
                {!entry.confirmed && ` · ${t('cases.unconfirmed')}`}
              </p>
              {entry.source && <p className="muted">{t('cases.source', { source: entry.source })}</p>}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="cases-list">
        <h2 id="cases-list">{t('cases.list')}</h2>
        <search>
          <form
            className="directory-search"
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              setSearched(name.trim());
            }}
          >
            <div className="field wide">
              <label htmlFor="cases-name">{t('cases.findByName')}</label>
              <input id="cases-name" type="search" autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />
            </div>
            <button type="submit">{t('cases.find')}</button>
          </form>
        </search>
        {cases && cases.length === 0 && <p>{t('cases.none')}</p>}
        <ul className="cards">
          {cases?.map((c) => (
            <li key={c.id} className="card">
              <h3>
                <Link to={`/staff/cases/${c.id}`}>{c.name}</Link>
              </h3>
              <p className="muted">
                {t('cases.coordinator', { name: c.coordinator.displayName })}
                {c.restricted && ` · ${t('cases.restricted')}`}
              </p>
              {c.withdrawalUndecided && <p className="notice">{t('withdrawal.undecided')}</p>}
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

/** Opening a case: who the person is, how to reach them safely, and whether the case is restricted. */
export function NewCase() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const navigate = useNavigate();
  const [form, setForm] = useState({
    name: '',
    aliases: '',
    dateOfBirth: '',
    safeContact: '',
    preferredLanguage: '',
    immigrationSituation: '',
    interpreterNeeded: false,
    restricted: false,
  });
  const [error, setError] = useState<string>();
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => setForm((current) => ({ ...current, [key]: value }));

  async function open(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    const names = [form.name, ...form.aliases.split(',')].map((n) => n.trim()).filter(Boolean);
    const person = {
      names,
      ...(form.dateOfBirth ? { dateOfBirth: form.dateOfBirth } : {}),
      ...(form.safeContact ? { safeContact: form.safeContact } : {}),
      ...(form.preferredLanguage ? { preferredLanguage: form.preferredLanguage } : {}),
      ...(form.immigrationSituation ? { immigrationSituation: form.immigrationSituation } : {}),
      interpreterNeeded: form.interpreterNeeded,
    };
    try {
      const { id } = await openCase({ person, restricted: form.restricted });
      navigate(`/staff/cases/${id}`, { replace: true });
    } catch (caught) {
      setError(failureText(caught));
    }
  }

  const text = (key: 'name' | 'aliases' | 'safeContact', required = false) => (
    <div className="field">
      <label htmlFor={`case-${key}`}>{t(`cases.fields.${key}`)}</label>
      <input
        id={`case-${key}`}
        autoComplete="off"
        required={required}
        value={form[key]}
        onChange={(event) => set(key, event.target.value)}
      />
    </div>
  );

  return (
    <Layout>
      <h1>{t('cases.new')}</h1>
      <p>
        <Link to="/staff/cases">{t('cases.back')}</Link>
      </p>
      <p className="notice">{t('cases.sealedNotice')}</p>
      <Alert message={error} />
      <form onSubmit={(event) => void open(event)}>
        {text('name', true)}
        {text('aliases')}
        <div className="field">
          <label htmlFor="case-dateOfBirth">{t('cases.fields.dateOfBirth')}</label>
          <input id="case-dateOfBirth" type="date" value={form.dateOfBirth} onChange={(event) => set('dateOfBirth', event.target.value)} />
        </div>
        {text('safeContact')}
        <div className="field">
          <label htmlFor="case-preferredLanguage">{t('cases.fields.preferredLanguage')}</label>
          <select
            id="case-preferredLanguage"
            value={form.preferredLanguage}
            onChange={(event) => set('preferredLanguage', event.target.value)}
          >
            <option value="">—</option>
            {languages.map((language) => (
              <option key={language.id} value={language.id}>
                {language[lang]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="case-immigrationSituation">{t('cases.fields.immigrationSituation')}</label>
          <select
            id="case-immigrationSituation"
            value={form.immigrationSituation}
            onChange={(event) => set('immigrationSituation', event.target.value)}
          >
            <option value="">—</option>
            {situations.map((s) => (
              <option key={s} value={s}>
                {t(`cases.situations.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {(['interpreterNeeded', 'restricted'] as const).map((key) =>
          checkbox(`case-${key}`, t(`cases.fields.${key}`), form[key], (checked) => set(key, checked)),
        )}
        <button type="submit">{t('cases.open')}</button>
      </form>
    </Layout>
  );
}
