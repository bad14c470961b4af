import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** A neutral page to land on: a weather forecast draws no attention on a shared screen. */
export const NEUTRAL_SITE = 'https://weather.gc.ca/';
const SHIFT_PRESSES = 3;
const WITHIN_MS = 1500;

export function quickExit(): void {
  document.title = 'Weather';
  document.body.replaceChildren();
  // replace(), not assign(): the Back button must not bring this page back.
  window.location.replace(NEUTRAL_SITE);
}

/** First in keyboard order on every public page; Shift pressed three times does the same. */
export function QuickExit() {
  const { t } = useTranslation();
  useEffect(() => {
    let presses: number[] = [];
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Shift' || event.repeat) return;
      const now = performance.now();
      presses = [...presses.filter((at) => now - at < WITHIN_MS), now];
      if (presses.length >= SHIFT_PRESSES) quickExit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <button type="button" className="quick-exit" onClick={quickExit} aria-label={t('quickExit.label')}>
      {t('quickExit.button')}
    </button>
  );
}
