import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, failureText } from '../api';
import { CheckboxGroup, ProvinceSelect } from '../components/Fields';
import { Alert, Layout } from '../components/Layout';
import { categories, languages, populations, provinces, type Term } from '../directory/taxonomy';
import type { KeptOrganization, ServiceResult } from '../directory/types';

const days = ['1', '2', '3', '4', '5', '6', '7'] as const;
const timezones = [
  'America/St_Johns',
  'America/Halifax',
  'America/Moncton',
  'America/Toronto',
  'America/Winnipeg',
  'America/Regina',
  'America/Edmonton',
  'America/Vancouver',
  'America/Whitehorse',
  'America/Yellowknife',
  'America/Iqaluit',
];

interface Form {
  nameEn: string;
  nameFr: string;
  descriptionEn: string;
  descriptionFr: string;
  categories: string[];
  populations: string[];
  languages: string[];
  areaProvinces: string[];
  servesWithoutStatus: boolean;
  traffickingTrained: boolean;
  servesRemoteCommunities: boolean;
  accessibility: string;
  fees: string;
  eligibility: string;
  intake: string;
  capacityBeds: string;
  timezone: string;
  alwaysOpen: boolean;
  week: Record<string, { opens: string; closes: string }>;
}

const blank: Form = {
  nameEn: '',
  nameFr: '',
  descriptionEn: '',
  descriptionFr: '',
  categories: [],
  populations: [],
  languages: [],
  areaProvinces: [],
  servesWithoutStatus: false,
  traffickingTrained: false,
  servesRemoteCommunities: false,
  accessibility: '',
  fees: '',
  eligibility: '',
  intake: '',
  capacityBeds: '',
  timezone: 'America/Toronto',
  alwaysOpen: false,
  week: Object.fromEntries(days.map((day) => [day, { opens: '', closes: '' }])),
};

function fromService(service: ServiceResult): Form {
  const weekly = service.hours?.weekly ?? {};
  return {
    ...blank,
    nameEn: service.name.en,
    nameFr: service.name.fr,
    descriptionEn: service.description.en,
    descriptionFr: service.description.fr,
    categories: service.categories,
    populations: service.populations,
    languages: service.languages,
    areaProvinces: service.areaProvinces,
    servesWithoutStatus: service.servesWithoutStatus,
    traffickingTrained: service.traffickingTrained,
    servesRemoteCommunities: service.servesRemoteCommunities,
    accessibility: service.accessibility,
    fees: service.fees,
    eligibility: service.eligibility,
    intake: service.intake,
    capacityBeds: service.capacity ? String(service.capacity.beds) : '',
    timezone: service.hours?.timezone ?? 'America/Toronto',
    alwaysOpen: service.hours?.alwaysOpen ?? false,
    week: Object.fromEntries(days.map((day) => [day, { opens: weekly[day]?.[0]?.[0] ?? '', closes: weekly[day]?.[0]?.[1] ?? '' }])),
  };
}

/** The service fields as the API takes them (the same for adding and changing). */
function toBody(form: Form) {
  const weekly = Object.fromEntries(
    days
      .filter((day) => form.week[day]?.opens && form.week[day]?.closes)
      .map((day) => [day, [[form.week[day]?.opens, form.week[day]?.closes]]]),
  );
  const { week: _week, timezone, alwaysOpen, capacityBeds, ...fields } = form;
  return {
    ...fields,
    hours: alwaysOpen || Object.keys(weekly).length > 0 ? { timezone, ...(alwaysOpen ? { alwaysOpen: true } : { weekly }) } : null,
    capacityBeds: capacityBeds.trim() === '' ? null : Number(capacityBeds),
  };
}

