import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { confirmEnrolment, type Enrolment, type Stage, secondFactor, signIn, startEnrolment } from '../api/auth';
import { ApiError } from '../api/client';
import { ErrorMessage, PublicLayout } from '../components/Layout';

/** The whole sign-in path: password, then the second factor or its set-up, then recovery codes. */
export function SignIn({ stage, onSignedIn }: { stage: Stage | undefined; onSignedIn: () => Promise<void> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<Stage | 'password'>(stage && stage !== 'full' ? stage : 'password');
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.code : 'internal');
    } finally {
      setBusy(false);
    }
  }

  const finish = async () => {
    await onSignedIn();
    navigate('/staff');
  };

  const field = (form: FormEvent<HTMLFormElement>, name: string) => String(new FormData(form.currentTarget).get(name) ?? '');

  if (recoveryCodes) {
    return (
      <PublicLayout>
        <h1>{t('signIn.recoveryTitle')}</h1>
        <p>{t('signIn.recoveryIntro')}</p>
        <ul className="codes">
          {recoveryCodes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => void run(finish)}>
          {t('signIn.continue')}
        </button>
      </PublicLayout>
    );
  }

  if (step === 'enrol') {
    return (
      <PublicLayout>
        <h1>{t('signIn.enrolTitle')}</h1>
        <p>{t('signIn.enrolIntro')}</p>
        <ErrorMessage code={error} />
        {!enrolment ? (
          <button type="button" disabled={busy} onClick={() => void run(async () => setEnrolment(await startEnrolment()))}>
            {t('signIn.enrolStart')}
          </button>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              const code = field(event, 'code');
              void run(async () => {
                const result = await confirmEnrolment(code);
                setRecoveryCodes(result.recoveryCodes);
              });
            }}
          >
            <img src={enrolment.qrCode} alt={t('signIn.qrAlt')} width={240} height={240} />
            <p>
              {t('signIn.manualKey')} <code className="secret">{enrolment.secret}</code>
            </p>
            <label htmlFor="enrol-code">{t('signIn.code')}</label>
            <input id="enrol-code" name="code" inputMode="numeric" autoComplete="one-time-code" required />
            <button type="submit" disabled={busy}>
              {t('signIn.confirm')}
            </button>
          </form>
        )}
      </PublicLayout>
    );
  }

  if (step === 'mfa') {
    return (
      <PublicLayout>
        <h1>{t('signIn.secondFactorTitle')}</h1>
        <p>{t('signIn.secondFactorIntro')}</p>
        <ErrorMessage code={error === 'unauthenticated' ? 'codeWrong' : error} />
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const code = field(event, 'code');
            void run(async () => {
              await secondFactor(code);
              await finish();
            });
          }}
        >
          <label htmlFor="mfa-code">{t('signIn.code')}</label>
          <input id="mfa-code" name="code" autoComplete="one-time-code" required />
          <button type="submit" disabled={busy}>
            {t('signIn.verify')}
          </button>
        </form>
      </PublicLayout>
    );
  }

  return (
    <PublicLayout>
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <ErrorMessage code={error} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const email = field(event, 'email');
          const password = field(event, 'password');
          void run(async () => {
            const started = await signIn({ email, password });
            if (started.stage === 'full') await finish();
            else setStep(started.stage);
          });
        }}
      >
        <label htmlFor="email">{t('signIn.email')}</label>
        <input id="email" name="email" type="email" autoComplete="username" required />
        <label htmlFor="password">{t('signIn.password')}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        <button type="submit" disabled={busy}>
          {busy ? t('signIn.working') : t('signIn.submit')}
        </button>
      </form>
    </PublicLayout>
  );
}
