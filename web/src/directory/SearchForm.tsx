import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkbox, ProvinceSelect } from '../components/Fields';
import { categories, languages, populations, type Term } from './taxonomy';
import type { Criteria } from './types';

interface Props {
  initial: Criteria;
  busy: boolean;
  onSearch: (criteria: Criteria) => void;
}

const radii = ['10', '25', '50', '100', '500'];

export function SearchForm({ initial, busy, onSearch }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const [criteria, setCriteria] = useState<Criteria>(initial);
  const set = <K extends keyof Criteria>(key: K, value: Criteria[K]) => setCriteria((current) => ({ ...current, [key]: value }));
  const byName = (terms: Term[]) => [...terms].sort((a, b) => a[lang].localeCompare(b[lang], lang));

  const select = (key: 'category' | 'population' | 'language', label: string, terms: Term[]) => (
    <div className="field">
      <label htmlFor={`search-${key}`}>{label}</label>
      <select id={`search-${key}`} value={criteria[key]} onChange={(event) => set(key, event.target.value)}>
        <option value="">{t('directory.any')}</option>
        {byName(terms).map((term) => (
          <option key={term.id} value={term.id}>
            {term[lang]}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <search>
      <form
        className="directory-search"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          onSearch(criteria);
        }}
      >
        <div className="field wide">
          <label htmlFor="search-q">{t('directory.what')}</label>
          <input
            id="search-q"
            type="search"
            value={criteria.q}
            placeholder={t('directory.whatHint')}
            onChange={(event) => set('q', event.target.value)}
          />
        </div>
        {select('category', t('directory.category'), categories)}
        {select('population', t('directory.population'), populations)}
        {select('language', t('directory.language'), languages)}
        <ProvinceSelect
          id="search-province"
          label={t('directory.province')}
          value={criteria.province}
          first={{ value: '', label: t('directory.any') }}
          onChange={(code) => set('province', code)}
        />
        <div className="field">
          <label htmlFor="search-near">{t('directory.near')}</label>
          <input id="search-near" value={criteria.near} autoComplete="off" onChange={(event) => set('near', event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="search-radius">{t('directory.radius')}</label>
          <select id="search-radius" value={criteria.radiusKm} onChange={(event) => set('radiusKm', event.target.value)}>
            {radii.map((km) => (
              <option key={km} value={km}>
                {t('directory.km', { count: Number(km) })}
              </option>
            ))}
          </select>
        </div>
        {checkbox('search-open', t('directory.openNow'), criteria.openNow, (checked) => set('openNow', checked))}
        <button type="submit" disabled={busy}>
          {t('directory.search')}
        </button>
      </form>
    </search>
  );
}
