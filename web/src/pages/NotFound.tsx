import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PublicLayout } from '../components/Layout';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <PublicLayout>
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </PublicLayout>
  );
}
