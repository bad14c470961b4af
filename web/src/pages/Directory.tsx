import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Language } from '../../../src/modules/screening/rule';
import { categories } from '../aid/data';
import { PublicLayout } from '../components/Layout';

/**
 * Where the identification aid's remedy links lead. The directory itself is a later piece of
 * work; until it lands this page says so plainly and names the category that was asked for.
 */
export function Directory() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const category = categories.get(params.get('category') ?? '');
  return (
    <PublicLayout>
      <h1>{t('directory.title')}</h1>
      {category && <p className="lead">{t('directory.category', { category: category[i18n.language as Language] })}</p>}
      <p>{t('directory.coming')}</p>
      <p>{t('directory.meanwhile')}</p>
      <p>
        <Link to="/identification">{t('directory.back')}</Link>
      </p>
    </PublicLayout>
  );
}
