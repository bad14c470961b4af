import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { failureText } from '../api/client';
import { budget as loadBudget, publish } from '../api/statistics';
import { useLoad } from '../api/useLoad';
import { checkbox } from '../components/Fields';
import { Alert } from '../components/Layout';

/** For network admins: publish chosen charts of the pooled figures, with noise if asked, within the privacy budget. */
export function PublishForm({ filters, chartIds }: { filters: Record<string, string>; chartIds: string[] }) {
  const { t } = useTranslation();
  const [titleEn, setTitleEn] = useState('');
  const [titleFr, setTitleFr] = useState('');
  const [charts, setCharts] = useState<string[]>([]);
  const [epsilon, setEpsilon] = useState('');
  const { data: budget, reload: reloadBudget } = useLoad(loadBudget, []);
  const [message, setMessage] = useState<{ error?: string; done?: boolean }>({});

  return (
    <section aria-labelledby="publish-title">
      <h2 id="publish-title">{t('stats.publish.title')}</h2>
      {budget && <p className="muted">{t('stats.publish.budget', { spent: budget.spent, total: budget.total })}</p>}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setMessage({});
          const chosen = Object.fromEntries(Object.entries(filters).filter(([key, value]) => value && key !== 'scope'));
          const yearly = Object.fromEntries(
            Object.entries(chosen).map(([key, value]) => [key, key.startsWith('year') ? Number(value) : value]),
          );
          publish({
            titleEn,
            titleFr,
            charts,
            filters: yearly,
            ...(epsilon.trim() ? { epsilon: Number(epsilon) } : {}),
          }).then(
            () => {
              setMessage({ done: true });
              void reloadBudget();
            },
            (caught) => setMessage({ error: failureText(caught) }),
          );
        }}
      >
        <div className="field">
          <label htmlFor="release-title-en">{t('stats.publish.titleEn')}</label>
          <input id="release-title-en" value={titleEn} onChange={(event) => setTitleEn(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="release-title-fr">{t('stats.publish.titleFr')}</label>
          <input id="release-title-fr" value={titleFr} onChange={(event) => setTitleFr(event.target.value)} />
        </div>
        <fieldset>
          <legend>{t('stats.publish.charts')}</legend>
          {chartIds.map((id) =>
            checkbox(`release-chart-${id}`, t(`stats.charts.${id}`), charts.includes(id), (checked) =>
              setCharts(checked ? [...charts, id] : charts.filter((c) => c !== id)),
            ),
          )}
        </fieldset>
        <div className="field">
          <label htmlFor="release-epsilon">{t('stats.publish.epsilon')}</label>
          <input id="release-epsilon" inputMode="decimal" value={epsilon} onChange={(event) => setEpsilon(event.target.value)} />
        </div>
        <Alert message={message.error} />
        <div aria-live="polite">
          {message.done && (
            <p className="notice">
              {t('stats.publish.done')} <Link to="/statistics">{t('stats.published')}</Link>
            </p>
          )}
        </div>
        <button type="submit">{t('stats.publish.submit')}</button>
      </form>
    </section>
  );
}
