import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PublicLayout } from '../components/Layout';

export function PublicHome() {
  const { t, i18n } = useTranslation();
  return (
    <PublicLayout>
      <h1>{t('public.title')}</h1>
      <p className="lead">{t('public.intro')}</p>
      <p className="notice">{t('public.emergency')}</p>
      <h2>{t('public.rightsTitle')}</h2>
      <ul>
        <li>{t('public.rights1')}</li>
        <li>{t('public.rights2')}</li>
        <li>{t('public.rights3')}</li>
      </ul>
      <p className="lead">
        {/* A full page load: the rights pages are made on the server and read without JavaScript. */}
        <a href={`/rights/${i18n.language === 'fr' ? 'fr' : 'en'}`}>{t('public.rightsLink')}</a>
      </p>
      <h2>{t('public.helpTitle')}</h2>
      <p>{t('public.helpText')}</p>
      <p className="lead">
        {/* A full page load: the help form is made on the server, in the person's language. */}
        <a href={`/help/${i18n.language === 'fr' ? 'fr' : 'en'}`}>{t('public.helpLink')}</a>
      </p>
      <h2>{t('public.alsoTitle')}</h2>
      <ul className="links">
        <li>
          <Link to="/safety">{t('public.safetyLink')}</Link>
        </li>
        <li>
          <Link to="/directory">{t('public.directoryLink')}</Link>
        </li>
        <li>
          <Link to="/identification">{t('public.aidLink')}</Link>
        </li>
        <li>
          <Link to="/library">{t('public.libraryLink')}</Link>
        </li>
        <li>
          <Link to="/statistics">{t('public.statisticsLink')}</Link>
        </li>
        <li>
          <Link to="/news">{t('public.newsLink')}</Link>
        </li>
        <li>
          <Link to="/join">{t('public.joinLink')}</Link>
        </li>
        <li>
          <Link to="/sign-in">{t('public.staffLink')}</Link>
        </li>
      </ul>
    </PublicLayout>
  );
}
