import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import vocabulary from '../../../data/cases/vocabulary.json';
import { ApiError, api, failureText } from '../api';
import { CaseLifecycle } from '../cases/CaseLifecycle';
import { CaseRecords } from '../cases/CaseRecords';
import { PathwayDates, type PathwayFacts } from '../cases/PathwayDates';
import { ServicesAndConsents } from '../cases/ServicesAndConsents';
import { Alert, Layout } from '../components/Layout';
import { longDate } from './Cases';

const headings = [
  'status',
  'health-care',
  'mental-health',
  'safe-housing',
  'employment-skills',
  'work-permit',
  'legal',
  'interpretation',
  'family',
] as const;
type Heading = (typeof headings)[number];

interface Action {
  what: string;
  owner?: string;
  due?: string;
  progress: string;
}
type Plan = Partial<Record<Heading, { goal: string; actions: Action[] }>>;
interface Situation {
  exploitation?: string[];
  sector?: string;
  cameThrough?: string;
}

const choices = {
  gender: vocabulary.genders,
  citizenshipRegion: vocabulary.citizenshipRegions,
  sector: vocabulary.sectors,
  cameThrough: vocabulary.cameThrough,
};

interface CaseView {
  id: string;
  name: string;
  status: 'open' | 'closed';
  closedReason: string | null;
  purgeOn: string | null;
  restricted: boolean;
  coordinator: { displayName: string };
  content: {
    person: { names: string[]; safeContact?: string; gender?: string; citizenshipRegion?: string };
    situation: Situation;
    safetyPlan: Plan;
    pathwayFacts: PathwayFacts;
    services: Array<Record<string, string | undefined>>;
    consents: Array<Record<string, string | undefined>>;
    assessments: Array<{ at: string; listId: string; indicators: string[]; result: { indicatesTrafficking?: boolean } }>;
  };
  accessGrants: Array<{ account: { displayName: string }; grantedAt: string; reason: string }>;
}
interface RuleRef {
  id: string;
  confirmed: boolean;
  en: string;
  fr: string;
  source: string;
}
interface Assessment {
  pathways: Array<{ pathway: string; state: string; from?: string; rules: RuleRef[]; notes: Array<{ en: string; fr: string }> }>;
  deadlines: Array<{ kind: string; due: string; remindOn: string; rule: RuleRef }>;
}

