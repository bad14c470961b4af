import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, failureText } from '../api';
import { Alert, Layout } from '../components/Layout';
import { languages, termName } from '../directory/taxonomy';
import { closeReasons, declineReasons, type ReferralView } from '../referrals/types';

/** One referral from the caller's side: what was shared, the timeline both sides see, and what can be done next. */
export function ReferralPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const { id } = useParams();
  const [view, setView] = useState<ReferralView>();
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const [openCase, setOpenCase] = useState(true);
  const [declineReason, setDeclineReason] = useState<string>(declineReasons[0]);
  const [declineNote, setDeclineNote] = useState('');
  const [closeReason, setCloseReason] = useState<string>(closeReasons[2]);

  const load = useCallback(async () => {
    try {
      setView(await api<ReferralView>('GET', `/api/referrals/${id}`));
    } catch (caught) {
      setView(undefined);
      setError(failureText(caught));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  async function act(path: string, body: Record<string, unknown>, done: string) {
    setError(undefined);
    setSaved(undefined);
    try {
      await api('POST', `/api/referrals/${id}/${path}`, body);
      await load();
      setSaved(done);
    } catch (caught) {
      setError(failureText(caught));
    }
  }
  const moveTo = (state: string, extra: Record<string, unknown> = {}) => act('state', { state, ...extra }, t(`referrals.done.${state}`));
  const when = (iso: string) =>
    new Date(iso).toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium', timeStyle: 'short' });

  const status = (
    <>
      <div aria-live="polite">{saved && <p className="notice">{saved}</p>}</div>
      <Alert message={error} />
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
  const can = (state: string) => view.next.includes(state as ReferralView['state']);
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
            {shared.safeContact.times && `, ${shared.safeContact.times}`}.{' '}
            {t(shared.safeContact.voicemailOk ? 'referrals.voicemailYes' : 'referrals.voicemailNo')}{' '}
            {t(shared.safeContact.messageOk ? 'referrals.messageYes' : 'referrals.messageNo')}
            {shared.safeContact.codeWord && ` ${t('referrals.codeWordIs', { word: shared.safeContact.codeWord })}`}
          </dd>
          <dt>{t('referrals.form.consent')}</dt>
          <dd>
            {t('referrals.consentFor', { givenOn: view.consent.givenOn, until: view.consent.until })}
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

      {(view.next.length > 0 || (view.side === 'sender' && !view.consentWithdrawn)) && (
        <section aria-labelledby="next-title">
          <h2 id="next-title">{t('referrals.nextTitle')}</h2>
          {can('sent') && (
            <p className="actions">
              <button type="button" onClick={() => void moveTo('sent')}>
                {t('referrals.actions.sent')}
              </button>
              <Link to={`/staff/referrals/new?draft=${view.id}`}>{t('referrals.changeDraft')}</Link>
            </p>
          )}
          {can('accepted') && (
            <div className="actions">
              <div className="check">
                <input id="accept-open-case" type="checkbox" checked={openCase} onChange={(event) => setOpenCase(event.target.checked)} />
                <label htmlFor="accept-open-case">{t('referrals.openCase')}</label>
              </div>
              <button type="button" onClick={() => void moveTo('accepted', { openCase })}>
                {t('referrals.actions.accepted')}
              </button>
            </div>
          )}
          {can('declined') && (
            <fieldset>
              <legend>{t('referrals.actions.declined')}</legend>
              <div className="field">
                <label htmlFor="decline-reason">{t('referrals.declineReason')}</label>
                <select id="decline-reason" value={declineReason} onChange={(event) => setDeclineReason(event.target.value)}>
                  {declineReasons.map((reason) => (
                    <option key={reason} value={reason}>
                      {t(`referrals.reasons.${reason}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="decline-note">{t('referrals.declineNote')}</label>
                <input id="decline-note" value={declineNote} onChange={(event) => setDeclineNote(event.target.value)} />
              </div>
              <button
                type="button"
                onClick={() => void moveTo('declined', { reason: declineReason, ...(declineNote.trim() ? { note: declineNote } : {}) })}
              >
                {t('referrals.actions.declined')}
              </button>
            </fieldset>
          )}
          <div className="actions">
            {can('in-progress') && (
              <button type="button" onClick={() => void moveTo('in-progress')}>
                {t('referrals.actions.in-progress')}
              </button>
            )}
            {can('completed') && (
              <button type="button" onClick={() => void moveTo('completed')}>
                {t('referrals.actions.completed')}
              </button>
            )}
          </div>
          {can('closed') && (
            <fieldset>
              <legend>{t('referrals.actions.closed')}</legend>
              <div className="field">
                <label htmlFor="close-reason">{t('referrals.closeReason')}</label>
                <select id="close-reason" value={closeReason} onChange={(event) => setCloseReason(event.target.value)}>
                  {closeReasons.map((reason) => (
                    <option key={reason} value={reason}>
                      {t(`referrals.reasons.${reason}`)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="button" className="secondary" onClick={() => void moveTo('closed', { reason: closeReason })}>
                {t('referrals.actions.closed')}
              </button>
            </fieldset>
          )}
          {view.side === 'sender' && !view.consentWithdrawn && (
            <div>
              <p className="muted">{t('referrals.withdrawExplain')}</p>
              <button type="button" className="danger" onClick={() => void act('withdraw-consent', {}, t('referrals.done.withdrawn'))}>
                {t('referrals.withdraw')}
              </button>
            </div>
          )}
        </section>
      )}
    </Layout>
  );
}
