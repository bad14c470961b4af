import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'fr' ? 'en' : 'fr';
  return (
    <button type="button" className="link-button" lang={other} onClick={() => setLanguage(other)} aria-label={t('app.switchToLabel')}>
      {t('app.switchTo')}
    </button>
  );
}
