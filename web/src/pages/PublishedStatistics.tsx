import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { PublicLayout } from '../components/Layout';
import { Chart, type ChartData } from '../statistics/Chart';

interface Release {
  id: string;
  title: { en: string; fr: string };
  threshold: number;
  epsilon: number | null;
  createdAt: string;
  charts: ChartData[];
}

/** What the network has chosen to publish: tables already through disclosure control, for anyone. */
export function PublishedStatistics() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const [releases, setReleases] = useState<Release[]>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    api<Release[]>('GET', '/api/stats/releases').then(setReleases, () => setFailed(true));
  }, []);

  return (
    <PublicLayout>
      <h1>{t('stats.publishedTitle')}</h1>
      <p className="lead">{t('stats.publishedIntro')}</p>
      {failed && (
        <p className="error" role="alert">
          {t('errors.internal')}
        </p>
      )}
      {releases?.length === 0 && <p>{t('stats.noReleases')}</p>}
      {releases?.map((release) => (
        <article key={release.id} aria-labelledby={`release-${release.id}`}>
          <h2 id={`release-${release.id}`}>{release.title[lang]}</h2>
          <p className="muted">
            {new Date(release.createdAt).toLocaleDateString(lang === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'long' })} ·{' '}
            {t('stats.releaseRules', { threshold: release.threshold })}
            {release.epsilon !== null && ` ${t('stats.releaseNoise', { epsilon: release.epsilon })}`}
          </p>
          {release.charts.map((chart) => (
            <Chart key={chart.id} chart={chart} level={3} />
          ))}
        </article>
      ))}
    </PublicLayout>
  );
}
