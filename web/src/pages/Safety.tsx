import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PublicLayout } from '../components/Layout';

export function Safety() {
  const { t } = useTranslation();
  return (
    <PublicLayout>
      <h1>{t('safety.title')}</h1>
      <p className="lead">{t('safety.intro')}</p>
      <ol>
        {(['step1', 'step2', 'step3', 'step4', 'step5'] as const).map((step) => (
          <li key={step}>{t(`safety.${step}`)}</li>
        ))}
      </ol>
      <p>
        <Link to="/">{t('safety.back')}</Link>
      </p>
    </PublicLayout>
  );
}
