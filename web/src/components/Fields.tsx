import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { provinces, type Term } from '../directory/taxonomy';
import { Alert } from './Layout';

/** A choice of province or territory; `first` is the option before them (any, or all of Canada). */
export function ProvinceSelect(props: {
  id: string;
  label: string;
  value: string;
  first?: { value: string; label: string };
  onChange: (code: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        {props.first && <option value={props.first.value}>{props.first.label}</option>}
        {provinces.map((code) => (
          <option key={code} value={code}>
            {t(`directory.provinces.${code}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** One control with its label above it, the way every form of Harbour lays them out. */
export function field(id: string, label: string, control: ReactNode) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control}
    </div>
  );
}

/** One checkbox with its label beside it, the way every form of Harbour lays them out. */
export function checkbox(id: string, label: string, checked: boolean, onChange: (checked: boolean) => void) {
  return (
    <div className="check" key={id}>
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** One choice of a few, as radio buttons in a fieldset named by its legend; an option may carry a line that explains it. */
export function RadioGroup<T extends string>(props: {
  name: string;
  legend: string;
  options: ReadonlyArray<{ value: T; label: string; explain?: string }>;
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.options.map((option) => {
        const id = `${props.name}-${option.value}`;
        return (
          <div className="check" key={option.value}>
            <input
              id={id}
              type="radio"
              name={props.name}
              checked={props.value === option.value}
              onChange={() => props.onChange(option.value)}
              aria-describedby={option.explain ? `${id}-explain` : undefined}
            />
            <label htmlFor={id}>{option.label}</label>
            {option.explain && (
              <p className="muted" id={`${id}-explain`}>
                {option.explain}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

/** Several terms of a vocabulary, one checkbox each, in a fieldset named by its legend. */
export function CheckboxGroup(props: {
  id: string;
  legend: string;
  terms: Term[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
}) {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.terms.map((term) =>
        checkbox(`${props.id}-${term.id}`, term[lang], props.chosen.includes(term.id), (checked) =>
          props.onChange(checked ? [...props.chosen, term.id] : props.chosen.filter((v) => v !== term.id)),
        ),
      )}
    </fieldset>
  );
}

/** Previous and next page of a list of results, with where the reader is. */
export function Pager(props: { page: number; pages: number; busy: boolean; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  if (props.pages <= 1) return null;
  const where = t('directory.pageOf', { page: props.page, pages: props.pages });
  return (
    <nav className="actions" aria-label={where}>
      <button type="button" className="secondary" disabled={props.page <= 1 || props.busy} onClick={() => props.onPage(props.page - 1)}>
        {t('directory.previous')}
      </button>
      <span>{where}</span>
      <button
        type="button"
        className="secondary"
        disabled={props.page >= props.pages || props.busy}
        onClick={() => props.onPage(props.page + 1)}
      >
        {t('directory.next')}
      </button>
    </nav>
  );
}

/** A search's failure, said as an alert, and "searching…" announced while it runs. */
export function SearchStatus(props: { error: string | undefined; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Alert message={props.error} />
      <div aria-live="polite" aria-busy={props.busy}>
        {props.busy && <p>{t('directory.searching')}</p>}
      </div>
    </>
  );
}
