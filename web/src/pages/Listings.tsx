import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listings as loadListings, verifyService } from '../api/directory';
import { useLoad } from '../api/useLoad';

/** An admin's directory listings, those not verified for twelve months first, each confirmable here. */
export function Listings() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const { data: listings, reload } = useLoad(loadListings, []);
  if (!listings) return null;
  const flagged = listings.filter((listing) => listing.needsVerification).length;
  return (
    <section aria-labelledby="listings-title">
      <h2 id="listings-title">{t('staff.listingsTitle')}</h2>
      <p>{t('staff.listingsIntro')}</p>
      <p>
        <Link to="/staff/listings/new">{t('staff.addListing')}</Link> · <Link to="/staff/library">{t('staff.libraryShelf')}</Link>
      </p>
      {flagged > 0 && <p className="notice">{t('staff.listingsFlagged', { count: flagged })}</p>}
      {listings.length === 0 ? (
        <p>{t('staff.listingsNone')}</p>
      ) : (
        <ul className="cards">
          {listings.map((listing) => (
            <li key={listing.id} className="card">
              <h3>{listing.name[lang]}</h3>
              <p>{listing.organization}</p>
              {listing.toReview && <p className="notice">{t('staff.toReview')}</p>}
              <p>
                {listing.needsVerification ? <strong>{t('staff.needsVerification')}</strong> : t('staff.verified')} ·{' '}
                {new Date(listing.lastVerifiedAt).toLocaleDateString(lang === 'fr' ? 'fr-CA' : 'en-CA')}
                {listing.openReports > 0 && ` · ${t('staff.reports', { count: listing.openReports })}`}
              </p>
              <button type="button" className="secondary" onClick={() => void verifyService(listing.id).then(reload)}>
                {t('staff.verify')}
              </button>{' '}
              <Link to={`/staff/listings/${listing.id}`}>{t('staff.editListing', { name: listing.name[lang] })}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
