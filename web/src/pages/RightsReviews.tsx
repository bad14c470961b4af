import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { failureText } from '../api/client';
import { type PageState, recordReview, reviewStates } from '../api/rights';
import { useLoad } from '../api/useLoad';
import { field } from '../components/Fields';
import { Alert, Layout } from '../components/Layout';

/**
 * For network admins: where each translation of the rights pages stands, and the record that a
 * native speaker checked one — which counts for its current text only.
 */
export function RightsReviews() {
  const { t } = useTranslation();
  const { data: states, reload } = useLoad(reviewStates, []);
  const translations = (states ?? []).filter((state) => state.state !== 'original');
  const languages = [...new Map(translations.map((state) => [state.language, state.autonym])).entries()];
  const [form, setForm] = useState({ language: '', topic: '', reviewer: '', reviewedOn: new Date().toISOString().slice(0, 10) });
  const [message, setMessage] = useState<{ error?: string; saved?: string }>({});
  const language = form.language || languages[0]?.[0] || '';
  const topics = translations.filter((state) => state.language === language);
  const topic = form.topic || topics[0]?.topic || '';

  const labelled = (id: keyof typeof form, control: ReactNode) => field(`review-${id}`, t(`rightsReviews.fields.${id}`), control);
  const stateText = (state: PageState) =>
    state.state === 'reviewed'
      ? t('rightsReviews.states.reviewed', { reviewer: state.reviewer, date: state.reviewedOn })
      : t(`rightsReviews.states.${state.state}`);

  return (
    <Layout>
      <h1>{t('rightsReviews.title')}</h1>
      <p>
        <Link to="/staff">{t('editor.back')}</Link> · <a href="/rights">{t('rightsReviews.open')}</a>
      </p>
      <p>{t('rightsReviews.explain')}</p>
      <div aria-live="polite">{message.saved && <p className="notice">{message.saved}</p>}</div>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setMessage({});
          recordReview({ ...form, language, topic }).then(
            async () => {
              await reload();
              setMessage({ saved: t('rightsReviews.saved') });
            },
            (caught) => setMessage({ error: failureText(caught) }),
          );
        }}
      >
        <h2>{t('rightsReviews.record')}</h2>
        {labelled(
          'language',
          <select id="review-language" value={language} onChange={(event) => setForm({ ...form, language: event.target.value, topic: '' })}>
            {languages.map(([code, autonym]) => (
              <option key={code} value={code} lang={code}>
                {autonym}
              </option>
            ))}
          </select>,
        )}
        {labelled(
          'topic',
          <select id="review-topic" value={topic} onChange={(event) => setForm({ ...form, topic: event.target.value })}>
            {topics.map((state) => (
              <option key={state.topic} value={state.topic}>
                {state.title}
              </option>
            ))}
          </select>,
        )}
        {labelled(
          'reviewer',
          <input id="review-reviewer" value={form.reviewer} onChange={(event) => setForm({ ...form, reviewer: event.target.value })} />,
        )}
        {labelled(
          'reviewedOn',
          <input
            id="review-reviewedOn"
            type="date"
            value={form.reviewedOn}
            onChange={(event) => setForm({ ...form, reviewedOn: event.target.value })}
          />,
        )}
        <Alert message={message.error} />
        <button type="submit">{t('rightsReviews.submit')}</button>
      </form>
      <h2>{t('rightsReviews.list')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('rightsReviews.fields.language')}</th>
            <th scope="col">{t('rightsReviews.fields.topic')}</th>
            <th scope="col">{t('rightsReviews.state')}</th>
          </tr>
        </thead>
        <tbody>
          {translations.map((state) => (
            <tr key={`${state.language}/${state.topic}`}>
              <td lang={state.language}>{state.autonym}</td>
              <td lang={state.language}>
                <a href={`/rights/${state.language}/${state.topic}`}>{state.title}</a>
              </td>
              <td>{stateText(state)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
