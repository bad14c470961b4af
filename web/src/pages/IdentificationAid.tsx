import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { assess, type Language } from '../../../src/modules/screening/rule';
import { AssessmentResult } from '../aid/AssessmentResult';
import { lists } from '../aid/data';
import { IndicatorForm } from '../aid/IndicatorForm';
import { keepAssessment } from '../api/cases';
import { failureText } from '../api/client';
import { RadioGroup } from '../components/Fields';
import { Layout, PublicLayout } from '../components/Layout';

/**
 * The identification aid. On the public page everything stays in this component's memory: no
 * request, no URL parameter, no storage — so nothing about the person is left in the browser's
 * history of a phone someone else may look at. Opened from a case
 * (/staff/cases/:id/identification), behind sign-in on a worker's own device, the answers are
 * also kept in the page's own history entry (never sent, gone with the tab), so Back after
 * following a remedy finds them again; and it offers one request more: keeping the assessment
 * with that case, sealed like the rest of it, only when the worker asks.
 */
export function IdentificationAid() {
  const { id: caseId } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const location = useLocation();
  const navigate = useNavigate();
  const kept = caseId ? keptAnswers(location.state) : undefined;
  const [listId, setListId] = useState(kept?.listId ?? lists[0]?.id ?? '');
  const [ticked, setTicked] = useState<Set<string>>(new Set(kept?.ticked));
  const [shown, setShown] = useState(kept?.shown ?? false);
  // Where the person is, for the remedies' directory links only; optional, never sent otherwise.
  const [place, setPlace] = useState(kept?.place ?? '');
  // biome-ignore lint/correctness/useExhaustiveDependencies: writes this entry's state when the answers change, not on navigation
  useEffect(() => {
    if (!caseId) return;
    const answers: KeptAnswers = { listId, ticked: [...ticked], shown, place };
    navigate(location.pathname, { replace: true, state: { aid: answers } });
  }, [caseId, listId, ticked, shown, place]);
  // Counts presses of the button, so each one moves the focus to the result, even unchanged.
  const [assessedAt, setAssessedAt] = useState(0);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const list = lists.find((candidate) => candidate.id === listId) ?? lists[0];
  const assessment = useMemo(() => (list ? assess(list, ticked) : undefined), [list, ticked]);
  useEffect(() => {
    if (assessedAt > 0) resultHeading.current?.focus();
  }, [assessedAt]);
  if (!list || !assessment) return null;
  const Frame = caseId ? Layout : PublicLayout;

  const toggle = (id: string) => {
    setTicked((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };

  return (
    <Frame>
      <h1>{t('aid.title')}</h1>
      <p className="lead">{t('aid.intro')}</p>
      <p className="notice">{t('aid.notDetermination')}</p>
      <p>{t(caseId ? 'aid.privateWithCase' : 'aid.private')}</p>
      {!lists.some((candidate) => candidate.exploitation !== 'labour') && (
        <p>
          {t('aid.coversLabourOnly')} <Link to="/directory">{t('aid.findAgency')}</Link>
        </p>
      )}
      {caseId && (
        <p>
          <Link to={`/staff/cases/${caseId}`}>{t('aid.backToCase')}</Link>
        </p>
      )}

      <form
        className="aid"
        onSubmit={(event) => {
          event.preventDefault();
          setShown(true);
          setAssessedAt((n) => n + 1);
        }}
      >
        <RadioGroup
          name="list"
          legend={t('aid.chooseList')}
          options={lists.map((candidate) => ({ value: candidate.id, label: candidate.title[lang] }))}
          value={list.id}
          onChange={setListId}
        />
        {!list.confirmed && <p className="muted">{t('aid.unconfirmed')}</p>}
        {list.source.secondary && <p className="notice">{t('aid.secondarySource')}</p>}
        <details>
          <summary>{t('aid.source')}</summary>
          <p>{list.source.citation}</p>
          <p>{list.source.provenance}</p>
        </details>
        {lang === 'fr' && <p className="muted">{t('aid.frenchWording')}</p>}
        {list.rule.note && (
          <details>
            <summary>{t('aid.ruleTitle')}</summary>
            <p>{list.rule.note[lang]}</p>
          </details>
        )}

        <IndicatorForm list={list} ticked={ticked} onToggle={toggle} />

        <div className="actions">
          <button type="submit">{t('aid.assess')}</button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setTicked(new Set());
              setShown(false);
            }}
          >
            {t('aid.reset')}
          </button>
        </div>
      </form>

      {shown && (
        <AssessmentResult ref={resultHeading} list={list} assessment={assessment} ticked={ticked} place={place} onPlaceChange={setPlace} />
      )}
      {shown && caseId && <KeepWithCase key={assessedAt} caseId={caseId} listId={list.id} ticked={ticked} />}
    </Frame>
  );
}

interface KeptAnswers {
  listId: string;
  ticked: string[];
  shown: boolean;
  place: string;
}

/** The answers this history entry holds, if it holds any of the right shape. */
function keptAnswers(state: unknown): KeptAnswers | undefined {
  const aid = (state as { aid?: Partial<KeptAnswers> } | null)?.aid;
  if (!aid || typeof aid.listId !== 'string' || !Array.isArray(aid.ticked)) return undefined;
  return {
    listId: aid.listId,
    ticked: aid.ticked.filter((id): id is string => typeof id === 'string'),
    shown: aid.shown === true,
    place: typeof aid.place === 'string' ? aid.place : '',
  };
}

/** Keeps what was assessed with the case: sent only on this button, sealed with the case's key. */
function KeepWithCase({ caseId, listId, ticked }: { caseId: string; listId: string; ticked: Set<string> }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'ready' | 'sending' | 'kept' | 'failed'>('ready');
  const [problem, setProblem] = useState('');
  const keep = async () => {
    setState('sending');
    try {
      await keepAssessment(caseId, { listId, indicators: [...ticked] });
      setState('kept');
    } catch (error) {
      setProblem(failureText(error));
      setState('failed');
    }
  };
  return (
    <section aria-labelledby="keep-title">
      <h2 id="keep-title">{t('aid.keepTitle')}</h2>
      <p>{t('aid.keepExplain')}</p>
      <button type="button" onClick={() => void keep()} disabled={state === 'sending' || state === 'kept'}>
        {t('aid.keep')}
      </button>
      <div role="status">
        {state === 'kept' && (
          <p>
            {t('aid.kept')} <Link to={`/staff/cases/${caseId}`}>{t('aid.backToCase')}</Link>
          </p>
        )}
        {state === 'failed' && <p className="error">{problem}</p>}
      </div>
    </section>
  );
}
