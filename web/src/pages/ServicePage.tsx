import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { failureText } from '../api/client';
import { getService, reportListing, type ServiceResult } from '../api/directory';
import { useLoad } from '../api/useLoad';
import { Alert, PublicLayout } from '../components/Layout';
import { ServiceBadges } from '../directory/ResultList';
import { ServiceContact } from '../directory/ServiceContact';
import { categories, languages, populations, termName } from '../directory/taxonomy';
import { longDay } from '../i18n';

const dayKeys = ['1', '2', '3', '4', '5', '6', '7'] as const;

function Hours({ hours }: { hours: NonNullable<ServiceResult['hours']> }) {
  const { t } = useTranslation();
  if (hours.alwaysOpen) return <p>{t('service.alwaysOpen')}</p>;
  const weekly = hours.weekly ?? {};
  return (
    <table className="hours">
      <caption className="muted">{t('service.timezone', { zone: hours.timezone ?? '' })}</caption>
      <tbody>
        {dayKeys.map((day) => (
          <tr key={day}>
            <th scope="row">{t(`editor.days.${day}`)}</th>
            <td>{weekly[day]?.map(([opens, closes]) => `${opens}–${closes}`).join(', ') || t('service.closed')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Tell the network a listing is wrong, without an account, right on the listing. */
function ReportProblem({ id }: { id: string }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const [state, setState] = useState<{ sent?: boolean; error?: string }>({});
  async function send(event: FormEvent) {
    event.preventDefault();
    setState({});
    try {
      await reportListing(id, message);
      setMessage('');
      setState({ sent: true });
    } catch (caught) {
      setState({ error: failureText(caught) });
    }
  }
  return (
    <details className="report no-print">
      <summary>{t('service.report')}</summary>
      <form onSubmit={(event) => void send(event)}>
        <div className="field">
          <label htmlFor="report-message">{t('service.reportWhat')}</label>
          <textarea
            id="report-message"
            rows={3}
            required
            minLength={5}
            value={message}
            onChange={(event) => setMessage(event.target.value)}
          />
        </div>
        <p className="muted">{t('service.reportPrivate')}</p>
        <Alert message={state.error} />
        <div aria-live="polite">{state.sent && <p className="notice">{t('service.reportSent')}</p>}</div>
        <button type="submit">{t('service.reportSend')}</button>
      </form>
    </details>
  );
}

/**
 * One service, everything needed to reach it, printable. The address names the service by an
 * opaque id only and the page title stays "Harbour", so a browser's history names no service.
 */
export function ServicePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const id = useParams().id ?? '';
  const { data: service, error } = useLoad(() => getService(id), [id]);
  const list = (ids: string[], terms: Parameters<typeof termName>[0]) => ids.map((term) => termName(terms, term, lang)).join(', ');
  const date = (instant: string) => longDay(instant, lang);

  return (
    <PublicLayout>
      <p className="no-print">
        <Link to="/directory">{t('service.back')}</Link>
      </p>
      {!service ? (
        error ? (
          <>
            <h1>{t('service.notFoundTitle')}</h1>
            <p>{t('service.notFound')}</p>
          </>
        ) : (
          <p role="status">{t('app.loading')}</p>
        )
      ) : (
        <article>
          <h1>{service.name[lang]}</h1>
          <p>
            <strong>{service.organization.name}</strong>
            {service.organization.isSample && <span className="tag"> {t('directory.sample')}</span>}
          </p>
          {service.description[lang] && <p className="lead">{service.description[lang]}</p>}
          <ServiceBadges service={service} />
          <ServiceContact service={service} />
          <section aria-labelledby="details-title">
            <h2 id="details-title">{t('service.details')}</h2>
            <dl className="details">
              <dt>{t('service.kinds')}</dt>
              <dd>{list(service.categories, categories)}</dd>
              {service.populations.length > 0 && (
                <>
                  <dt>{t('service.forWhom')}</dt>
                  <dd>{list(service.populations, populations)}</dd>
                </>
              )}
              {service.languages.length > 0 && (
                <>
                  <dt>{t('service.languages')}</dt>
                  <dd>{list(service.languages, languages)}</dd>
                </>
              )}
              {service.location && (
                <>
                  <dt>{t('service.where')}</dt>
                  <dd>{`${service.location.city}, ${t(`directory.provinces.${service.location.province}`)}`}</dd>
                </>
              )}
              {service.areaProvinces.length > 0 && (
                <>
                  <dt>{t('service.area')}</dt>
                  <dd>{service.areaProvinces.map((code) => t(`directory.provinces.${code}`)).join(', ')}</dd>
                </>
              )}
              {(['eligibility', 'fees', 'accessibility'] as const).map((key) =>
                service[key] ? (
                  <div key={key}>
                    <dt>{t(`service.${key}`)}</dt>
                    <dd>{service[key]}</dd>
                  </div>
                ) : null,
              )}
              {service.capacity && (
                <>
                  <dt>{t('service.capacity')}</dt>
                  <dd>{t('directory.beds', { count: service.capacity.beds, date: date(service.capacity.updatedAt) })}</dd>
                </>
              )}
              <dt>{t('service.verified')}</dt>
              <dd>{date(service.lastVerifiedAt)}</dd>
            </dl>
          </section>
          {service.hours && (
            <section aria-labelledby="hours-title">
              <h2 id="hours-title">{t('service.hours')}</h2>
              <Hours hours={service.hours} />
            </section>
          )}
          <p className="no-print">
            <button type="button" className="secondary" onClick={() => window.print()}>
              {t('service.print')}
            </button>
          </p>
          <ReportProblem id={service.id} />
        </article>
      )}
    </PublicLayout>
  );
}
