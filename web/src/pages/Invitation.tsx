import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { acceptInvitation, type Invited, lookUpInvitation } from '../api/auth';
import { ApiError } from '../api/client';
import { ErrorMessage, PublicLayout } from '../components/Layout';

/**
 * The page an invitation link opens: the person chooses their own password, then goes on to set
 * up their second factor. The link's token travels in the fragment (never sent to a server in a
 * URL) and is taken out of the address bar at once, so it stays in no history.
 */
export function Invitation({ onAccepted }: { onAccepted: () => Promise<void> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [token] = useState(() => window.location.hash.slice(1));
  const [invited, setInvited] = useState<Invited>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    window.history.replaceState(null, '', window.location.pathname);
    if (!token) {
      setError('invitationInvalid');
      return;
    }
    lookUpInvitation(token).then(setInvited, (caught: unknown) =>
      setError(caught instanceof ApiError && caught.code === 'not_found' ? 'invitationInvalid' : 'internal'),
    );
  }, [token]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    if (password !== String(form.get('confirm') ?? '')) {
      setError('passwordsDiffer');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const started = await acceptInvitation({ token, password });
      await onAccepted();
      navigate(started.stage === 'full' ? '/staff' : '/sign-in', { replace: true });
    } catch (caught) {
      const code = caught instanceof ApiError ? caught.code : 'internal';
      setError(code === 'bad_request' ? 'passwordWeak' : code === 'not_found' ? 'invitationInvalid' : code);
    } finally {
      setBusy(false);
    }
  }

  return (
    <PublicLayout>
      <h1>{t('invitation.title')}</h1>
      <ErrorMessage code={error} />
      {invited && (
        <>
          <p>
            {invited.displayName === invited.email
              ? t('invitation.forEmail', { email: invited.email, agency: invited.agency })
              : t('invitation.for', { name: invited.displayName, email: invited.email, agency: invited.agency })}
          </p>
          <p>{t('invitation.advice')}</p>
          <form onSubmit={(event) => void submit(event)}>
            <input type="email" name="username" autoComplete="username" value={invited.email} readOnly hidden />
            <label htmlFor="invitation-password">{t('invitation.password')}</label>
            <input id="invitation-password" name="password" type="password" autoComplete="new-password" minLength={12} required />
            <label htmlFor="invitation-confirm">{t('invitation.confirm')}</label>
            <input id="invitation-confirm" name="confirm" type="password" autoComplete="new-password" minLength={12} required />
            <button type="submit" disabled={busy}>
              {t('invitation.submit')}
            </button>
          </form>
        </>
      )}
    </PublicLayout>
  );
}
