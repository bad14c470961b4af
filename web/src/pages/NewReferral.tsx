import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import vocabulary from '../../../data/cases/vocabulary.json';
import { me as whoAmI } from '../api/auth';
import { failureText } from '../api/client';
import { type ServiceResult, search as searchDirectory } from '../api/directory';
import { type Resource, searchLibrary } from '../api/library';
import { changeDraft, getReferral, moveReferral, type SafeContact, startReferral } from '../api/referrals';
import { useLoad } from '../api/useLoad';
import { checkbox as check, field, RadioGroup } from '../components/Fields';
import { Alert, Layout } from '../components/Layout';
import { languages } from '../directory/taxonomy';
import { FromCase } from '../referrals/FromCase';
import { SafeContactFields } from '../referrals/SafeContactFields';
import { type Target, TargetPicker } from '../referrals/TargetPicker';

const isoDay = (offsetDays = 0) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * Makes a referral: find the service in the directory, then say what the person agreed to share
 * — only the minimum crosses — and send it, or keep it as a draft. Opened from a case with ?case=.
 */
export function NewReferral() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const navigate = useNavigate();
  const [query] = useSearchParams();
  const fromCaseId = query.get('case') ?? undefined;
  const draftId = query.get('draft') ?? undefined;
  const me = useLoad(whoAmI, []).data;
  const [target, setTarget] = useState<Target>();
  const [person, setPerson] = useState({ name: '', preferredLanguage: '', interpreterNeeded: false });
  const [needs, setNeeds] = useState<string[]>([]);
  const [needsNote, setNeedsNote] = useState('');
  const [contact, setContact] = useState<SafeContact>({
    channel: 'phone',
    reachAt: '',
    times: '',
    voicemailOk: false,
    messageOk: false,
    codeWord: '',
  });
  const [urgency, setUrgency] = useState<'normal' | 'urgent'>('normal');
  const [restricted, setRestricted] = useState(false);
  const [consent, setConsent] = useState({ givenOn: isoDay(), until: isoDay(90), agreed: false });
  const [senderNote, setSenderNote] = useState('');
  const [interpreters, setInterpreters] = useState<ServiceResult[]>([]);
  const [interpreterServiceId, setInterpreterServiceId] = useState('');
  const [tools, setTools] = useState<Resource[]>([]);
  const [chosenTools, setChosenTools] = useState<string[]>([]);
  const [error, setError] = useState<string>();

  // Changing a draft: the form starts from what it holds; where it goes stays as it was.
  // biome-ignore lint/correctness/useExhaustiveDependencies: read once per draft; a language switch must not reset the form
  useEffect(() => {
    if (!draftId) return;
    getReferral(draftId).then(
      (draft) => {
        const { shared } = draft;
        if (!shared) return setError(t('referrals.noLongerShared'));
        setTarget({ kind: 'draft', to: [draft.to.agency, draft.to.service].filter(Boolean).join(' — ') });
        setPerson({
          name: shared.person.name,
          preferredLanguage: shared.person.preferredLanguage ?? '',
          interpreterNeeded: shared.person.interpreterNeeded,
        });
        setNeeds(shared.needs);
        setNeedsNote(shared.needsNote ?? '');
        setContact({
          ...shared.safeContact,
          reachAt: shared.safeContact.reachAt ?? '',
          times: shared.safeContact.times ?? '',
          codeWord: shared.safeContact.codeWord ?? '',
        });
        setUrgency(draft.urgency);
        setRestricted(draft.restricted);
        setConsent({ givenOn: draft.consent?.givenOn ?? isoDay(), until: draft.consent?.until ?? isoDay(90), agreed: false });
        setSenderNote(draft.senderNote ?? '');
        setInterpreterServiceId(shared.interpreterServiceId ?? '');
        setChosenTools(shared.tools);
      },
      (caught) => setError(failureText(caught)),
    );
  }, [draftId]);

  // In the person's language: interpretation services from the directory, tools from the library.
  useEffect(() => {
    const code = person.preferredLanguage;
    if (!code) {
      setTools([]);
      setInterpreters([]);
      return;
    }
    void searchLibrary({ language: code, pageSize: 5 }).then(
      (page) => setTools(page.results),
      () => setTools([]),
    );
    if (person.interpreterNeeded)
      void searchDirectory(new URLSearchParams({ category: 'interpretation', language: code, pageSize: '5' })).then(
        (found) => setInterpreters(found.results),
        () => setInterpreters([]),
      );
    else setInterpreters([]);
  }, [person.preferredLanguage, person.interpreterNeeded]);

  async function submit(send: boolean) {
    setError(undefined);
    if (!target) return setError(t('referrals.form.chooseTarget'));
    const blank = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
    const content = {
      urgency,
      restricted,
      shared: {
        person: { name: person.name, preferredLanguage: blank(person.preferredLanguage), interpreterNeeded: person.interpreterNeeded },
        needs,
        needsNote: blank(needsNote),
        safeContact: { ...contact, reachAt: blank(contact.reachAt), times: blank(contact.times), codeWord: blank(contact.codeWord) },
        interpreterServiceId: blank(interpreterServiceId),
        tools: chosenTools,
      },
      consent,
      senderNote: blank(senderNote),
    };
    try {
      if (draftId) {
        if (!consent.agreed) return setError(t('referrals.form.agreeAgain'));
        await changeDraft(draftId, { ...content, senderNote: senderNote.trim() });
        if (send) await moveReferral(draftId, { state: 'sent' });
        navigate(`/staff/referrals/${draftId}`);
        return;
      }
      const made = await startReferral({
        ...(target.kind === 'service' ? { toServiceId: target.service.id } : { toAgencyId: me?.account.agency.id }),
        fromCaseId,
        ...content,
        send,
      });
      navigate(`/staff/referrals/${made.id}`);
    } catch (caught) {
      setError(failureText(caught));
    }
  }

  return (
    <Layout>
      <h1>{draftId ? t('referrals.editDraft') : t('referrals.new')}</h1>
      <p>
        <Link to="/staff/referrals">{t('referrals.back')}</Link>
      </p>
      {draftId && !target && !error ? (
        // Until the draft is read, no form: what someone typed would be overwritten when it arrives.
        <p role="status">{t('app.loading')}</p>
      ) : (
        <>
          <TargetPicker target={target} setTarget={setTarget} />

          <form
            onSubmit={(event) => {
              event.preventDefault();
              void submit(true);
            }}
          >
            <h2>{t('referrals.form.person')}</h2>
            <p className="muted">{t('referrals.form.minimum')}</p>
            {fromCaseId && !draftId && (
              <FromCase
                caseId={fromCaseId}
                onCopy={({ needs: caseNeeds, ...chosen }) => {
                  setPerson({ ...person, ...chosen });
                  if (caseNeeds) setNeeds([...new Set([...needs, ...caseNeeds])]);
                }}
              />
            )}
            {field(
              'referral-name',
              t('referrals.form.name'),
              <input id="referral-name" value={person.name} onChange={(event) => setPerson({ ...person, name: event.target.value })} />,
            )}
            {field(
              'referral-language',
              t('referrals.form.language'),
              <select
                id="referral-language"
                value={person.preferredLanguage}
                onChange={(event) => setPerson({ ...person, preferredLanguage: event.target.value })}
              >
                <option value="">{t('cases.about.unknown')}</option>
                {[...languages]
                  .sort((a, b) => a[lang].localeCompare(b[lang], lang))
                  .map((language) => (
                    <option key={language.id} value={language.id}>
                      {language[lang]}
                    </option>
                  ))}
              </select>,
            )}
            {check('referral-interpreter', t('referrals.form.interpreter'), person.interpreterNeeded, (checked) =>
              setPerson({ ...person, interpreterNeeded: checked }),
            )}
            {interpreters.length > 0 &&
              field(
                'referral-interpreter-service',
                t('referrals.form.interpreterService'),
                <select
                  id="referral-interpreter-service"
                  value={interpreterServiceId}
                  onChange={(event) => setInterpreterServiceId(event.target.value)}
                >
                  <option value="">{t('referrals.form.noInterpreterService')}</option>
                  {interpreters.map((service) => (
                    <option key={service.id} value={service.id}>
                      {service.name[lang]} — {service.organization.name}
                    </option>
                  ))}
                </select>,
              )}
            <fieldset>
              <legend>{t('referrals.form.needs')}</legend>
              {vocabulary.planHeadings.map((heading) =>
                check(`referral-need-${heading}`, t(`cases.headings.${heading}`), needs.includes(heading), (checked) =>
                  setNeeds(checked ? [...needs, heading] : needs.filter((n) => n !== heading)),
                ),
              )}
            </fieldset>
            {field(
              'referral-needs-note',
              t('referrals.form.needsNote'),
              <textarea id="referral-needs-note" rows={2} value={needsNote} onChange={(event) => setNeedsNote(event.target.value)} />,
            )}
            <SafeContactFields contact={contact} setContact={setContact} />
            {tools.length > 0 && (
              <fieldset>
                <legend>{t('referrals.form.tools')}</legend>
                {tools.map((tool) =>
                  check(`referral-tool-${tool.id}`, tool.title[lang], chosenTools.includes(tool.id), (checked) =>
                    setChosenTools(checked ? [...chosenTools, tool.id] : chosenTools.filter((id) => id !== tool.id)),
                  ),
                )}
              </fieldset>
            )}
            <RadioGroup
              name="referral-urgency"
              legend={t('referrals.urgency')}
              options={(['normal', 'urgent'] as const).map((value) => ({ value, label: t(`referrals.urgencyChoices.${value}`) }))}
              value={urgency}
              onChange={setUrgency}
            />
            {check('referral-restricted', t('referrals.form.restricted'), restricted, setRestricted)}
            <fieldset>
              <legend>{t('referrals.form.consent')}</legend>
              {field(
                'referral-consent-given',
                t('referrals.form.givenOn'),
                <input
                  id="referral-consent-given"
                  type="date"
                  value={consent.givenOn}
                  onChange={(event) => setConsent({ ...consent, givenOn: event.target.value })}
                />,
              )}
              {field(
                'referral-consent-until',
                t('referrals.form.until'),
                <input
                  id="referral-consent-until"
                  type="date"
                  value={consent.until}
                  onChange={(event) => setConsent({ ...consent, until: event.target.value })}
                />,
              )}
              {check('referral-consent-agreed', t('referrals.form.agreed'), consent.agreed, (agreed) => setConsent({ ...consent, agreed }))}
            </fieldset>
            {field(
              'referral-sender-note',
              t('referrals.form.senderNote'),
              <textarea id="referral-sender-note" rows={2} value={senderNote} onChange={(event) => setSenderNote(event.target.value)} />,
            )}
            <Alert message={error} />
            <div className="actions">
              <button type="submit">{t('referrals.form.send')}</button>
              <button type="button" className="secondary" onClick={() => void submit(false)}>
                {t('referrals.form.draft')}
              </button>
            </div>
          </form>
        </>
      )}
    </Layout>
  );
}
