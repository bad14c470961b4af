import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { failureText } from '../api/client';
import { getReferral, moveReferral, withdrawConsent } from '../api/referrals';
import { useLoad } from '../api/useLoad';
import { Alert, Layout } from '../components/Layout';
import { languages, termName } from '../directory/taxonomy';
import { NextSteps, type Step } from '../referrals/NextSteps';

/** How a tap reaches the person on the channel the referral names. */
const linkScheme: Record<string, string> = { phone: 'tel', text: 'sms', email: 'mailto' };
/** One referral from the caller's side: what was shared, the timeline both sides see, and what can be done next. */
export function ReferralPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const id = useParams().id ?? '';
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();

  const { data: view, error: loadError, reload } = useLoad(() => getReferral(id), [id]);

  async function act(step: Step) {
    setError(undefined);
    setSaved(undefined);
    try {
      if (step === 'withdraw-consent') await withdrawConsent(id);
      else await moveReferral(id, step as Parameters<typeof moveReferral>[1]);
      await reload();
      setSaved(t(step === 'withdraw-consent' ? 'referrals.done.withdrawn' : `referrals.done.${step.state}`));
    } catch (caught) {
      setError(failureText(caught));
    }
  }
  const when = (iso: string) =>
    new Date(iso).toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium', timeStyle: 'short' });

  const status = (
    <>
      <div aria-live="polite">{saved && <p className="notice">{saved}</p>}</div>
      <Alert message={error ?? loadError} />
    </>
  );
  if (!view)
    return (
      <Layout>
        <h1>{t('referrals.one')}</h1>
        <p>
          <Link to="/staff/referrals">{t('referrals.back')}</Link>
        </p>
        {status}
      </Layout>
    );

  const { shared } = view;
  // Consent withdrawn: what was shared is gone from this side too; only the timeline and the next steps remain.
  if (!shared)
    return (
      <Layout>
        <h1>{t('referrals.noLongerShared')}</h1>
        <p>
          <Link to="/staff/referrals">{t('referrals.back')}</Link>
        </p>
        {status}
        <NextSteps view={view} act={act} />
      </Layout>
    );
  return (
    <Layout>
      <h1>{t('referrals.titleFor', { name: shared.person.name })}</h1>
      <p>
        <Link to="/staff/referrals">{t('referrals.back')}</Link>
      </p>
      <p>
        <strong>{t(`referrals.states.${view.state}`)}</strong> · {t(`referrals.urgencies.${view.urgency}`)}
        {view.overdue && (
          <>
            {' '}
            · <strong className="flag">{t('referrals.overdue')}</strong>
          </>
        )}
        {view.restricted && ` · ${t('cases.restricted')}`}
      </p>
      <p>
        {t('referrals.fromTo', {
          from: view.from.agency,
          to: [view.to.agency, view.to.service].filter(Boolean).join(' — '),
        })}
      </p>
      {status}

      <section aria-labelledby="shared-title">
        <h2 id="shared-title">{t('referrals.shared')}</h2>
        <dl>
          <dt>{t('referrals.form.language')}</dt>
          <dd>
            {shared.person.preferredLanguage ? termName(languages, shared.person.preferredLanguage, lang) : t('cases.about.unknown')}
            {shared.person.interpreterNeeded && ` — ${t('referrals.form.interpreter')}`}
          </dd>
          {view.interpreterService && (
            <>
              <dt>{t('referrals.form.interpreterService')}</dt>
              <dd>
                {view.interpreterService.name[lang]} — {view.interpreterService.organization}
              </dd>
            </>
          )}
          <dt>{t('referrals.form.needs')}</dt>
          <dd>{shared.needs.map((need) => t(`cases.headings.${need}`)).join(', ')}</dd>
          {shared.needsNote && (
            <>
              <dt>{t('referrals.form.needsNote')}</dt>
              <dd>{shared.needsNote}</dd>
            </>
          )}
          <dt>{t('referrals.form.safeContact')}</dt>
          <dd>
            {t(`referrals.channels.${shared.safeContact.channel}`)}
            {shared.safeContact.reachAt && (
              <>
                {': '}
                <a href={`${linkScheme[shared.safeContact.channel] ?? 'tel'}:${shared.safeContact.reachAt}`}>
                  {shared.safeContact.reachAt}
                </a>
              </>
            )}
            {shared.safeContact.times && `, ${shared.safeContact.times}`}.{' '}
            {t(shared.safeContact.voicemailOk ? 'referrals.voicemailYes' : 'referrals.voicemailNo')}{' '}
            {t(shared.safeContact.messageOk ? 'referrals.messageYes' : 'referrals.messageNo')}
            {shared.safeContact.codeWord && ` ${t('referrals.codeWordIs', { word: shared.safeContact.codeWord })}`}
          </dd>
          <dt>{t('referrals.form.consent')}</dt>
          <dd>
            {view.consent && t('referrals.consentFor', { givenOn: view.consent.givenOn, until: view.consent.until })}
            {view.consentWithdrawn && ` ${t('referrals.consentWithdrawn')}`}
          </dd>
          {view.tools.length > 0 && (
            <>
              <dt>{t('referrals.toolsSent')}</dt>
              <dd>
                <ul>
                  {view.tools.map((tool) => (
                    <li key={tool.id}>{tool.link ? <a href={tool.link}>{tool.title[lang]}</a> : tool.title[lang]}</li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {view.senderNote && (
            <>
              <dt>{t('referrals.form.senderNote')}</dt>
              <dd>{view.senderNote}</dd>
            </>
          )}
          {view.address && (
            <>
              <dt>{t('referrals.address')}</dt>
              <dd>{view.address}</dd>
            </>
          )}
        </dl>
        {view.toCaseId && (
          <p>
            <Link to={`/staff/cases/${view.toCaseId}`}>{t('referrals.openedCase')}</Link>
          </p>
        )}
        {view.fromCaseId && (
          <p>
            <Link to={`/staff/cases/${view.fromCaseId}`}>{t('referrals.fromCase')}</Link>
          </p>
        )}
      </section>

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('referrals.timeline')}</h2>
        <ol className="timeline">
          {view.timeline.map((event) => (
            <li key={`${event.at}-${event.state}`}>
              {when(event.at)} — {t(`referrals.states.${event.state}`)} ({event.agency})
              {event.reason && `: ${t(`referrals.reasons.${event.reason}`, { defaultValue: event.reason })}`}
              {event.note && ` — ${event.note}`}
            </li>
          ))}
        </ol>
      </section>

      <NextSteps view={view} act={act} />
    </Layout>
  );
}
