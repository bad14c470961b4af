import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { accounts as loadAccounts } from '../api/accounts';
import { listings as loadListings } from '../api/directory';
import { inboxKeys } from '../api/help';
import { useLoad } from '../api/useLoad';

/**
 * For an agency's admin, until it is done: the first steps of a new member — its listing, its
 * colleagues, its inbox key for help requests — each ticked from what Harbour holds, and the
 * start-up toolkit to read.
 */
export function AdminChecklist({ agencyId }: { agencyId: string }) {
  const { t } = useTranslation();
  const { data } = useLoad(async () => {
    const [listings, accounts, keys] = await Promise.all([loadListings({ page: 1 }), loadAccounts(), inboxKeys('agency')]);
    return {
      listing: listings.total > 0,
      colleagues: accounts.filter((account) => account.agencyId === agencyId).length > 1,
      key: keys.keys.some((key) => key.retiredAt === null),
    };
  }, [agencyId]);
  if (!data || (data.listing && data.colleagues && data.key)) return null;
  const steps = [
    { id: 'listing', done: data.listing, to: '/staff/listings/new' },
    { id: 'colleagues', done: data.colleagues, to: '/staff/accounts' },
    { id: 'key', done: data.key, to: '/staff/help' },
  ] as const;
  return (
    <section aria-labelledby="checklist-title" className="notice">
      <h2 id="checklist-title">{t('checklist.title')}</h2>
      <ol>
        {steps.map((step) => (
          <li key={step.id}>
            <Link to={step.to}>{t(`checklist.${step.id}`)}</Link> — {step.done ? t('checklist.done') : t('checklist.todo')}
          </li>
        ))}
        <li>
          <Link to="/library?collection=start-up-toolkit">{t('checklist.toolkit')}</Link>
        </li>
      </ol>
    </section>
  );
}
