import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type CaseChanges, changeCase, getCase, pathways } from '../api/cases';
import { ApiError, failureText } from '../api/client';
import { useLoad } from '../api/useLoad';
import { BreakGlass } from '../cases/BreakGlass';
import { CaseLifecycle } from '../cases/CaseLifecycle';
import { CaseRecords } from '../cases/CaseRecords';
import { CaseTeam } from '../cases/CaseTeam';
import { ConsentWithdrawal } from '../cases/ConsentWithdrawal';
import { PathwayDates } from '../cases/PathwayDates';
import { PathwaysSection } from '../cases/PathwaysSection';
import { SafetyPlan } from '../cases/SafetyPlan';
import { ServicesAndConsents } from '../cases/ServicesAndConsents';
import { SituationSection } from '../cases/SituationSection';
import { Alert, Layout } from '../components/Layout';

/** One case: the person, the safety plan under its headings, the permits, and what follows for their pathways. */
export function CasePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const id = useParams().id ?? '';
  const [refused, setRefused] = useState(false);
  const [message, setMessage] = useState<{ error?: string; saved?: string }>({});

  const loaded = useLoad(async () => {
    try {
      const view = await getCase(id);
      setRefused(false);
      return { view, assessment: await pathways(id) };
    } catch (caught) {
      // A restricted case answers 403 to whoever is not on its team: they may break the glass.
      if (caught instanceof ApiError && caught.status === 403) setRefused(true);
      throw caught;
    }
  }, [id]);
  const { reload } = loaded;

  const save = useCallback(
    async (changes: CaseChanges, saved: string) => {
      setMessage({});
      try {
        await changeCase(id, changes);
        await reload();
        setMessage({ saved });
      } catch (caught) {
        setMessage({ error: failureText(caught) });
      }
    },
    [id, reload],
  );

  if (refused) return <BreakGlass caseId={id} onOpened={reload} />;
  // Not found, erased, or another agency's: the page says the same, and names nothing.
  if (!loaded.data) return <Layout>{loaded.error && <p className="error">{t('cases.notFound')}</p>}</Layout>;
  const { view, assessment } = loaded.data;
  // Sections keep their own drafts; a new version of the case (after any save) starts them afresh.
  const version = view.updatedAt;

  return (
    <Layout>
      <h1>{view.name}</h1>
      <p>
        <Link to="/staff/cases">{t('cases.back')}</Link> · {t('cases.reference', { reference: view.reference })} ·{' '}
        {t('cases.coordinator', { name: view.coordinator.displayName })}
        {view.restricted && ` · ${t('cases.restricted')}`}
        {view.status === 'closed' && ` · ${t('cases.closedTag')}`}
      </p>
      <div aria-live="polite">{message.saved && <p className="notice">{message.saved}</p>}</div>
      <Alert message={message.error} />
      {view.consentWithdrawal && (
        <ConsentWithdrawal
          key={`withdrawal-${version}`}
          caseId={view.id}
          withdrawal={view.consentWithdrawal}
          onDecided={() => void reload().then(() => setMessage({ saved: t('withdrawal.saved') }))}
        />
      )}
      {view.accessGrants.length > 0 && (
        <section aria-labelledby="grants-title">
          <h2 id="grants-title">{t('cases.grants')}</h2>
          <ul>
            {view.accessGrants.map((g) => (
              <li key={g.grantedAt}>
                {g.account.displayName}, {new Date(g.grantedAt).toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA')}: {g.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
      <SituationSection key={`situation-${version}`} content={view.content} save={save} />
      <SafetyPlan key={`plan-${version}`} initial={view.content.safetyPlan} save={save} />
      <PathwayDates
        key={`dates-${version}`}
        facts={view.content.pathwayFacts}
        onSave={(pathwayFacts) => void save({ pathwayFacts }, t('cases.permitsSaved'))}
      />
      <ServicesAndConsents
        key={`services-${version}`}
        services={view.content.services}
        consents={view.content.consents}
        onSave={(changes, saved) => void save(changes as CaseChanges, saved)}
      />
      <CaseTeam
        key={`team-${version}`}
        view={view}
        save={save}
        onHandedOver={(handed) => void reload().then(() => setMessage({ saved: handed }))}
      />
      <CaseRecords caseId={view.id} />
      <section aria-labelledby="assessments-title">
        <h2 id="assessments-title">{t('cases.assessments')}</h2>
        {view.content.assessments.length === 0 && <p>{t('cases.noAssessments')}</p>}
        <ul>
          {view.content.assessments.map((a) => (
            <li key={a.at}>
              {new Date(a.at).toLocaleDateString(lang === 'fr' ? 'fr-CA' : 'en-CA')} —{' '}
              {t(a.result.indicatesTrafficking ? 'cases.assessmentIndicates' : 'cases.assessmentNotYet', { count: a.indicators.length })}
            </li>
          ))}
        </ul>
        <p>
          <Link to={`/staff/cases/${id}/identification`}>{t('cases.useAid')}</Link>
        </p>
        <p>
          <Link to={`/staff/referrals/new?case=${id}`}>{t('cases.refer')}</Link>
        </p>
      </section>
      <PathwaysSection assessment={assessment} />
      <CaseLifecycle caseId={view.id} status={view.status} closedReason={view.closedReason} purgeOn={view.purgeOn} onChanged={reload} />
    </Layout>
  );
}
