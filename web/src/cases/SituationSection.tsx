import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import vocabulary from '../../../data/cases/vocabulary.json';
import type { CaseView } from '../api/cases';
import { checkbox } from '../components/Fields';
import type { SaveCase, Situation } from './caseTypes';

const choices = {
  gender: vocabulary.genders,
  citizenshipRegion: vocabulary.citizenshipRegions,
  sector: vocabulary.sectors,
  cameThrough: vocabulary.cameThrough,
};

type About = { gender: string; citizenshipRegion: string } & Situation;

/** Who the person is and what happened, in the closed lists the statistics count (never free text). */
export function SituationSection({ content, save }: { content: CaseView['content']; save: SaveCase }) {
  const { t } = useTranslation();
  const [about, setAbout] = useState<About>({
    gender: content.person.gender ?? '',
    citizenshipRegion: content.person.citizenshipRegion ?? '',
    ...content.situation,
  });
  const pick = (value: string | undefined) => (value ? value : undefined);

  return (
    <section aria-labelledby="situation-title">
      <h2 id="situation-title">{t('cases.situation')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save(
            {
              person: { gender: pick(about.gender), citizenshipRegion: pick(about.citizenshipRegion) },
              situation: { exploitation: about.exploitation ?? [], sector: pick(about.sector), cameThrough: pick(about.cameThrough) },
            },
            t('cases.situationSaved'),
          );
        }}
      >
        {(['gender', 'citizenshipRegion', 'sector', 'cameThrough'] as const).map((key) => (
          <div className="field" key={key}>
            <label htmlFor={`situation-${key}`}>{t(`cases.about.${key}`)}</label>
            <select
              id={`situation-${key}`}
              value={about[key] ?? ''}
              onChange={(event) => setAbout({ ...about, [key]: event.target.value })}
            >
              <option value="">{t('cases.about.unknown')}</option>
              {choices[key].map((value) => (
                <option key={value} value={value}>
                  {t(`cases.about.values.${value}`)}
                </option>
              ))}
            </select>
          </div>
        ))}
        <fieldset>
          <legend>{t('cases.about.exploitation')}</legend>
          {vocabulary.exploitation.map((form) =>
            checkbox(
              `situation-exploitation-${form}`,
              t(`cases.about.forms.${form}`),
              about.exploitation?.includes(form) ?? false,
              (checked) =>
                setAbout({
                  ...about,
                  exploitation: checked ? [...(about.exploitation ?? []), form] : (about.exploitation ?? []).filter((f) => f !== form),
                }),
            ),
          )}
        </fieldset>
        <button type="submit">{t('cases.saveSituation')}</button>
      </form>
    </section>
  );
}
