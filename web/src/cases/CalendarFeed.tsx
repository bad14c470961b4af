import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { feedState, type MadeFeed, makeFeed, revokeFeed } from '../api/cases';
import { failureText } from '../api/client';
import { useLoad } from '../api/useLoad';
import { RadioGroup } from '../components/Fields';
import { Alert } from '../components/Layout';
import { longDay } from '../i18n';

/**
 * The worker's private calendar feed: what it holds (no name — "Deadline — case H-…"), a new
 * secret address shown once, and revoking it. Making a new address stops the old one.
 */
export function CalendarFeed() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const { data: state, reload } = useLoad(feedState, []);
  const [made, setMade] = useState<MadeFeed>();
  const [language, setLanguage] = useState<'en' | 'fr'>(lang);
  const [error, setError] = useState<string>();
  const [copied, setCopied] = useState(false);

  const act = async (step: () => Promise<unknown>) => {
    setError(undefined);
    setCopied(false);
    try {
      await step();
      await reload();
    } catch (caught) {
      setError(failureText(caught));
    }
  };

  return (
    <section aria-labelledby="feed-title">
      <h2 id="feed-title">{t('calendar.feed.title')}</h2>
      <p>{t('calendar.feed.explain')}</p>
      {state?.active && state.createdAt && (
        <p>
          {t('calendar.feed.active', { date: longDay(state.createdAt, lang), language: t(`calendar.feed.languages.${state.language}`) })}{' '}
          {state.lastReadAt ? t('calendar.feed.lastRead', { date: longDay(state.lastReadAt, lang) }) : t('calendar.feed.neverRead')}
        </p>
      )}
      {made && (
        <div className="confirm">
          <div className="field">
            <label htmlFor="feed-url">{t('calendar.feed.address')}</label>
            <input id="feed-url" readOnly value={made.url} onFocus={(event) => event.target.select()} />
          </div>
          <p>{t('calendar.feed.once')}</p>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              void navigator.clipboard?.writeText(made.url).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {t('calendar.feed.copy')}
          </button>
          <div aria-live="polite">{copied && <p className="notice">{t('calendar.feed.copied')}</p>}</div>
        </div>
      )}
      <RadioGroup
        name="feed"
        legend={t('calendar.feed.languageLegend')}
        options={(['en', 'fr'] as const).map((value) => ({ value, label: t(`calendar.feed.languages.${value}`) }))}
        value={language}
        onChange={setLanguage}
      />
      <Alert message={error} />
      <div className="actions">
        <button type="button" onClick={() => void act(async () => setMade(await makeFeed(language)))}>
          {t(state?.active ? 'calendar.feed.replace' : 'calendar.feed.make')}
        </button>
        {state?.active && (
          <button
            type="button"
            className="danger"
            onClick={() =>
              void act(async () => {
                await revokeFeed();
                setMade(undefined);
              })
            }
          >
            {t('calendar.feed.revoke')}
          </button>
        )}
      </div>
      {state && !state.active && !made && <p className="muted">{t('calendar.feed.none')}</p>}
    </section>
  );
}
