import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { categories, languages, termName } from './taxonomy';
import type { ServiceResult } from './types';

/** What a person checks first about a service, the same in the results and on its page. */
export function ServiceBadges({ service }: { service: ServiceResult }) {
  const { t } = useTranslation();
  return (
    <ul className="badges">
      {service.openNow && <li>{t('directory.openNowBadge')}</li>}
      {service.servesWithoutStatus && <li>{t('directory.withoutStatus')}</li>}
      {service.traffickingTrained && <li>{t('directory.trained')}</li>}
      {service.needsVerification && <li className="warning">{t('directory.stale')}</li>}
    </ul>
  );
}

export function ResultList({ results }: { results: ServiceResult[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const date = (iso: string) => new Date(iso).toLocaleDateString(lang === 'fr' ? 'fr-CA' : 'en-CA');
  return (
    <ol className="results">
      {results.map((service) => (
        <li key={service.id} className="card">
          <h3>
            <Link to={`/directory/services/${service.id}`}>{service.name[lang]}</Link>
          </h3>
          <p>
            <strong>{service.organization.name}</strong>
            {service.organization.isSample && <span className="tag"> {t('directory.sample')}</span>}
          </p>
          <p>
            {service.location
              ? `${service.location.city}, ${service.location.province}${service.location.address ? ` — ${service.location.address}` : ''}`
              : t('directory.serves', {
                  area: service.areaProvinces.map((code) => t(`directory.provinces.${code}`)).join(', ') || 'Canada',
                })}
            {service.distanceKm !== null && ` · ${t('directory.away', { km: service.distanceKm })}`}
          </p>
          {service.location?.confidential && <p className="muted">{t('directory.confidential')}</p>}
          {service.description[lang] && <p>{service.description[lang]}</p>}
          <p className="muted">{service.categories.map((id) => termName(categories, id, lang)).join(' · ')}</p>
          <ServiceBadges service={service} />
          {service.languages.length > 0 && (
            <p>{t('directory.languages', { list: service.languages.map((id) => termName(languages, id, lang)).join(', ') })}</p>
          )}
          {service.capacity && <p>{t('directory.beds', { count: service.capacity.beds, date: date(service.capacity.updatedAt) })}</p>}
          {service.intake && <p>{t('directory.intake', { text: service.intake })}</p>}
        </li>
      ))}
    </ol>
  );
}
