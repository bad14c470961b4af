import { type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type CalendarEntry, calendar as loadCalendar } from '../api/cases';
import { useLoad } from '../api/useLoad';
import { CalendarFeed } from '../cases/CalendarFeed';
import { MonthGrid } from '../cases/MonthGrid';
import { Layout } from '../components/Layout';
import { longDate } from './Cases';

type View = 'agenda' | 'month';

/** Months as 'YYYY-MM', counted in UTC so no time zone moves a day into the next month. */
const monthOf = (iso: string) => iso.slice(0, 7);
const shiftMonth = (month: string, by: number) => {
  const date = new Date(`${month}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + by);
  return date.toISOString().slice(0, 7);
};
const daysIn = (month: string) => {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, number, 0)).getUTCDate();
};

/**
 * The deadlines of the cases the worker may open, a month at a time: as an agenda (the days
 * that have something, in order) or as a month grid. Page Up and Page Down change the month;
 * the view and the month are in the address, so Back returns to them.
 */
export function Calendar() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const today = new Date().toISOString().slice(0, 10);
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? (params.get('month') as string) : monthOf(today);
  const view: View = params.get('view') === 'month' ? 'month' : 'agenda';
  const go = (next: { month?: string; view?: View }) => setParams({ month: next.month ?? month, view: next.view ?? view });
  const { data: entries, loading } = useLoad(() => loadCalendar(daysIn(month), `${month}-01`), [month]);
  const [announce, setAnnounce] = useState('');
  const monthName = new Date(`${month}-15T12:00:00Z`).toLocaleDateString(lang === 'fr' ? 'fr-CA' : 'en-CA', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

  const move = (by: number) => {
    const next = shiftMonth(month, by);
    go({ month: next });
    setAnnounce(next);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'PageUp' || event.key === 'PageDown') {
      event.preventDefault();
      move(event.key === 'PageUp' ? -1 : 1);
    }
  };
  const byDay = new Map<string, CalendarEntry[]>();
  for (const entry of entries ?? []) byDay.set(entry.due, [...(byDay.get(entry.due) ?? []), entry]);

  return (
    <Layout>
      <h1>{t('calendar.title')}</h1>
      <p>
        <Link to="/staff">{t('editor.back')}</Link> · <Link to="/staff/cases">{t('cases.title')}</Link>
      </p>
      <section aria-labelledby="calendar-month" onKeyDown={onKeyDown}>
        <fieldset className="actions">
          <legend>{t('calendar.viewLabel')}</legend>
          {(['agenda', 'month'] as const).map((choice) => (
            <button
              key={choice}
              type="button"
              className={choice === view ? undefined : 'secondary'}
              aria-pressed={choice === view}
              onClick={() => go({ view: choice })}
            >
              {t(`calendar.views.${choice}`)}
            </button>
          ))}
        </fieldset>
        <div className="actions">
          <button type="button" className="secondary" onClick={() => move(-1)}>
            {t('calendar.previous')}
          </button>
          <button type="button" className="secondary" onClick={() => go({ month: monthOf(today) })}>
            {t('calendar.thisMonth')}
          </button>
          <button type="button" className="secondary" onClick={() => move(1)}>
            {t('calendar.next')}
          </button>
        </div>
        <h2 id="calendar-month">{monthName}</h2>
        <p className="muted">{t('calendar.keys')}</p>
        <div aria-live="polite" className="visually-hidden">
          {announce && monthName}
        </div>
        {entries && view === 'month' && <MonthGrid month={month} today={today} byDay={byDay} caption={monthName} />}
        {entries && view === 'agenda' && (
          <>
            {byDay.size === 0 && <p>{t('calendar.none')}</p>}
            {[...byDay.entries()].map(([day, due]) => (
              <section key={day} aria-labelledby={`agenda-${day}`}>
                <h3 id={`agenda-${day}`} aria-current={day === today ? 'date' : undefined}>
                  {longDate(day, lang)}
                </h3>
                <ul>
                  {due.map((entry) => (
                    <li key={`${entry.caseId}-${entry.kind}-${entry.what.en}`}>
                      <Link to={`/staff/cases/${entry.caseId}`}>{entry.name}</Link> — {entry.what[lang]}
                      {entry.source && <span className="muted"> ({entry.source})</span>}
                      {!entry.confirmed && ` · ${t('cases.unconfirmed')}`}
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </>
        )}
        {loading && !entries && <p role="status">{t('app.loading')}</p>}
      </section>
      <CalendarFeed />
    </Layout>
  );
}
