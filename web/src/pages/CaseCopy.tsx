import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type CaseCopy as Copy, caseCopy } from '../api/cases';
import { useLoad } from '../api/useLoad';
import { Alert, Layout } from '../components/Layout';
import { languages, termName } from '../directory/taxonomy';
import { longDate } from './Cases';

type Lang = 'en' | 'fr';
type Text = string | undefined;

/**
 * The person's copy of their record: everything the case holds, in English and in French one
 * after the other, ready to print. Opening it is audited on the server like any reading.
 */
export function CaseCopy() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const { data: copy, error } = useLoad(() => caseCopy(id ?? ''), [id], 'cases.notFound');
  const first: Lang = i18n.language === 'fr' ? 'fr' : 'en';

  return (
    <Layout>
      <h1>{copy ? t('copy.title', { name: copy.name }) : t('copy.title', { name: '' })}</h1>
      <p className="copy-actions">
        <Link to={`/staff/cases/${id}`}>{t('copy.back')}</Link>{' '}
        <button type="button" onClick={() => window.print()} disabled={!copy}>
          {t('copy.print')}
        </button>
      </p>
      <Alert message={error} />
      {copy &&
        [first, first === 'en' ? 'fr' : 'en'].map((lang) => <CopyIn key={lang} copy={copy} lang={lang as Lang} t={i18n.getFixedT(lang)} />)}
    </Layout>
  );
}

function Facts({ rows, t }: { rows: Array<[string, ReactNode]>; t: TFunction }) {
  const given = rows.filter(([, value]) => value !== undefined && value !== '' && value !== null);
  if (given.length === 0) return <p>{t('copy.none')}</p>;
  return (
    <dl>
      {given.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function CopyIn({ copy, lang, t }: { copy: Copy; lang: Lang; t: TFunction }) {
  const { person, situation, safetyPlan, services, consents } = copy.content;
  const date = (iso: Text) => (iso ? longDate(iso.slice(0, 10), lang) : undefined);
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const list = <T,>(items: T[], render: (item: T, index: number) => ReactNode) =>
    items.length === 0 ? <p>{t('copy.none')}</p> : <ul>{items.map(render)}</ul>;
  const plan = Object.entries(safetyPlan).flatMap(([heading, section]) =>
    section && (section.goal || section.actions.length > 0) ? [[heading, section] as const] : [],
  );

  return (
    <section className="copy-language" lang={lang} aria-labelledby={`copy-${lang}`}>
      <h2 id={`copy-${lang}`}>{t('copy.language')}</h2>
      <p>{t('copy.intro', { agency: copy.agency, at: date(copy.madeAt) })}</p>
      <h3>{t('copy.person')}</h3>
      <Facts
        t={t}
        rows={[
          [t('copy.names'), person.names.join(', ')],
          [t('copy.dateOfBirth'), date(text(person.dateOfBirth))],
          [t('copy.contact'), text(person.contact)],
          [t('copy.safeContact'), text(person.safeContact)],
          // Named in words, in the part's own language: "Spanish" / "espagnol", never "es".
          [t('copy.preferredLanguage'), person.preferredLanguage ? termName(languages, String(person.preferredLanguage), lang) : undefined],
          [
            t('copy.interpreterNeeded'),
            person.interpreterNeeded === undefined ? undefined : t(person.interpreterNeeded ? 'copy.yes' : 'copy.no'),
          ],
          [t('copy.citizenship'), text(person.citizenship)],
          [t('copy.immigrationSituation'), person.immigrationSituation ? t(`cases.situations.${person.immigrationSituation}`) : undefined],
          [t('copy.family'), text(person.family)],
        ]}
      />
      <h3>{t('copy.situation')}</h3>
      <Facts
        t={t}
        rows={[
          [t('copy.exploitation'), situation.exploitation?.map((form) => t(`cases.about.forms.${form}`)).join(', ')],
          [t('copy.sector'), situation.sector ? t(`cases.about.values.${situation.sector}`) : undefined],
          [t('copy.cameThrough'), situation.cameThrough ? t(`cases.about.values.${situation.cameThrough}`) : undefined],
          [t('copy.coordinator'), copy.coordinator.displayName],
          [
            t('copy.status'),
            copy.status === 'closed' ? t(`caseLifecycle.reasons.${copy.closedReason ?? 'other'}`) : t('cases.states.open'),
          ],
        ]}
      />
      <h3>{t('copy.plan')}</h3>
      {plan.length === 0 && <p>{t('copy.none')}</p>}
      {plan.map(([heading, section]) => (
        <div key={heading}>
          <h4>{t(`cases.headings.${heading}`)}</h4>
          {section.goal && <p>{section.goal}</p>}
          {list(section.actions, (action, index) => (
            <li key={index}>
              {action.what}
              {action.due && ` — ${date(action.due)}`} — {t(`cases.progressValues.${action.progress}`)}
            </li>
          ))}
        </div>
      ))}
      <h3>{t('copy.services')}</h3>
      {list(services, (service, index) => (
        <li key={index}>
          {date(service.on)} — {t(`cases.headings.${service.heading}`)}: {service.what} (
          {service.provider ?? t(`services.by.${service.by}`)})
        </li>
      ))}
      <h3>{t('copy.consents')}</h3>
      {list(consents, (consent, index) => (
        <li key={index}>
          {consent.what} — {consent.purpose}: {t('consents.givenOn')} {date(consent.givenOn)}
          {consent.until && `, ${t('consents.until')} ${date(consent.until)}`}
          {consent.withdrawnOn && `, ${t('consents.withdrawnOn')} ${date(consent.withdrawnOn)}`}
        </li>
      ))}
      <h3>{t('copy.pathways')}</h3>
      {list(copy.pathways.pathways, (p) => (
        <li key={p.pathway}>
          {t(`cases.pathwayNames.${p.pathway}`)}: {t(`cases.states.${p.state}`)}
          {p.from && ` ${date(p.from)}`}
        </li>
      ))}
      <h3>{t('copy.notes')}</h3>
      {list(copy.notes, (note) => (
        <li key={note.id}>
          <p className="muted">{t('caseRecords.by', { name: note.author.displayName, at: date(note.createdAt) })}</p>
          <p className="note-text">{note.text}</p>
        </li>
      ))}
      <h3>{t('copy.documents')}</h3>
      {list(copy.documents, (document) => (
        <li key={document.id}>
          {document.name} ({date(document.createdAt)})
        </li>
      ))}
    </section>
  );
}