/** Adds a listing (with a new organization or location if needed) or changes one the admin keeps. */
export function ListingEditor() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const [form, setForm] = useState<Form>(blank);
  const [organizations, setOrganizations] = useState<KeptOrganization[]>([]);
  const [organizationId, setOrganizationId] = useState('new');
  const [newOrganization, setNewOrganization] = useState('');
  const [pointId, setPointId] = useState('none');
  const [point, setPoint] = useState({ name: '', city: '', province: 'ON', address: '', isConfidential: false });
  const [error, setError] = useState<string>();
  // No form until what it starts from has arrived: a late answer would undo what someone chose.
  const [loaded, setLoaded] = useState(false);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((current) => ({ ...current, [key]: value }));

  useEffect(() => {
    if (id) {
      void api<ServiceResult>('GET', `/api/directory/services/${id}`).then(
        (service) => {
          setForm(fromService(service));
          setLoaded(true);
        },
        () => setError(t('editor.notFound')),
      );
    } else {
      void api<KeptOrganization[]>('GET', '/api/directory/organizations').then(
        (list) => {
          setOrganizations(list);
          if (list[0]) setOrganizationId(list[0].id);
          setLoaded(true);
        },
        (caught) => {
          setError(failureText(caught));
          setLoaded(true);
        },
      );
    }
  }, [id, t]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    // Checked before anything is sent, so a new organization or location is not added for nothing.
    if (form.categories.length === 0) {
      setError(t('editor.needCategory'));
      return;
    }
    try {
      if (id) {
        await api('PATCH', `/api/directory/services/${id}`, toBody(form));
      } else {
        const organization =
          organizationId === 'new'
            ? (await api<{ id: string }>('POST', '/api/directory/organizations', { name: newOrganization })).id
            : organizationId;
        const servicePointId =
          pointId === 'new'
            ? (
                await api<{ id: string }>('POST', '/api/directory/service-points', {
                  ...point,
                  organizationId: organization,
                  address: point.address || null,
                })
              ).id
            : pointId === 'none'
              ? null
              : pointId;
        await api('POST', '/api/directory/services', { ...toBody(form), organizationId: organization, servicePointId });
      }
      navigate('/staff', { replace: true });
    } catch (caught) {
      setError(failureText(caught));
    }
  }

  const text = (key: 'nameEn' | 'nameFr' | 'accessibility' | 'fees' | 'eligibility' | 'intake', required = false) => (
    <div className="field">
      <label htmlFor={`editor-${key}`}>{t(`editor.${key}`)}</label>
      <input id={`editor-${key}`} value={form[key]} required={required} onChange={(event) => set(key, event.target.value)} />
    </div>
  );
  const area = (key: 'descriptionEn' | 'descriptionFr') => (
    <div className="field">
      <label htmlFor={`editor-${key}`}>{t(`editor.${key}`)}</label>
      <textarea id={`editor-${key}`} rows={3} value={form[key]} onChange={(event) => set(key, event.target.value)} />
    </div>
  );
  const choices = (key: 'categories' | 'populations' | 'languages' | 'areaProvinces', terms: Term[]) => (
    <CheckboxGroup
      id={`editor-${key}`}
      legend={t(`editor.${key}`)}
      terms={terms}
      chosen={form[key]}
      onChange={(chosen) => set(key, chosen)}
    />
  );
  const flag = (key: 'servesWithoutStatus' | 'traffickingTrained' | 'servesRemoteCommunities' | 'alwaysOpen') => (
    <div className="check">
      <input id={`editor-${key}`} type="checkbox" checked={form[key]} onChange={(event) => set(key, event.target.checked)} />
      <label htmlFor={`editor-${key}`}>{t(`editor.${key}`)}</label>
    </div>
  );
  const organization = organizations.find((o) => o.id === organizationId);

  return (
    <Layout>
      <h1>{id ? t('editor.editTitle') : t('editor.newTitle')}</h1>
      <p>
        <Link to="/staff">{t('editor.back')}</Link>
      </p>
      <Alert message={error} />
      {loaded && (
        <form onSubmit={(event) => void save(event)}>
          {!id && (
            <fieldset>
              <legend>{t('editor.where')}</legend>
              <div className="field">
                <label htmlFor="editor-organization">{t('editor.organization')}</label>
                <select
                  id="editor-organization"
                  value={organizationId}
                  onChange={(event) => {
                    setOrganizationId(event.target.value);
                    setPointId('none');
                  }}
                >
                  {organizations.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                  <option value="new">{t('editor.newOrganization')}</option>
                </select>
              </div>
              {organizationId === 'new' && (
                <div className="field">
                  <label htmlFor="editor-organization-name">{t('editor.organizationName')}</label>
                  <input
                    id="editor-organization-name"
                    required
                    value={newOrganization}
                    onChange={(event) => setNewOrganization(event.target.value)}
                  />
                </div>
              )}
              <div className="field">
                <label htmlFor="editor-point">{t('editor.location')}</label>
                <select id="editor-point" value={pointId} onChange={(event) => setPointId(event.target.value)}>
                  <option value="none">{t('editor.noLocation')}</option>
                  {organization?.servicePoints.map((p) => (
                    <option key={p.id} value={p.id}>
                      {`${p.name} (${p.city}, ${p.province})`}
                    </option>
                  ))}
                  <option value="new">{t('editor.newLocation')}</option>
                </select>
              </div>
              {pointId === 'new' && (
                <>
                  {(['name', 'city', 'address'] as const).map((key) => (
                    <div className="field" key={key}>
                      <label htmlFor={`editor-point-${key}`}>{t(`editor.point.${key}`)}</label>
                      <input
                        id={`editor-point-${key}`}
                        required={key !== 'address'}
                        value={point[key]}
                        onChange={(event) => setPoint({ ...point, [key]: event.target.value })}
                      />
                    </div>
                  ))}
                  <ProvinceSelect
                    id="editor-point-province"
                    label={t('directory.province')}
                    value={point.province}
                    onChange={(code) => setPoint({ ...point, province: code })}
                  />
                  <div className="check">
                    <input
                      id="editor-point-confidential"
                      type="checkbox"
                      checked={point.isConfidential}
                      onChange={(event) => setPoint({ ...point, isConfidential: event.target.checked })}
                    />
                    <label htmlFor="editor-point-confidential">{t('editor.point.confidential')}</label>
                  </div>
                </>
              )}
            </fieldset>
          )}
          <fieldset>
            <legend>{t('editor.service')}</legend>
            {text('nameEn', true)}
            {text('nameFr', true)}
            {area('descriptionEn')}
            {area('descriptionFr')}
            {text('intake')}
            {text('eligibility')}
            {text('fees')}
            {text('accessibility')}
            <div className="field">
              <label htmlFor="editor-capacityBeds">{t('editor.capacityBeds')}</label>
              <input
                id="editor-capacityBeds"
                type="number"
                min={0}
                value={form.capacityBeds}
                onChange={(event) => set('capacityBeds', event.target.value)}
              />
            </div>
            {flag('servesWithoutStatus')}
            {flag('traffickingTrained')}
            {flag('servesRemoteCommunities')}
          </fieldset>
          {choices('categories', categories)}
          {choices('populations', populations)}
          {choices('languages', languages)}
          {choices(
            'areaProvinces',
            provinces.map((code) => ({ id: code, en: t(`directory.provinces.${code}`), fr: t(`directory.provinces.${code}`) })),
          )}
          <fieldset>
            <legend>{t('editor.hours')}</legend>
            <div className="field">
              <label htmlFor="editor-timezone">{t('editor.timezone')}</label>
              <select id="editor-timezone" value={form.timezone} onChange={(event) => set('timezone', event.target.value)}>
                {timezones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ))}
              </select>
            </div>
            {flag('alwaysOpen')}
            {!form.alwaysOpen &&
              days.map((day) => (
                <div className="hours-row" key={day}>
                  <span id={`editor-day-${day}`}>{t(`editor.days.${day}`)}</span>
                  {(['opens', 'closes'] as const).map((edge) => (
                    <input
                      key={edge}
                      type="time"
                      aria-label={`${t(`editor.days.${day}`)} — ${t(`editor.${edge}`)}`}
                      value={form.week[day]?.[edge] ?? ''}
                      onChange={(event) =>
                        set('week', {
                          ...form.week,
                          [day]: { ...(form.week[day] ?? { opens: '', closes: '' }), [edge]: event.target.value },
                        })
                      }
                    />
                  ))}
                </div>
              ))}
          </fieldset>
          <button type="submit">{id ? t('editor.saveChanges') : t('editor.add')}</button>
        </form>
      )}
    </Layout>
  );
}
