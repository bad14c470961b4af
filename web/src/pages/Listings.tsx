import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { agencies as loadAgencies } from '../api/accounts';
import { failureText } from '../api/client';
import { listings as loadListings, verifyListings, verifyService } from '../api/directory';
import { useLoad } from '../api/useLoad';
import { checkbox, field, Pager, ProvinceSelect } from '../components/Fields';
import { Alert } from '../components/Layout';

/**
 * The verification queue: an admin's directory listings (every agency's, for a network admin),
 * those waiting for a category and the longest unverified first, searchable by name, by agency
 * and province, a page at a time. A listing's own admins confirm one, or those they tick, at once.
 */
export function Listings({ network }: { network: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const [filter, setFilter] = useState({ q: '', agencyId: '', province: '', page: 1 });
  const [typed, setTyped] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [message, setMessage] = useState<{ error?: string; done?: string }>({});
  const { data, loading, reload } = useLoad(() => loadListings(filter), [filter]);
  const agencies = useLoad(async () => (network ? loadAgencies() : []), [network]).data ?? [];
  const confirmed = (count: number) => async () => {
    setChosen([]);
    await reload();
    setMessage({ done: t('staff.confirmedCount', { count }) });
  };
  const failed = (caught: unknown) => setMessage({ error: failureText(caught) });
  const mine = data?.listings.filter((listing) => listing.mine) ?? [];
  const flagged = data?.listings.filter((listing) => listing.needsVerification).length ?? 0;

  return (
    <section aria-labelledby="listings-title">
      <h2 id="listings-title">{t('staff.listingsTitle')}</h2>
      <p>{t('staff.listingsIntro')}</p>
      <p>
        <Link to="/staff/listings/new">{t('staff.addListing')}</Link> · <Link to="/staff/library">{t('staff.libraryShelf')}</Link>
      </p>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter({ ...filter, q: typed.trim(), page: 1 });
        }}
      >
        {field(
          'listings-q',
          t('staff.listingsSearch'),
          <input id="listings-q" value={typed} onChange={(event) => setTyped(event.target.value)} />,
        )}
        {network &&
          field(
            'listings-agency',
            t('staff.listingsAgency'),
            <select
              id="listings-agency"
              value={filter.agencyId}
              onChange={(event) => setFilter({ ...filter, agencyId: event.target.value, page: 1 })}
            >
              <option value="">{t('staff.allAgencies')}</option>
              {agencies.map((agency) => (
                <option key={agency.id} value={agency.id}>
                  {agency.name}
                </option>
              ))}
            </select>,
          )}
        <ProvinceSelect
          id="listings-province"
          label={t('staff.province')}
          value={filter.province}
          first={{ value: '', label: t('staff.allProvinces') }}
          onChange={(province) => setFilter({ ...filter, province, page: 1 })}
        />
        <p>
          <button type="submit">{t('staff.listingsFind')}</button>
        </p>
      </form>
      <Alert message={message.error} />
      <div aria-live="polite">
        {message.done && <p className="notice">{message.done}</p>}
        {data && <p>{t('staff.listingsCount', { count: data.total })}</p>}
      </div>
      {flagged > 0 && <p className="notice">{t('staff.listingsFlagged', { count: flagged })}</p>}
      {mine.length > 0 && (
        <p className="actions">
          <button
            type="button"
            className="secondary"
            onClick={() => setChosen(chosen.length === mine.length ? [] : mine.map((listing) => listing.id))}
          >
            {chosen.length === mine.length ? t('staff.selectNone') : t('staff.selectPage')}
          </button>
          <button
            type="button"
            disabled={chosen.length === 0}
            onClick={() => verifyListings(chosen).then(confirmed(chosen.length), failed)}
          >
            {t('staff.confirmSelected', { count: chosen.length })}
          </button>
        </p>
      )}
      {data?.total === 0 ? (
        <p>{t('staff.listingsNone')}</p>
      ) : (
        <ul className="cards">
          {data?.listings.map((listing) => (
            <li key={listing.id} className="card">
              <h3>{listing.name[lang]}</h3>
              <p>
                {listing.organization}
                {network && listing.agency && ` · ${listing.agency}`}
                {listing.province && ` · ${t(`directory.provinces.${listing.province}`)}`}
              </p>
              {listing.toReview && <p className="notice">{t('staff.toReview')}</p>}
              <p>
                {listing.needsVerification ? <strong>{t('staff.needsVerification')}</strong> : t('staff.verified')} ·{' '}
                {new Date(listing.lastVerifiedAt).toLocaleDateString(lang === 'fr' ? 'fr-CA' : 'en-CA')}
                {listing.openReports > 0 && ` · ${t('staff.reports', { count: listing.openReports })}`}
              </p>
              {listing.mine &&
                checkbox(
                  `choose-${listing.id}`,
                  t('staff.chooseListing', { name: listing.name[lang] }),
                  chosen.includes(listing.id),
                  (on) => setChosen(on ? [...chosen, listing.id] : chosen.filter((id) => id !== listing.id)),
                )}
              <p className="actions">
                <button type="button" className="secondary" onClick={() => verifyService(listing.id).then(confirmed(1), failed)}>
                  {t('staff.verify')}
                </button>
                <Link to={`/staff/listings/${listing.id}`}>{t('staff.editListing', { name: listing.name[lang] })}</Link>
              </p>
            </li>
          ))}
        </ul>
      )}
      {data && (
        <Pager
          page={filter.page}
          pages={Math.max(1, Math.ceil(data.total / data.pageSize))}
          busy={loading}
          onPage={(page) => {
            setChosen([]);
            setFilter({ ...filter, page });
          }}
        />
      )}
    </section>
  );
}
