import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from './LanguageSwitch';
import { QuickExit } from './QuickExit';

/** Public pages: the quick exit comes before everything else, including the skip link. */
export function PublicLayout({ children }: { children: ReactNode }) {
  return <Layout quickExit>{children}</Layout>;
}

export function Layout({ children, quickExit = false }: { children: ReactNode; quickExit?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <header className={quickExit ? 'site-header sticky' : 'site-header'}>
        {quickExit && <QuickExit />}
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('app.language')}>
          <LanguageSwitch />
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      {quickExit && <p className="quick-exit-hint">{t('quickExit.hint')}</p>}
    </>
  );
}

export function ErrorMessage({ code }: { code: string | undefined }) {
  const { t } = useTranslation();
  if (!code) return null;
  return (
    <p className="error" role="alert">
      {t(`errors.${code}`, { defaultValue: t('errors.internal') })}
    </p>
  );
}

/** A failure said as an alert, so a screen reader announces it; nothing when there is none. */
export function Alert({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}