/** One case: the person, the safety plan under its headings, the permits, and what follows for their pathways. */
export function CasePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const { id } = useParams();
  const [view, setView] = useState<CaseView>();
  const [plan, setPlan] = useState<Plan>({});
  const [about, setAbout] = useState<{ gender: string; citizenshipRegion: string } & Situation>({ gender: '', citizenshipRegion: '' });
  const [assessment, setAssessment] = useState<Assessment>();
  const [message, setMessage] = useState<{ error?: string; saved?: string }>({});
  const [reason, setReason] = useState('');
  const [refused, setRefused] = useState(false);

  const load = useCallback(async () => {
    try {
      const loaded = await api<CaseView>('GET', `/api/cases/${id}`);
      setView(loaded);
      setPlan(loaded.content.safetyPlan);
      setAbout({
        gender: loaded.content.person.gender ?? '',
        citizenshipRegion: loaded.content.person.citizenshipRegion ?? '',
        ...loaded.content.situation,
      });
      setAssessment(await api<Assessment>('GET', `/api/cases/${id}/pathways`));
      setRefused(false);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 403) setRefused(true);
      else setMessage({ error: t('cases.notFound') });
    }
  }, [id, t]);
  useEffect(() => {
    void load();
  }, [load]);

  async function save(changes: Record<string, unknown>, what: string) {
    setMessage({});
    try {
      await api('PATCH', `/api/cases/${id}`, changes);
      await load();
      setMessage({ saved: what });
    } catch (caught) {
      setMessage({ error: failureText(caught) });
    }
  }

  if (refused) {
    return (
      <Layout>
        <h1>{t('cases.restrictedTitle')}</h1>
        <p>{t('cases.restrictedExplain')}</p>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void api('POST', `/api/cases/${id}/break-glass`, { reason }).then(load, (caught) => setMessage({ error: failureText(caught) }));
          }}
        >
          <div className="field">
            <label htmlFor="break-glass-reason">{t('cases.breakGlassReason')}</label>
            <textarea id="break-glass-reason" rows={3} value={reason} onChange={(event) => setReason(event.target.value)} />
          </div>
          <Alert message={message.error} />
          <button type="submit">{t('cases.breakGlass')}</button>
        </form>
      </Layout>
    );
  }
  if (!view) return <Layout>{message.error && <p className="error">{message.error}</p>}</Layout>;

  const section = (heading: Heading) => plan[heading] ?? { goal: '', actions: [] };
  const setSection = (heading: Heading, value: { goal: string; actions: Action[] }) => setPlan({ ...plan, [heading]: value });
  const stateWords = (state: string) => t(`cases.states.${state}`);

  return (
    <Layout>
      <h1>{view.name}</h1>
      <p>
        <Link to="/staff/cases">{t('cases.back')}</Link> · {t('cases.coordinator', { name: view.coordinator.displayName })}
        {view.restricted && ` · ${t('cases.restricted')}`}
        {view.status === 'closed' && ` · ${t('cases.closedTag')}`}
      </p>
      <div aria-live="polite">{message.saved && <p className="notice">{message.saved}</p>}</div>
      <Alert message={message.error} />
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

      <section aria-labelledby="situation-title">
        <h2 id="situation-title">{t('cases.situation')}</h2>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const pick = (value: string | undefined) => (value ? value : undefined);
            void save(
              {
                person: { gender: pick(about.gender), citizenshipRegion: pick(about.citizenshipRegion) },
                situation: { exploitation: about.exploitation ?? [], sector: pick(about.sector), cameThrough: pick(about.cameThrough) },
              },
              t('cases.situationSaved'),
            );
          }}
        >
          {(['gender', 'citizenshipRegion', 'sector', 'cameThrough'] as const).map((key) => (
            <div className="field" key={key}>
              <label htmlFor={`situation-${key}`}>{t(`cases.about.${key}`)}</label>
              <select
                id={`situation-${key}`}
                value={about[key] ?? ''}
                onChange={(event) => setAbout({ ...about, [key]: event.target.value })}
              >
                <option value="">{t('cases.about.unknown')}</option>
                {choices[key].map((value) => (
                  <option key={value} value={value}>
                    {t(`cases.about.values.${value}`)}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <fieldset>
            <legend>{t('cases.about.exploitation')}</legend>
            {vocabulary.exploitation.map((form) => (
              <div className="check" key={form}>
                <input
                  id={`situation-exploitation-${form}`}
                  type="checkbox"
                  checked={about.exploitation?.includes(form) ?? false}
                  onChange={(event) =>
                    setAbout({
                      ...about,
                      exploitation: event.target.checked
                        ? [...(about.exploitation ?? []), form]
                        : (about.exploitation ?? []).filter((f) => f !== form),
                    })
                  }
                />
                <label htmlFor={`situation-exploitation-${form}`}>{t(`cases.about.forms.${form}`)}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit">{t('cases.saveSituation')}</button>
        </form>
      </section>

      <section aria-labelledby="plan-title">
        <h2 id="plan-title">{t('cases.plan')}</h2>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void save({ safetyPlan: plan }, t('cases.planSaved'));
          }}
        >
          {headings.map((heading) => {
            const current = section(heading);
            const draft =
              current.actions.length === 0 || current.actions.at(-1)?.what
                ? [...current.actions, { what: '', progress: 'not-started' }]
                : current.actions;
            return (
              <fieldset key={heading}>
                <legend>{t(`cases.headings.${heading}`)}</legend>
                <div className="field">
                  <label htmlFor={`plan-${heading}-goal`}>{t('cases.goal')}</label>
                  <input
                    id={`plan-${heading}-goal`}
                    value={current.goal}
                    onChange={(event) => setSection(heading, { ...current, goal: event.target.value })}
                  />
                </div>
                {draft.map((action, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: actions have no id; their order is their identity while editing
                  <div className="hours-row" key={index}>
                    <input
                      aria-label={`${t(`cases.headings.${heading}`)} — ${t('cases.action')} ${index + 1}`}
                      value={action.what}
                      onChange={(event) => {
                        const actions = [...draft];
                        actions[index] = { ...action, what: event.target.value };
                        setSection(heading, { ...current, actions: actions.filter((a) => a.what.trim()) });
                      }}
                    />
                    <input
                      type="date"
                      aria-label={`${t(`cases.headings.${heading}`)} — ${t('cases.due')} ${index + 1}`}
                      value={action.due ?? ''}
                      onChange={(event) => {
                        const actions = [...draft];
                        actions[index] = { ...action, due: event.target.value || undefined };
                        setSection(heading, { ...current, actions: actions.filter((a) => a.what.trim()) });
                      }}
                    />
                    <select
                      aria-label={`${t(`cases.headings.${heading}`)} — ${t('cases.progress')} ${index + 1}`}
                      value={action.progress}
                      onChange={(event) => {
                        const actions = [...draft];
                        actions[index] = { ...action, progress: event.target.value };
                        setSection(heading, { ...current, actions: actions.filter((a) => a.what.trim()) });
                      }}
                    >
                      {vocabulary.progress.map((p) => (
                        <option key={p} value={p}>
                          {t(`cases.progressValues.${p}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                ))}
              </fieldset>
            );
          })}
          <button type="submit">{t('cases.savePlan')}</button>
        </form>
      </section>

      <PathwayDates facts={view.content.pathwayFacts} onSave={(pathwayFacts) => void save({ pathwayFacts }, t('cases.permitsSaved'))} />
      <ServicesAndConsents
        services={view.content.services}
        consents={view.content.consents}
        onSave={(changes, saved) => void save(changes, saved)}
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
      {assessment && (
        <section aria-labelledby="pathways-title">
          <h2 id="pathways-title">{t('cases.pathways')}</h2>
          <p className="muted">{t('cases.pathwaysAid')}</p>
          <ul className="cards">
            {assessment.pathways.map((p) => (
              <li key={p.pathway} className="card">
                <h3>{t(`cases.pathwayNames.${p.pathway}`)}</h3>
                <p>
                  <strong>{stateWords(p.state)}</strong>
                  {p.from && ` — ${longDate(p.from, lang)}`}
                </p>
                {p.notes.map((note) => (
                  <p key={note.en}>{note[lang]}</p>
                ))}
                {p.rules.map((rule) => (
                  <p key={rule.id} className="muted">
                    {rule[lang]} ({rule.source}){!rule.confirmed && ` — ${t('cases.unconfirmed')}`}
                  </p>
                ))}
              </li>
            ))}
          </ul>
        </section>
      )}
      <CaseLifecycle caseId={view.id} status={view.status} closedReason={view.closedReason} purgeOn={view.purgeOn} onChanged={load} />
    </Layout>
  );
}
