import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listReferrals, type ReferralSummary } from '../api/referrals';
import { useLoad } from '../api/useLoad';
import { Alert, Layout } from '../components/Layout';

const when = (iso: string | null, lang: string) =>
  iso ? new Date(iso).toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium', timeStyle: 'short' }) : '—';

/** The agency's referrals: what came in (the inbox) and what it sent, overdue ones flagged on both sides. */
export function Referrals() {
  const { t } = useTranslation();
  const { data: boxes, error } = useLoad(async () => {
    const [inbox, sent] = await Promise.all([listReferrals('inbox'), listReferrals('sent')]);
    return { inbox, sent };
  }, []);

  return (
    <Layout>
      <h1>{t('referrals.title')}</h1>
      <p>
        <Link to="/staff">{t('editor.back')}</Link> · <Link to="/staff/referrals/new">{t('referrals.new')}</Link>
      </p>
      <Alert message={error} />
      <Box id="inbox" title={t('referrals.inbox')} rows={boxes?.inbox} />
      <Box id="sent" title={t('referrals.sent')} rows={boxes?.sent} />
    </Layout>
  );
}

function Box({ id, title, rows }: { id: string; title: string; rows: ReferralSummary[] | undefined }) {
  const { t, i18n } = useTranslation();
  if (!rows) return null;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {rows.length === 0 ? (
        <p>{t('referrals.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('referrals.person')}</th>
              <th scope="col">{id === 'inbox' ? t('referrals.from') : t('referrals.to')}</th>
              <th scope="col">{t('referrals.urgency')}</th>
              <th scope="col">{t('referrals.stateLabel')}</th>
              <th scope="col">{t('referrals.answerBy')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <Link to={`/staff/referrals/${row.id}`}>{row.name ?? t('referrals.noLongerShared')}</Link>
                </td>
                <td>{id === 'inbox' ? row.from.agency : [row.to.agency, row.to.service].filter(Boolean).join(' — ')}</td>
                <td>{t(`referrals.urgencies.${row.urgency}`)}</td>
                <td>
                  {t(`referrals.states.${row.state}`)}
                  {row.overdue && (
                    <>
                      {' '}
                      <strong className="flag">{t('referrals.overdue')}</strong>
                    </>
                  )}
                </td>
                <td>{row.state === 'sent' ? when(row.acknowledgeBy, i18n.language) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
