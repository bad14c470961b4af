import { useTranslation } from 'react-i18next';
import { releases as loadReleases } from '../api/statistics';
import { useLoad } from '../api/useLoad';
import { PublicLayout } from '../components/Layout';
import { longDay } from '../i18n';
import { Chart } from '../statistics/Chart';

/** What the network has chosen to publish: tables already through disclosure control, for anyone. */
export function PublishedStatistics() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const { data: releases, error } = useLoad(loadReleases, []);

  return (
    <PublicLayout>
      <h1>{t('stats.publishedTitle')}</h1>
      <p className="lead">{t('stats.publishedIntro')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {releases?.length === 0 && <p>{t('stats.noReleases')}</p>}
      {releases?.map((release) => (
        <article key={release.id} aria-labelledby={`release-${release.id}`}>
          <h2 id={`release-${release.id}`}>{release.title[lang]}</h2>
          <p className="muted">
            {longDay(release.createdAt, lang)} · {t('stats.releaseRules', { threshold: release.threshold })}
            {release.epsilon !== null && ` ${t('stats.releaseNoise', { epsilon: release.epsilon })}`}
          </p>
          {release.withdrawn && (
            <p className="notice">
              {t('stats.withdrawnOn', {
                date: longDay(release.withdrawn.at, lang),
                reason: release.withdrawn.reason,
              })}
            </p>
          )}
          {release.charts.map((chart) => (
            <Chart key={chart.id} chart={chart} level={3} />
          ))}
        </article>
      ))}
    </PublicLayout>
  );
}
