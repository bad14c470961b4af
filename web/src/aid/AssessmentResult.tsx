import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Assessment, type Counts, type IndicatorList, type Language, placeOnSpectrum } from '../../../src/modules/screening/rule';
import { categories, termName } from '../directory/taxonomy';
import { spectrum } from './data';

interface Props {
  list: IndicatorList;
  assessment: Assessment;
  ticked: Set<string>;
  /** Where the person is, carried into the directory by the remedies' links. */
  place: string;
  onPlaceChange: (place: string) => void;
}

/** What the ticked indicators suggest: the elements, what is missing, the spectrum and its remedies. */
export const AssessmentResult = forwardRef<HTMLHeadingElement, Props>(function AssessmentResult(
  { list, assessment, ticked, place, onPlaceChange },
  headingRef,
) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const indicatorText = new Map(list.indicators.map((i) => [i.id, i.text[lang]]));
  const dimensionTitle = new Map(list.dimensions.map((d) => [d.id, d.title[lang]]));
  const names = (ids: string[]) => ids.map((id) => indicatorText.get(id)).join('; ');
  const placement = placeOnSpectrum(spectrum, assessment, ticked);
  const reached = new Set(placement.reached.map((r) => r.level));
  const mixText = (mix: Counts) =>
    (['strong', 'medium', 'weak'] as const)
      .filter((strength) => mix[strength] > 0)
      .map((strength) => t(`aid.mix${strength[0]?.toUpperCase()}${strength.slice(1)}`, { count: mix[strength] }))
      .join(' + ');
  const unmetDimensions = list.rule.elements
    .filter((e) => !assessment.elements.find((r) => r.id === e.id)?.met)
    .flatMap((e) => e.dimensions);

  return (
    <section className="aid-result" aria-labelledby="aid-result-title">
      <h2 id="aid-result-title" ref={headingRef} tabIndex={-1}>
        {t('aid.resultTitle')}
      </h2>
      <p className={assessment.indicatesTrafficking ? 'notice' : ''}>
        {ticked.size === 0 ? t('aid.nothingTicked') : assessment.indicatesTrafficking ? t('aid.points') : t('aid.doesNotPoint')}
      </p>

      <h3>{t('aid.elementsTitle')}</h3>
      <ul>
        {list.rule.elements.map((element) => {
          const result = assessment.elements.find((e) => e.id === element.id);
          const because = (result?.positiveDimensions ?? []).flatMap(
            (id) => assessment.dimensions.find((d) => d.id === id)?.indicators ?? [],
          );
          return (
            <li key={element.id}>
              <strong>{element.title[lang]}</strong>: {result?.met ? t('aid.met') : t('aid.notMet')}
              {because.length > 0 && <div className="muted">{t('aid.because', { list: names(because) })}</div>}
            </li>
          );
        })}
      </ul>

      {unmetDimensions.length > 0 && (
        <>
          <h3>{t('aid.missingTitle')}</h3>
          <ul>
            {unmetDimensions.map((id) => {
              const dimension = assessment.dimensions.find((d) => d.id === id);
              const title = dimensionTitle.get(id);
              if (!dimension?.missing) return <li key={id}>{t('aid.cannotCount', { dimension: title })}</li>;
              const { needed, mixes, examples } = dimension.missing;
              const mixesText = mixes.map(mixText).join(t('aid.or'));
              return (
                <li key={id}>
                  {needed === 1
                    ? t('aid.missingOne', { dimension: title, mixes: mixesText })
                    : t('aid.missingMany', { dimension: title, count: needed, mixes: mixesText })}{' '}
                  {examples.length > 0 && t('aid.forExample', { list: names(examples) })}
                </li>
              );
            })}
          </ul>
        </>
      )}

      <h3>{t('aid.spectrumTitle')}</h3>
      <p>{t('aid.spectrumIntro')}</p>
      {placement.level && <p>{t('aid.furthest', { level: spectrum.levels.find((l) => l.id === placement.level)?.title[lang] })}</p>}
      {placement.level && (
        <div className="field">
          <label htmlFor="aid-place">{t('aid.placeLabel')}</label>
          <input
            id="aid-place"
            value={place}
            autoComplete="off"
            aria-describedby="aid-place-hint"
            onChange={(event) => onPlaceChange(event.target.value)}
          />
          <p id="aid-place-hint" className="muted">
            {t('aid.placeHint')}
          </p>
        </div>
      )}
      <ol className="spectrum">
        {spectrum.levels.map((level) => (
          <li key={level.id} className={reached.has(level.id) ? 'reached' : ''}>
            <h4>
              {level.title[lang]} <span className="muted">({reached.has(level.id) ? t('aid.reached') : t('aid.notReached')})</span>
            </h4>
            <p>{level.description[lang]}</p>
            {reached.has(level.id) && (
              <div>
                <h5>{t('aid.remediesTitle')}</h5>
                <ul>
                  {level.remedies.map((remedy) => (
                    <li key={remedy.id}>
                      <strong>{remedy.title[lang]}</strong>. {remedy.description[lang]}
                      <div>
                        {t('aid.findHelp')}{' '}
                        {remedy.categories.map((id, index) => (
                          <span key={id}>
                            {index > 0 && ', '}
                            <Link to="/directory" state={{ category: id, ...(place.trim() ? { near: place.trim() } : {}) }}>
                              {termName(categories, id, lang)}
                            </Link>
                          </span>
                        ))}
                      </div>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </li>
        ))}
      </ol>
      <details>
        <summary>{t('aid.sourceSpectrum')}</summary>
        <p>{spectrum.source.citation}</p>
        <p>{spectrum.source.provenance}</p>
      </details>
    </section>
  );
});
