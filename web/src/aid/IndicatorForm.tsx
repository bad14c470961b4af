import { useTranslation } from 'react-i18next';
import type { IndicatorList, Language } from '../../../src/modules/screening/rule';

interface Props {
  list: IndicatorList;
  ticked: Set<string>;
  onToggle: (id: string) => void;
}

/** The conversation parts, each with its opening suggestions and its indicators as checkboxes. */
export function IndicatorForm({ list, ticked, onToggle }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const dimensionTitle = new Map(list.dimensions.map((d) => [d.id, d.title[lang]]));
  return (
    <>
      {list.parts.map((part, index) => (
        <section key={part.id} className="aid-part" aria-labelledby={`part-${part.id}`}>
          <p className="muted">{t('aid.partOf', { n: index + 1, total: list.parts.length })}</p>
          <h2 id={`part-${part.id}`}>{part.title[lang]}</h2>
          <p className="guidance">{part.opening[lang]}</p>
          {part.dimensions.map((dimensionId) => (
            <fieldset key={dimensionId} className="aid-dimension">
              <legend>{dimensionTitle.get(dimensionId)}</legend>
              {list.indicators
                .filter((indicator) => indicator.dimension === dimensionId)
                .map((indicator) => {
                  const id = `indicator-${indicator.id}`;
                  return (
                    <div key={indicator.id} className="check">
                      <input id={id} type="checkbox" checked={ticked.has(indicator.id)} onChange={() => onToggle(indicator.id)} />
                      <label htmlFor={id}>
                        {indicator.text[lang]}{' '}
                        <span className="strength">
                          ({t(`aid.${indicator.strength}`)}
                          {indicator.uncertain ? `, ${t('aid.uncertainStrength')}` : ''})
                        </span>
                      </label>
                    </div>
                  );
                })}
            </fieldset>
          ))}
        </section>
      ))}
    </>
  );
}
