import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import vocabulary from '../../../data/cases/vocabulary.json';
import { RowsEditor } from '../components/RowsEditor';

type Row = Record<string, string | undefined>;

/** What the person received, and what they agreed to: each saved as the whole list, like the plan. */
export function ServicesAndConsents(props: {
  services: Row[];
  consents: Row[];
  onSave: (changes: { services?: Row[]; consents?: Row[] }, saved: string) => void;
}) {
  const { t } = useTranslation();
  const [services, setServices] = useState<Row[]>(props.services);
  const [consents, setConsents] = useState<Row[]>(props.consents);
  const headingOptions = vocabulary.planHeadings.map((value) => ({ value, label: t(`cases.headings.${value}`) }));
  const byOptions = (['this-agency', 'referral'] as const).map((value) => ({ value, label: t(`services.by.${value}`) }));

  return (
    <>
      <section aria-labelledby="services-title">
        <h2 id="services-title">{t('services.title')}</h2>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            props.onSave({ services }, t('services.saved'));
          }}
        >
          <RowsEditor
            rows={services}
            blank={{ heading: 'status', by: 'this-agency' }}
            rowLabel={(number) => t('services.number', { number })}
            columns={[
              { key: 'on', type: 'date', label: t('services.on') },
              { key: 'heading', type: 'select', label: t('services.heading'), options: headingOptions },
              { key: 'what', type: 'text', label: t('services.what') },
              { key: 'by', type: 'select', label: t('services.byLabel'), options: byOptions },
              { key: 'provider', type: 'text', label: t('services.provider') },
            ]}
            onChange={setServices}
          />
          <button type="submit">{t('services.save')}</button>
        </form>
      </section>
      <section aria-labelledby="consents-title">
        <h2 id="consents-title">{t('consents.title')}</h2>
        <p className="muted">{t('consents.explain')}</p>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            props.onSave({ consents }, t('consents.saved'));
          }}
        >
          <RowsEditor
            rows={consents}
            blank={{}}
            rowLabel={(number) => t('consents.number', { number })}
            columns={[
              { key: 'what', type: 'text', label: t('consents.what') },
              { key: 'purpose', type: 'text', label: t('consents.purpose') },
              { key: 'givenOn', type: 'date', label: t('consents.givenOn') },
              { key: 'until', type: 'date', label: t('consents.until') },
              { key: 'withdrawnOn', type: 'date', label: t('consents.withdrawnOn') },
            ]}
            onChange={setConsents}
          />
          <button type="submit">{t('consents.save')}</button>
        </form>
      </section>
    </>
  );
}
