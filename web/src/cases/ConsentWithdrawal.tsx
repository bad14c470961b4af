import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CaseView, decideWithdrawal } from '../api/cases';
import { failureText } from '../api/client';
import { field, RadioGroup } from '../components/Fields';
import { Alert } from '../components/Layout';
import { longDay } from '../i18n';

type Decision = 'consents-directly' | 'erase-shared';
const decisions: Decision[] = ['consents-directly', 'erase-shared'];

/**
 * The person withdrew the consent of the referral this case came from: the page says so first,
 * and asks its coordinator what follows — the consent the person now gives directly, or erasing
 * what came through. Once decided, it says what was decided, when and by whom.
 */
export function ConsentWithdrawal(props: {
  caseId: string;
  withdrawal: NonNullable<CaseView['consentWithdrawal']>;
  onDecided: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const { withdrawal } = props;
  const today = new Date().toISOString().slice(0, 10);
  const [decision, setDecision] = useState<Decision>('consents-directly');
  const [consent, setConsent] = useState({
    what: t('withdrawal.defaultWhat'),
    purpose: t('withdrawal.defaultPurpose'),
    givenOn: today,
    until: '',
  });
  const [error, setError] = useState<string>();

  const submit = async () => {
    setError(undefined);
    const { until, ...given } = consent;
    try {
      await decideWithdrawal(
        props.caseId,
        decision === 'erase-shared' ? { decision } : { decision, consent: { ...given, ...(until ? { until } : {}) } },
      );
      props.onDecided();
    } catch (caught) {
      setError(failureText(caught));
    }
  };
  const input = (key: keyof typeof consent, type: 'text' | 'date') =>
    field(
      `withdrawal-${key}`,
      t(`withdrawal.fields.${key}`),
      <input
        id={`withdrawal-${key}`}
        type={type}
        value={consent[key]}
        required={key !== 'until'}
        onChange={(event) => setConsent({ ...consent, [key]: event.target.value })}
      />,
    );

  return (
    <section aria-labelledby="withdrawal-title" className={withdrawal.decision ? undefined : 'confirm'}>
      <h2 id="withdrawal-title">{t('withdrawal.title')}</h2>
      <p>
        {t('withdrawal.what', { date: longDay(withdrawal.withdrawnAt, lang), agency: withdrawal.byAgency, worker: withdrawal.byWorker })}
      </p>
      {withdrawal.decision ? (
        <p>
          {t(`withdrawal.decided.${withdrawal.decision}`, {
            date: longDay(withdrawal.decidedAt ?? withdrawal.withdrawnAt, lang),
            name: withdrawal.decidedBy?.displayName ?? '',
          })}
        </p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <RadioGroup
            name="withdrawal"
            legend={t('withdrawal.ask')}
            options={decisions.map((value) => ({
              value,
              label: t(`withdrawal.choices.${value}`),
              explain: t(`withdrawal.explain.${value}`),
            }))}
            value={decision}
            onChange={setDecision}
          />
          {decision === 'consents-directly' && (
            <fieldset>
              <legend>{t('withdrawal.newConsent')}</legend>
              {input('what', 'text')}
              {input('purpose', 'text')}
              {input('givenOn', 'date')}
              {input('until', 'date')}
            </fieldset>
          )}
          <Alert message={error} />
          <button type="submit" className={decision === 'erase-shared' ? 'danger' : undefined}>
            {t('withdrawal.record')}
          </button>
        </form>
      )}
    </section>
  );
}
