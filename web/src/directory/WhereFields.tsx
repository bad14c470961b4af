import { useTranslation } from 'react-i18next';
import type { KeptOrganization } from '../api/directory';
import { ProvinceSelect } from '../components/Fields';
import type { ProvinceCode } from './taxonomy';

export interface NewPoint {
  name: string;
  city: string;
  province: ProvinceCode;
  address: string;
  isConfidential: boolean;
}

export interface Where {
  organizationId: string;
  newOrganization: string;
  pointId: string;
  point: NewPoint;
}

export const nowhere: Where = {
  organizationId: 'new',
  newOrganization: '',
  pointId: 'none',
  point: { name: '', city: '', province: 'ON', address: '', isConfidential: false },
};

/** Where a new listing goes: an organization the admin keeps (or a new one), and one of its locations (or a new one). */
export function WhereFields({
  organizations,
  where,
  onChange,
}: {
  organizations: KeptOrganization[];
  where: Where;
  onChange: (where: Where) => void;
}) {
  const { t } = useTranslation();
  const { organizationId, newOrganization, pointId, point } = where;
  const set = (changes: Partial<Where>) => onChange({ ...where, ...changes });
  const setPoint = (next: NewPoint) => set({ point: next });
  const organization = organizations.find((o) => o.id === organizationId);
  return (
    <fieldset>
      <legend>{t('editor.where')}</legend>
      <div className="field">
        <label htmlFor="editor-organization">{t('editor.organization')}</label>
        <select
          id="editor-organization"
          value={organizationId}
          onChange={(event) => set({ organizationId: event.target.value, pointId: 'none' })}
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
            onChange={(event) => set({ newOrganization: event.target.value })}
          />
        </div>
      )}
      <div className="field">
        <label htmlFor="editor-point">{t('editor.location')}</label>
        <select id="editor-point" value={pointId} onChange={(event) => set({ pointId: event.target.value })}>
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
            onChange={(code) => setPoint({ ...point, province: code as ProvinceCode })}
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
  );
}
