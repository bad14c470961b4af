import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { failureText } from '../api/client';
import { type Release, withdraw } from '../api/statistics';
import { Alert } from '../components/Layout';
import { longDay } from '../i18n';

/** For network admins: the published releases, each withdrawable with a reason the public reads. */
export function ReleasesAdmin({ releases, onChange }: { releases: Release[]; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const date = (instant: string) => longDay(instant, lang);
  return (
    <section aria-labelledby="releases-title">
      <h2 id="releases-title">{t('stats.releasesTitle')}</h2>
      {releases.length === 0 && <p>{t('stats.noReleases')}</p>}
      <ul>
        {releases.map((release) => (
          <li key={release.id}>
            <strong>{release.title[lang]}</strong> <span className="muted">{date(release.createdAt)}</span>
            {release.withdrawn ? (
              <p className="muted">{t('stats.withdrawnOn', { date: date(release.withdrawn.at), reason: release.withdrawn.reason })}</p>
            ) : (
              <Withdrawal release={release} title={release.title[lang]} onDone={onChange} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Withdrawing asks why, says what will happen, and waits for a second press. */
function Withdrawal({ release, title, onDone }: { release: Release; title: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const id = `withdraw-${release.id}`;
  if (!open)
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        {t('stats.withdraw')}
      </button>
    );
  return (
    <div className="confirm">
      <div className="field">
        <label htmlFor={id}>{t('stats.withdrawReason', { title })}</label>
        <textarea id={id} value={reason} onChange={(event) => setReason(event.target.value)} rows={2} />
      </div>
      <p>{t('stats.withdrawConfirm')}</p>
      <Alert message={error} />
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            setError(undefined);
            withdraw(release.id, reason).then(onDone, (caught) => setError(failureText(caught)));
          }}
        >
          {t('stats.withdrawYes')}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {t('stats.cancel')}
        </button>
      </div>
    </div>
  );
}
