import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { failureText } from '../api/client';
import {
  addOrganization,
  addService,
  addServicePoint,
  changeService,
  getService,
  type KeptOrganization,
  keptOrganizations,
} from '../api/directory';
import { CheckboxGroup, checkbox } from '../components/Fields';
import { Alert, Layout } from '../components/Layout';
import { RowsEditor } from '../components/RowsEditor';
import { HoursFields } from '../directory/HoursFields';
import { blank, type Form, fromService, phoneKinds, toBody } from '../directory/listingForm';
import { categories, languages, populations, provinces, type Term } from '../directory/taxonomy';
import { nowhere, type Where, WhereFields } from '../directory/WhereFields';

/** Adds a listing (with a new organization or location if needed) or changes one the admin keeps. */
export function ListingEditor() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const [form, setForm] = useState<Form>(blank);
  const [organizations, setOrganizations] = useState<KeptOrganization[]>([]);
  const [where, setWhere] = useState<Where>(nowhere);
  const [error, setError] = useState<string>();
  // No form until what it starts from has arrived: a late answer would undo what someone chose.
  const [loaded, setLoaded] = useState(false);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((current) => ({ ...current, [key]: value }));

  useEffect(() => {
    if (id) {
      void getService(id).then(
        (service) => {
          setForm(fromService(service));
          setLoaded(true);
        },
        () => setError(t('editor.notFound')),
      );
    } else {
      void keptOrganizations().then(
        (list) => {
          setOrganizations(list);
          if (list[0]) setWhere({ ...nowhere, organizationId: list[0].id });
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
        await changeService(id, toBody(form));
      } else {
        const { organizationId, newOrganization, pointId, point } = where;
        const organization = organizationId === 'new' ? (await addOrganization(newOrganization)).id : organizationId;
        const servicePointId =
          pointId === 'new'
            ? (await addServicePoint({ ...point, organizationId: organization, address: point.address || null })).id
            : pointId === 'none'
              ? null
              : pointId;
        await addService({ ...toBody(form), organizationId: organization, servicePointId });
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
  const flag = (key: 'servesWithoutStatus' | 'traffickingTrained' | 'servesRemoteCommunities') =>
    checkbox(`editor-${key}`, t(`editor.${key}`), form[key], (checked) => set(key, checked));

  return (
    <Layout>
      <h1>{id ? t('editor.editTitle') : t('editor.newTitle')}</h1>
      <p>
        <Link to="/staff">{t('editor.back')}</Link>
      </p>
      <Alert message={error} />
      {loaded && (
        <form onSubmit={(event) => void save(event)}>
          {!id && <WhereFields organizations={organizations} where={where} onChange={setWhere} />}
          <fieldset>
            <legend>{t('editor.service')}</legend>
            {text('nameEn', true)}
            {text('nameFr', true)}
            {area('descriptionEn')}
            {area('descriptionFr')}
            {text('intake')}
          </fieldset>
          <fieldset>
            <legend>{t('editor.reach')}</legend>
            <RowsEditor
              rows={form.phones}
              blank={{ number: undefined, extension: undefined, kind: 'voice', description: undefined }}
              rowLabel={(number) => t('editor.phoneNumber', { number })}
              columns={[
                { key: 'number', type: 'text', label: t('editor.phone.number') },
                { key: 'extension', type: 'text', label: t('editor.phone.extension') },
                {
                  key: 'kind',
                  type: 'select',
                  label: t('editor.phone.kind'),
                  options: phoneKinds.map((kind) => ({ value: kind, label: t(`directory.phoneKinds.${kind}`) })),
                },
                { key: 'description', type: 'text', label: t('editor.phone.description') },
              ]}
              onChange={(phones) => set('phones', phones)}
            />
            <div className="field">
              <label htmlFor="editor-email">{t('editor.email')}</label>
              <input id="editor-email" type="email" value={form.email} onChange={(event) => set('email', event.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="editor-website">{t('editor.website')}</label>
              <input id="editor-website" type="url" value={form.website} onChange={(event) => set('website', event.target.value)} />
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('editor.conditions')}</legend>
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
          <HoursFields form={form} set={set} />
          <button type="submit">{id ? t('editor.saveChanges') : t('editor.add')}</button>
        </form>
      )}
    </Layout>
  );
}
