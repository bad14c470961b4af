import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReferralState, ReferralView } from '../api/referrals';
import { checkbox } from '../components/Fields';
import { closeReasons, declineReasons } from './types';

/** One of a closed list of reasons, each named in the person's language. */
function ReasonSelect(props: { id: string; label: string; reasons: readonly string[]; value: string; onChange: (reason: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        {props.reasons.map((reason) => (
          <option key={reason} value={reason}>
            {t(`referrals.reasons.${reason}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

export type Step = { state: ReferralState; [detail: string]: unknown } | 'withdraw-consent';

/** What can be done next from this side: send, accept (opening a case), decline with a reason, close, withdraw consent. */
export function NextSteps({ view, act }: { view: ReferralView; act: (step: Step) => Promise<void> }) {
  const { t } = useTranslation();
  const [openCase, setOpenCase] = useState(true);
  const [declineReason, setDeclineReason] = useState<string>(declineReasons[0]);
  const [declineNote, setDeclineNote] = useState('');
  const [closeReason, setCloseReason] = useState<string>(closeReasons[2]);
  const can = (state: ReferralState) => view.next.includes(state);
  const moveTo = (state: ReferralState, extra: Record<string, unknown> = {}) => act({ state, ...extra });
  if (view.next.length === 0 && (view.side !== 'sender' || view.consentWithdrawn)) return null;
  return (
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
          {checkbox('accept-open-case', t('referrals.openCase'), openCase, setOpenCase)}
          <button type="button" onClick={() => void moveTo('accepted', { openCase })}>
            {t('referrals.actions.accepted')}
          </button>
        </div>
      )}
      {can('declined') && (
        <fieldset>
          <legend>{t('referrals.actions.declined')}</legend>
          <ReasonSelect
            id="decline-reason"
            label={t('referrals.declineReason')}
            reasons={declineReasons}
            value={declineReason}
            onChange={setDeclineReason}
          />
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
          <ReasonSelect
            id="close-reason"
            label={t('referrals.closeReason')}
            reasons={closeReasons}
            value={closeReason}
            onChange={setCloseReason}
          />
          <button type="button" className="secondary" onClick={() => void moveTo('closed', { reason: closeReason })}>
            {t('referrals.actions.closed')}
          </button>
        </fieldset>
      )}
      {view.side === 'sender' && !view.consentWithdrawn && <WithdrawConsent open={view.next.includes('closed')} act={act} />}
    </section>
  );
}

/** Withdrawing consent cannot be undone: it says what will happen, and waits for a second press. */
function WithdrawConsent({ open, act }: { open: boolean; act: (step: Step) => Promise<void> }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <div>
        <p className="muted">{t('referrals.withdrawExplain')}</p>
        <button type="button" className="danger" onClick={() => setAsking(true)}>
          {t('referrals.withdraw')}
        </button>
      </div>
    );
  return (
    <div className="confirm">
      <h3 id="withdraw-title">{t('referrals.withdrawConfirm.title')}</h3>
      <ul>
        <li>{t('referrals.withdrawConfirm.key')}</li>
        {open && <li>{t('referrals.withdrawConfirm.closes')}</li>}
        <li>{t('referrals.withdrawConfirm.case')}</li>
        <li>{t('referrals.withdrawConfirm.final')}</li>
      </ul>
      <div className="actions">
        <button type="button" className="danger" onClick={() => void act('withdraw-consent')}>
          {t('referrals.withdrawConfirm.yes')}
        </button>
        <button type="button" className="secondary" onClick={() => setAsking(false)}>
          {t('referrals.withdrawConfirm.cancel')}
        </button>
      </div>
    </div>
  );
}
