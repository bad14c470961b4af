import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CaseView, getCase } from '../api/cases';
import { useLoad } from '../api/useLoad';
import { checkbox } from '../components/Fields';
import { languages, termName } from '../directory/taxonomy';

/** What the form may take from the case: only the fields a referral shares. */
export interface FromCaseChoice {
  name?: string;
  preferredLanguage?: string;
  interpreterNeeded?: boolean;
  needs?: string[];
}

/** The plan headings the case has something under: a goal or an action not done. */
const openNeeds = (content: CaseView['content']) =>
  Object.entries(content.safetyPlan).flatMap(([heading, part]) =>
    part && (part.goal.trim() || part.actions.some((action) => action.progress !== 'done')) ? [heading] : [],
  );

/**
 * A referral made from a case offers the case's own answers to what a referral shares — the first
 * name, the language, the interpreter need, the needs of its plan — and copies only those the
 * worker ticks. The safe-contact instructions are shown, not copied: the person says what crosses.
 */
export function FromCase({ caseId, onCopy }: { caseId: string; onCopy: (choice: FromCaseChoice) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const view = useLoad(() => getCase(caseId), [caseId]).data;
  const [unticked, setUnticked] = useState<string[]>([]);
  const [copied, setCopied] = useState(false);
  if (!view) return null;
  const { person } = view.content;
  const needs = openNeeds(view.content);
  const offers = [
    { key: 'name', label: t('referrals.caseOffer.name', { name: person.names[0] }), value: person.names[0] },
    person.preferredLanguage && {
      key: 'preferredLanguage',
      label: t('referrals.caseOffer.language', { language: termName(languages, person.preferredLanguage, lang) }),
      value: person.preferredLanguage,
    },
    person.interpreterNeeded && { key: 'interpreterNeeded', label: t('referrals.caseOffer.interpreter'), value: true },
    needs.length > 0 && {
      key: 'needs',
      label: t('referrals.caseOffer.needs', { needs: needs.map((heading) => t(`cases.headings.${heading}`)).join(', ') }),
      value: needs,
    },
  ].filter((offer) => Boolean(offer)) as Array<{ key: keyof FromCaseChoice; label: string; value: unknown }>;
  const ticked = (key: string) => !unticked.includes(key);

  return (
    <fieldset>
      <legend>{t('referrals.caseOffer.title')}</legend>
      <p className="muted">{t('referrals.caseOffer.explain')}</p>
      {offers.map((offer) =>
        checkbox(`from-case-${offer.key}`, offer.label, ticked(offer.key), (on) =>
          setUnticked(on ? unticked.filter((key) => key !== offer.key) : [...unticked, offer.key]),
        ),
      )}
      {person.safeContact && <p>{t('referrals.caseOffer.safeContact', { words: person.safeContact })}</p>}
      <button
        type="button"
        className="secondary"
        onClick={() => {
          onCopy(Object.fromEntries(offers.filter((offer) => ticked(offer.key)).map((offer) => [offer.key, offer.value])));
          setCopied(true);
        }}
      >
        {t('referrals.caseOffer.copy')}
      </button>
      <div aria-live="polite">{copied && <p className="notice">{t('referrals.caseOffer.copied')}</p>}</div>
    </fieldset>
  );
}
