import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { failureText } from '../api/client';
import { notices as loadNotices, markRead } from '../api/notifications';
import { useLoad } from '../api/useLoad';
import { Alert, Layout } from '../components/Layout';
import { longDate } from './Cases';

/** The signed-in person's notices: what is coming due, and a link to the case, which names the person. */
export function Notifications() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const { data: notices, error: loadError, reload } = useLoad(loadNotices, []);
  const [error, setError] = useState<string>();

  return (
    <Layout>
      <h1>{t('notifications.title')}</h1>
      <p>
        <Link to="/staff">{t('editor.back')}</Link>
      </p>
      <p className="muted">{t('notifications.explain')}</p>
      <Alert message={error ?? loadError} />
      {notices?.length === 0 && <p>{t('notifications.none')}</p>}
      <ul className="cards">
        {notices?.map((notice) => (
          <li key={notice.id} className="card">
            <h2>{t(`notifications.kinds.${notice.kind}`, { defaultValue: notice.kind })}</h2>
            {notice.due && <p>{t('notifications.due', { date: longDate(notice.due, lang) })}</p>}
            <p className="actions">
              {notice.subjectType === 'case' && <Link to={`/staff/cases/${notice.subjectId}`}>{t('notifications.open')}</Link>}
              {notice.subjectType === 'referral' && (
                <Link to={`/staff/referrals/${notice.subjectId}`}>{t('notifications.openReferral')}</Link>
              )}
              {notice.subjectType === 'account' && <Link to="/staff">{t('notifications.openAccounts')}</Link>}
              {notice.subjectType === 'help-request' && <Link to="/staff/help">{t('notifications.openHelp')}</Link>}
              {notice.subjectType === 'working-group' && (
                <Link to={`/staff/groups/${notice.subjectId}`}>{t('notifications.openGroup')}</Link>
              )}
              {notice.subjectType === 'meeting' && <Link to={`/staff/meetings/${notice.subjectId}`}>{t('notifications.openMeeting')}</Link>}
              {notice.subjectType === 'membership-application' && (
                <Link to={`/staff/applications/${notice.subjectId}`}>{t('notifications.openApplication')}</Link>
              )}
              {notice.readAt ? (
                <span className="muted">{t('notifications.read')}</span>
              ) : (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => void markRead(notice.id).then(reload, (caught) => setError(failureText(caught)))}
                >
                  {t('notifications.markRead')}
                </button>
              )}
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
