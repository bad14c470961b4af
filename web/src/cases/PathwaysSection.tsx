import { useTranslation } from 'react-i18next';
import type { PathwayAssessment } from '../api/cases';
import { longDate } from '../pages/Cases';

/** What follows from the case's dates for each pathway: its state, the rules behind it and their sources. */
export function PathwaysSection({ assessment }: { assessment: PathwayAssessment }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  return (
    <section aria-labelledby="pathways-title">
      <h2 id="pathways-title">{t('cases.pathways')}</h2>
      <p className="muted">{t('cases.pathwaysAid')}</p>
      <ul className="cards">
        {assessment.pathways.map((p) => (
          <li key={p.pathway} className="card">
            <h3>{t(`cases.pathwayNames.${p.pathway}`)}</h3>
            <p>
              <strong>{t(`cases.states.${p.state}`)}</strong>
              {p.from && ` — ${longDate(p.from, lang)}`}
            </p>
            {p.notes.map((note) => (
              <p key={note.en}>{note[lang]}</p>
            ))}
            {p.rules.map((rule) => (
              <p key={rule.id} className="muted">
                {rule[lang]} ({rule.source}){!rule.confirmed && ` — ${t('cases.unconfirmed')}`}
              </p>
            ))}
          </li>
        ))}
      </ul>
      <h3 id="pathway-deadlines-title">{t('cases.pathwayDeadlines')}</h3>
      {assessment.notes.map((note) => (
        <p key={note.en} className="notice">
          {note[lang]}
        </p>
      ))}
      {assessment.deadlines.length === 0 ? (
        <p>{t('cases.noPathwayDeadlines')}</p>
      ) : (
        <ul aria-labelledby="pathway-deadlines-title">
          {assessment.deadlines.map((deadline) => (
            <li key={`${deadline.kind}-${deadline.due}`}>
              <strong>{longDate(deadline.due, lang)}</strong> — {t(`notifications.kinds.${deadline.kind}`)}{' '}
              <span className="muted">
                ({deadline.rule.source}){!deadline.rule.confirmed && ` — ${t('cases.unconfirmed')}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="muted">{t('cases.calendarDays')}</p>
    </section>
  );
}
