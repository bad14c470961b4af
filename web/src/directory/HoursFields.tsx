import { useTranslation } from 'react-i18next';
import { checkbox } from '../components/Fields';
import { days, type Form, timezones } from './listingForm';

type Hours = Pick<Form, 'timezone' | 'alwaysOpen' | 'week'>;

/** Opening hours: a time zone, open around the clock, or one opening and closing time a day. */
export function HoursFields({ form, set }: { form: Hours; set: <K extends keyof Form>(key: K, value: Form[K]) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('editor.hours')}</legend>
      <div className="field">
        <label htmlFor="editor-timezone">{t('editor.timezone')}</label>
        <select id="editor-timezone" value={form.timezone} onChange={(event) => set('timezone', event.target.value)}>
          {timezones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </div>
      {checkbox('editor-alwaysOpen', t('editor.alwaysOpen'), form.alwaysOpen, (checked) => set('alwaysOpen', checked))}
      {!form.alwaysOpen &&
        days.map((day) => (
          <div className="hours-row" key={day}>
            <span id={`editor-day-${day}`}>{t(`editor.days.${day}`)}</span>
            {(['opens', 'closes'] as const).map((edge) => (
              <input
                key={edge}
                type="time"
                aria-label={`${t(`editor.days.${day}`)} — ${t(`editor.${edge}`)}`}
                value={form.week[day]?.[edge] ?? ''}
                onChange={(event) =>
                  set('week', {
                    ...form.week,
                    [day]: { ...(form.week[day] ?? { opens: '', closes: '' }), [edge]: event.target.value },
                  })
                }
              />
            ))}
          </div>
        ))}
    </fieldset>
  );
}
