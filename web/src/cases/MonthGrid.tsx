import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CalendarEntry } from '../api/cases';

/** The weeks of a month, Sunday first, as ISO days; null stands for a day of the month before or after. */
function weeksOf(month: string): Array<Array<string | null>> {
  const first = new Date(`${month}-01T00:00:00Z`);
  const days = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  const cells: Array<string | null> = [
    ...Array<null>(first.getUTCDay()).fill(null),
    ...Array.from({ length: days }, (_, index) => `${month}-${String(index + 1).padStart(2, '0')}`),
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
}

/**
 * A month as a table: a column per weekday, a row per week, each day with the deadlines due on
 * it as links to their case. The table scrolls sideways on a narrow screen rather than the page.
 */
export function MonthGrid(props: { month: string; today: string; byDay: Map<string, CalendarEntry[]>; caption: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const locale = lang === 'fr' ? 'fr-CA' : 'en-CA';
  // 2026-11-01 was a Sunday: the week's names from it, short and long.
  const weekdays = Array.from({ length: 7 }, (_, index) => new Date(Date.UTC(2026, 10, 1 + index, 12)));
  const name = (date: Date, weekday: 'short' | 'long') => date.toLocaleDateString(locale, { weekday, timeZone: 'UTC' });
  return (
    // On a narrow screen the grid scrolls within this box, which keyboard users must be able to reach to scroll.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region needs the focus to be scrolled by keyboard
    <section className="month-scroll" tabIndex={0} aria-label={props.caption}>
      <table className="month">
        <caption className="visually-hidden">{t('calendar.gridCaption', { month: props.caption })}</caption>
        <thead>
          <tr>
            {weekdays.map((date) => (
              <th key={date.toISOString()} scope="col" abbr={name(date, 'long')}>
                {name(date, 'short')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeksOf(props.month).map((week) => (
            <tr key={week.find(Boolean) ?? 'blank'}>
              {week.map((day, index) => {
                // biome-ignore lint/suspicious/noArrayIndexKey: a blank day has no date; its place in the week is all it is
                if (!day) return <td key={`blank-${index}`} />;
                const due = props.byDay.get(day) ?? [];
                return (
                  <td key={day} aria-current={day === props.today ? 'date' : undefined} className={due.length > 0 ? 'busy' : undefined}>
                    <span className="day">{Number(day.slice(8))}</span>
                    {due.length > 0 && (
                      <ul>
                        {due.map((entry) => (
                          <li key={`${entry.caseId}-${entry.kind}-${entry.what.en}`}>
                            <Link to={`/staff/cases/${entry.caseId}`}>{entry.name}</Link>
                            <span className="muted"> — {entry.what[lang]}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
