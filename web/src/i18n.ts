import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import fr from './locales/fr.json';

export const languages = ['en', 'fr'] as const;
export type Language = (typeof languages)[number];
const STORAGE_KEY = 'harbour.lang';

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'fr') return saved;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18next.changeLanguage(language);
}

/** The page's language and its description (what a search result shows) follow the chosen language. */
function describePage(language: string): void {
  document.documentElement.lang = language;
  document.querySelector('meta[name="description"]')?.setAttribute('content', i18next.t('app.description'));
}

i18next.on('languageChanged', describePage);

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: initialLanguage(),
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
describePage(i18next.language);

/** The day of an instant (an ISO timestamp), written out in the reader's language and time zone. */
export const longDay = (instant: string, lang: string) =>
  new Date(instant).toLocaleDateString(lang === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'long' });

export default i18next;
