import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type CloseReason, closeCase, eraseCase, reopenCase } from '../api/cases';
import { failureText } from '../api/client';
import { Alert } from '../components/Layout';
import { longDate } from '../pages/Cases';

// The server's own list by type: a reason it does not know fails the web's type check.
const closeReasons: readonly CloseReason[] = [
  'services-complete',
  'person-moved-on',
  'no-contact',
  'referred-elsewhere',
  'person-asked',
  'other',
];

/**
 * The end of a case: closing (purged after the retention period), reopening, the person's copy
 * of their record, and erasing at their request, which asks for the word "erase" typed out.
 */
export function CaseLifecycle(props: {
  caseId: string;
  status: 'open' | 'closed';
  closedReason: string | null;
  purgeOn: string | null;
  onChanged: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const navigate = useNavigate();
  const [reason, setReason] = useState<CloseReason>('services-complete');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string>();

  async function run(action: () => Promise<unknown>) {
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(failureText(caught));
    }
  }

  return (
    <section aria-labelledby="lifecycle-title">
      <h2 id="lifecycle-title">{t('caseLifecycle.title')}</h2>
      <Alert message={error} />
      <p>
        <Link to={`/staff/cases/${props.caseId}/copy`}>{t('caseLifecycle.copy')}</Link>
      </p>
      {props.status === 'open' ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              await closeCase(props.caseId, reason);
              await props.onChanged();
            });
          }}
        >
          <div className="field">
            <label htmlFor="close-reason">{t('caseLifecycle.reason')}</label>
            <select id="close-reason" value={reason} onChange={(event) => setReason(event.target.value as CloseReason)}>
              {closeReasons.map((r) => (
                <option key={r} value={r}>
                  {t(`caseLifecycle.reasons.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <p className="muted">{t('caseLifecycle.closeExplain')}</p>
          <button type="submit">{t('caseLifecycle.close')}</button>
        </form>
      ) : (
        <>
          <p>
            {t('caseLifecycle.closed', {
              reason: t(`caseLifecycle.reasons.${props.closedReason ?? 'other'}`),
              purgeOn: props.purgeOn ? longDate(props.purgeOn, lang) : '',
            })}
          </p>
          <button
            type="button"
            onClick={() =>
              void run(async () => {
                await reopenCase(props.caseId);
                await props.onChanged();
              })
            }
          >
            {t('caseLifecycle.reopen')}
          </button>
        </>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            await eraseCase(props.caseId, confirm);
            navigate('/staff/cases', { replace: true });
          });
        }}
      >
        <h3>{t('caseLifecycle.eraseTitle')}</h3>
        <p>{t('caseLifecycle.eraseExplain')}</p>
        <div className="field">
          <label htmlFor="erase-confirm">{t('caseLifecycle.eraseConfirm')}</label>
          <input id="erase-confirm" autoComplete="off" value={confirm} onChange={(event) => setConfirm(event.target.value)} />
        </div>
        <button type="submit" className="danger">
          {t('caseLifecycle.erase')}
        </button>
      </form>
    </section>
  );
}
