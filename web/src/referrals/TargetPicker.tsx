import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { failureText } from '../api/client';
import { type SearchAnswer, type ServiceResult, search as searchDirectory } from '../api/directory';
import { SearchStatus } from '../components/Fields';
import { emptyCriteria, searchParams } from '../directory/query';
import { SearchForm } from '../directory/SearchForm';

export type Target = { kind: 'service'; service: ServiceResult } | { kind: 'own-team' } | { kind: 'draft'; to: string };

/** Where the referral goes: a member agency's service found in the directory, or the worker's own team. */
export function TargetPicker({ target, setTarget }: { target: Target | undefined; setTarget: (target: Target | undefined) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const [answer, setAnswer] = useState<SearchAnswer>();
  const [busy, setBusy] = useState(false);
  const [searchError, setSearchError] = useState<string>();

  async function search(criteria: typeof emptyCriteria) {
    setBusy(true);
    setSearchError(undefined);
    try {
      setAnswer(await searchDirectory(searchParams(criteria, 1, 10)));
    } catch (caught) {
      setSearchError(failureText(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="target-title">
      <h2 id="target-title">{t('referrals.form.where')}</h2>
      {target ? (
        <p className="notice">
          {target.kind === 'service'
            ? t('referrals.form.chosen', { service: target.service.name[lang], organization: target.service.organization.name })
            : target.kind === 'draft'
              ? t('referrals.form.chosenDraft', { to: target.to })
              : t('referrals.form.chosenOwnTeam')}{' '}
          {target.kind !== 'draft' && (
            <button type="button" className="link-button" onClick={() => setTarget(undefined)}>
              {t('referrals.form.change')}
            </button>
          )}
        </p>
      ) : (
        <>
          <SearchForm initial={emptyCriteria} busy={busy} onSearch={(criteria) => void search(criteria)} />
          <SearchStatus error={searchError} busy={busy} />
          <button type="button" className="secondary" onClick={() => setTarget({ kind: 'own-team' })}>
            {t('referrals.form.ownTeam')}
          </button>
          {answer && (
            <>
              <h3>{t('directory.results', { count: answer.total })}</h3>
              <ul className="cards">
                {answer.results.map((service) => (
                  <li key={service.id} className="card">
                    <h4>{service.name[lang]}</h4>
                    <p>
                      {service.organization.name}
                      {service.location && ` — ${service.location.city}, ${service.location.province}`}
                    </p>
                    {service.takesReferrals ? (
                      <button type="button" onClick={() => setTarget({ kind: 'service', service })}>
                        {t('referrals.form.referHere', { service: service.name[lang] })}
                      </button>
                    ) : (
                      <p className="muted">{t('referrals.form.notMember')}</p>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
