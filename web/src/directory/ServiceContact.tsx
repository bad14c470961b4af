import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceResult } from '../api/directory';

type Phone = ServiceResult['phones'][number];

/** `tel:` and `sms:` take digits and a leading +; an extension is dialled after a pause. */
const dialable = (phone: Phone) => `${phone.number.replace(/[^0-9+]/g, '')}${phone.extension ? `,${phone.extension}` : ''}`;
const spoken = (phone: Phone, ext: string) => `${phone.number}${phone.extension ? ` ${ext} ${phone.extension}` : ''}`;

/** A button that copies a number or an address, and says so where a screen reader hears it. */
function CopyButton({ text, what }: { text: string; what: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <>
      <button
        type="button"
        className="secondary small"
        // Seen: "Copy"; heard: what is copied. The name starts with what is seen (WCAG 2.5.3).
        aria-label={t('service.copy', { what })}
        onClick={() =>
          void navigator.clipboard?.writeText(text).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {t('service.copyShort')}
      </button>
      <span role="status" className="muted">
        {copied ? ` ${t('service.copied')}` : ''}
      </span>
    </>
  );
}

/** How to reach the service: phones to tap, an email, a website, the address or, for a confidential place, intake. */
export function ServiceContact({ service }: { service: ServiceResult }) {
  const { t } = useTranslation();
  const ext = t('service.extension');
  const address = service.location?.address
    ? `${service.location.address}, ${service.location.city}, ${service.location.province}`
    : undefined;
  return (
    <section aria-labelledby="reach-title" className="reach">
      <h2 id="reach-title">{t('service.reach')}</h2>
      {service.phones.length > 0 && (
        <ul className="contact">
          {service.phones.map((phone) => (
            <li key={`${phone.number}-${phone.extension ?? ''}`}>
              {phone.kind === 'fax' ? (
                <span>{spoken(phone, ext)}</span>
              ) : (
                <a href={`${phone.kind === 'text' ? 'sms' : 'tel'}:${dialable(phone)}`}>{spoken(phone, ext)}</a>
              )}{' '}
              <span className="muted">
                {t(`directory.phoneKinds.${phone.kind}`)}
                {phone.description && ` · ${phone.description}`}
              </span>{' '}
              <CopyButton text={spoken(phone, ext)} what={spoken(phone, ext)} />
            </li>
          ))}
        </ul>
      )}
      {service.email && (
        <p>
          {t('service.email')} <a href={`mailto:${service.email}`}>{service.email}</a>{' '}
          <CopyButton text={service.email} what={service.email} />
        </p>
      )}
      {service.website && (
        <p>
          {t('service.website')} <a href={service.website}>{service.website}</a>
        </p>
      )}
      {address && (
        <p>
          {t('service.address')} {address} <CopyButton text={address} what={t('service.theAddress')} />
        </p>
      )}
      {service.location?.confidential && <p className="notice">{t('directory.confidential')}</p>}
      {service.intake && (
        <p>
          <strong>{t('service.intake')}</strong> {service.intake}
        </p>
      )}
      {service.phones.length === 0 && !service.email && !service.website && !address && !service.intake && <p>{t('service.noContact')}</p>}
    </section>
  );
}
