import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { failureText } from '../api/client';
import { budget as loadBudget, preview as loadPreview, publish, type ReleasePreview } from '../api/statistics';
import { useLoad } from '../api/useLoad';
import { checkbox } from '../components/Fields';
import { Alert } from '../components/Layout';
import { Chart } from './Chart';

/**
 * For network admins: publish chosen charts of the pooled figures, with noise if asked, within
 * the privacy budget — always previewed first, as the public will see them, and then confirmed.
 */
export function PublishForm({
  filters,
  chartIds,
  onPublished,
}: {
  filters: Record<string, string>;
  chartIds: string[];
  onPublished?: () => void;
}) {
  const { t } = useTranslation();
  const [titleEn, setTitleEn] = useState('');
  const [titleFr, setTitleFr] = useState('');
  const [charts, setCharts] = useState<string[]>([]);
  const [epsilon, setEpsilon] = useState('');
  const { data: budget, reload: reloadBudget } = useLoad(loadBudget, []);
  const [message, setMessage] = useState<{ error?: string; done?: boolean }>({});
  const [previewed, setPreviewed] = useState<{ body: string; preview: ReleasePreview }>();

  const chosen = Object.fromEntries(Object.entries(filters).filter(([key, value]) => value && key !== 'scope'));
  const body = {
    titleEn,
    titleFr,
    charts,
    filters: Object.fromEntries(Object.entries(chosen).map(([key, value]) => [key, key.startsWith('year') ? Number(value) : value])),
    ...(epsilon.trim() ? { epsilon: Number(epsilon) } : {}),
  };
  const current = previewed && previewed.body === JSON.stringify(body) ? previewed.preview : undefined;

  return (
    <section aria-labelledby="publish-title">
      <h2 id="publish-title">{t('stats.publish.title')}</h2>
      {budget && <p className="muted">{t('stats.publish.budget', { spent: budget.spent, total: budget.total })}</p>}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setMessage({});
          loadPreview(body).then(
            (preview) => setPreviewed({ body: JSON.stringify(body), preview }),
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
        <button type="submit">{t('stats.publish.preview')}</button>
      </form>

      <div aria-live="polite">
        {message.done && (
          <p className="notice">
            {t('stats.publish.done')} <Link to="/statistics">{t('stats.published')}</Link>
          </p>
        )}
        {previewed && !current && !message.done && <p className="muted">{t('stats.publish.changed')}</p>}
      </div>
      {current && (
        <section aria-labelledby="preview-title" className="preview">
          <h3 id="preview-title">{t('stats.publish.previewTitle')}</h3>
          {current.nothingToShow ? (
            <p className="error" role="alert">
              {t('stats.publish.nothingToShow')}
            </p>
          ) : (
            <>
              {current.epsilon !== null && <p className="notice">{t('stats.publish.previewNoise', { epsilon: current.epsilon })}</p>}
              {current.charts.map((chart) => (
                <Chart key={chart.id} chart={chart} level={4} />
              ))}
              {current.epsilon !== null && <p>{t('stats.publish.confirmSpend', { epsilon: current.epsilon })}</p>}
              <button
                type="button"
                onClick={() => {
                  setMessage({});
                  publish(body).then(
                    () => {
                      setMessage({ done: true });
                      setPreviewed(undefined);
                      void reloadBudget();
                      onPublished?.();
                    },
                    (caught) => setMessage({ error: failureText(caught) }),
                  );
                }}
              >
                {t('stats.publish.confirm')}
              </button>
            </>
          )}
        </section>
      )}
    </section>
  );
}
