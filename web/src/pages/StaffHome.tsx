import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { agencies as loadAgencies } from '../api/accounts';
import { signOut as endSession, type Me } from '../api/auth';
import { rememberCsrf } from '../api/client';
import { notices } from '../api/notifications';
import { useLoad } from '../api/useLoad';
import { AdminChecklist } from '../components/AdminChecklist';
import { Layout } from '../components/Layout';
import { Listings } from './Listings';

/** The staff home: who you are, what your roles let you do, and the lists your role may read. */
export function StaffHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { account } = me;
  const isAdmin = account.roles.includes('network_admin') || account.roles.includes('agency_admin');
  const readsStatistics = account.roles.some((role) => ['researcher', 'network_admin', 'agency_admin', 'coordinator'].includes(role));
  const keepsCases = account.roles.some((role) => role === 'agency_admin' || role === 'coordinator' || role === 'worker');
  const agencies = useLoad(loadAgencies, []).data;
  const unread = useLoad(async () => (await notices()).filter((notice) => !notice.readAt).length, []).data ?? 0;

  // A full reload, not a route change: nothing of the staff session stays in the page's memory.
  const signOut = async (everywhere: boolean) => {
    await endSession(everywhere).catch(() => {});
    rememberCsrf(undefined);
    window.location.replace('/');
  };

  return (
    <Layout>
      <h1>{t('staff.title', { name: account.displayName })}</h1>
      <p>{t('staff.agency', { agency: account.agency.name })}</p>
      {account.roles.includes('agency_admin') && <AdminChecklist agencyId={account.agency.id} />}
      <p>{account.secondFactorEnrolled ? t('staff.secondFactorOn') : t('staff.secondFactorOff')}</p>
      {!account.secondFactorEnrolled && (
        <p>
          <Link to="/sign-in/second-factor">{t('staff.setUpSecondFactor')}</Link>
        </p>
      )}
      <p>
        <Link to="/staff/groups">{t('groups.link')}</Link>
      </p>
      <p>
        <Link to="/staff/bulletins">{t('bulletins.link')}</Link>
      </p>
      <p>
        <Link to="/staff/notifications">{t('notifications.link')}</Link>
        {unread > 0 && ` (${t('notifications.unread', { count: unread })})`}
      </p>
      {keepsCases && (
        <p>
          <Link to="/staff/cases">{t('cases.link')}</Link>
        </p>
      )}
      {keepsCases && (
        <p>
          <Link to="/staff/calendar">{t('calendar.link')}</Link>
        </p>
      )}
      {keepsCases && (
        <p>
          <Link to="/staff/referrals">{t('referrals.link')}</Link>
        </p>
      )}
      {(keepsCases || account.roles.includes('network_admin')) && (
        <p>
          <Link to="/staff/help">{t('help.link')}</Link>
        </p>
      )}
      {account.roles.includes('network_admin') && (
        <p>
          <Link to="/staff/members">{t('members.link')}</Link>
        </p>
      )}
      {account.roles.includes('network_admin') && (
        <p>
          <Link to="/staff/applications">{t('applications.link')}</Link>
        </p>
      )}
      {account.roles.includes('network_admin') && (
        <p>
          <Link to="/staff/collections">{t('collections.link')}</Link>
        </p>
      )}
      {account.roles.includes('network_admin') && (
        <p>
          <Link to="/staff/rights">{t('rightsReviews.link')}</Link>
        </p>
      )}
      {readsStatistics && (
        <p>
          <Link to="/staff/statistics">{t('stats.link')}</Link>
        </p>
      )}
      <h2>{t('staff.roles')}</h2>
      <ul className="cards">
        {account.roles.map((role) => (
          <li key={role} className="card">
            <h3>{t(`roles.${role}`)}</h3>
            <p>{t(`roleHome.${role}`)}</p>
            <p className="muted">{t('staff.notYet')}</p>
          </li>
        ))}
      </ul>
      {isAdmin && (
        <p>
          <Link to="/staff/accounts">{t('accounts.link')}</Link>
        </p>
      )}
      {isAdmin && <Listings network={account.roles.includes('network_admin')} />}
      {agencies && agencies.length > 0 && (
        <section aria-labelledby="agencies-title">
          <h2 id="agencies-title">{t('staff.agenciesTitle')}</h2>
          <ul>
            {agencies.map((agency) => (
              <li key={agency.id}>
                {agency.name} ({agency.province}){agency.isSample && <span className="tag"> {t('app.sampleData')}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="actions">
        <button type="button" onClick={() => void signOut(false)}>
          {t('staff.signOut')}
        </button>
        <button type="button" className="secondary" onClick={() => void signOut(true)}>
          {t('staff.signOutEverywhere')}
        </button>
      </div>
    </Layout>
  );
}
