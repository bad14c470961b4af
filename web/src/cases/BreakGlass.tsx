import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { breakGlass } from '../api/cases';
import { failureText } from '../api/client';
import { Alert, Layout } from '../components/Layout';

/** A restricted case: open it only by saying why, which its coordinator is shown and the audit keeps. */
export function BreakGlass({ caseId, onOpened }: { caseId: string; onOpened: () => Promise<void> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  return (
    <Layout>
      <h1>{t('cases.restrictedTitle')}</h1>
      <p>{t('cases.restrictedExplain')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void breakGlass(caseId, reason).then(onOpened, (caught) => setError(failureText(caught)));
        }}
      >
        <div className="field">
          <label htmlFor="break-glass-reason">{t('cases.breakGlassReason')}</label>
          <textarea id="break-glass-reason" rows={3} value={reason} onChange={(event) => setReason(event.target.value)} />
        </div>
        <Alert message={error} />
        <button type="submit">{t('cases.breakGlass')}</button>
      </form>
    </Layout>
  );
}
