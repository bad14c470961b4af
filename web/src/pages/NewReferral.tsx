import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import vocabulary from '../../../data/cases/vocabulary.json';
import { api, failureText, type Me } from '../api';
import { checkbox as check, SearchStatus } from '../components/Fields';
import { Alert, Layout } from '../components/Layout';
import { emptyCriteria, searchParams } from '../directory/query';
import { SearchForm } from '../directory/SearchForm';
import { languages } from '../directory/taxonomy';
import type { SearchAnswer, ServiceResult } from '../directory/types';
import { contactChannels, type ReferralView, type SafeContact } from '../referrals/types';

interface Resource {
  id: string;
  title: { en: string; fr: string };
}
type Target = { kind: 'service'; service: ServiceResult } | { kind: 'own-team' } | { kind: 'draft'; to: string };

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
  const [me, setMe] = useState<Me>();
  const [answer, setAnswer] = useState<SearchAnswer>();
  const [busy, setBusy] = useState(false);
  const [searchError, setSearchError] = useState<string>();
  const [target, setTarget] = useState<Target>();
  const [person, setPerson] = useState({ name: '', preferredLanguage: '', interpreterNeeded: false });
  const [needs, setNeeds] = useState<string[]>([]);
  const [needsNote, setNeedsNote] = useState('');
  const [contact, setContact] = useState<SafeContact>({ channel: 'phone', times: '', voicemailOk: false, messageOk: false, codeWord: '' });
  const [urgency, setUrgency] = useState<'normal' | 'urgent'>('normal');
  const [restricted, setRestricted] = useState(false);
  const [consent, setConsent] = useState({ givenOn: isoDay(), until: isoDay(90), agreed: false });
  const [senderNote, setSenderNote] = useState('');
  const [interpreters, setInterpreters] = useState<ServiceResult[]>([]);
  const [interpreterServiceId, setInterpreterServiceId] = useState('');
  const [tools, setTools] = useState<Resource[]>([]);
  const [chosenTools, setChosenTools] = useState<string[]>([]);
  const [error, setError] = useState<string>();

  useEffect(() => {
    void api<Me>('GET', '/api/auth/me').then(setMe, () => undefined);
  }, []);

  // Changing a draft: the form starts from what it holds; where it goes stays as it was.
  useEffect(() => {
    if (!draftId) return;
    api<ReferralView>('GET', `/api/referrals/${draftId}`).then(
      (draft) => {
        const { shared } = draft;
        setTarget({ kind: 'draft', to: [draft.to.agency, draft.to.service].filter(Boolean).join(' — ') });
        setPerson({
          name: shared.person.name,
          preferredLanguage: shared.person.preferredLanguage ?? '',
          interpreterNeeded: shared.person.interpreterNeeded,
        });
        setNeeds(shared.needs);
        setNeedsNote(shared.needsNote ?? '');
        setContact({ ...shared.safeContact, times: shared.safeContact.times ?? '', codeWord: shared.safeContact.codeWord ?? '' });
        setUrgency(draft.urgency);
        setRestricted(draft.restricted);
        setConsent({ ...draft.consent, agreed: false });
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
    void api<{ results: Resource[] }>('GET', `/api/library/resources?language=${code}&pageSize=5`).then(
      (page) => setTools(page.results),
      () => setTools([]),
    );
    if (person.interpreterNeeded)
      void api<SearchAnswer>('GET', `/api/directory/search?category=interpretation&language=${code}&pageSize=5`).then(
        (found) => setInterpreters(found.results),
        () => setInterpreters([]),
      );
    else setInterpreters([]);
  }, [person.preferredLanguage, person.interpreterNeeded]);

  async function search(criteria: typeof emptyCriteria) {
    setBusy(true);
    setSearchError(undefined);
    try {
      setAnswer(await api<SearchAnswer>('GET', `/api/directory/search?${searchParams(criteria, 1, 10)}`));
    } catch (caught) {
      setSearchError(failureText(caught));
    } finally {
      setBusy(false);
    }
  }

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
        safeContact: { ...contact, times: blank(contact.times), codeWord: blank(contact.codeWord) },
        interpreterServiceId: blank(interpreterServiceId),
        tools: chosenTools,
      },
      consent,
      senderNote: blank(senderNote),
    };
    try {
      if (draftId) {
        if (!consent.agreed) return setError(t('referrals.form.agreeAgain'));
        await api('PATCH', `/api/referrals/${draftId}`, { ...content, senderNote: senderNote.trim() });
        if (send) await api('POST', `/api/referrals/${draftId}/state`, { state: 'sent' });
        navigate(`/staff/referrals/${draftId}`);
        return;
      }
      const made = await api<{ id: string }>('POST', '/api/referrals', {
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

  const field = (id: string, label: string, control: ReactNode) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control}
    </div>
  );

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
          <section aria-labelledby="target-title">
            <h2 id="target-title">{t('referrals.form.where')}</h2>
            {target ? (
              <p className="notice">
                {target.kind === 'service'
                  ? t('referrals.form.chosen', { service: target.service.name[lang], organization: target.service.organization.name })
                  : target.kind === 'draft'
                    ? t('referrals.form.chosenDraft', { to: target.to })
                    : t('referrals.form.chosenOwnTeam')}{' '}
                {target.kind !== 'draft' && (
                  <button type="button" className="link-button" onClick={() => setTarget(undefined)}>
                    {t('referrals.form.change')}
                  </button>
                )}
              </p>
            ) : (
              <>
                <SearchForm initial={emptyCriteria} busy={busy} onSearch={(criteria) => void search(criteria)} />
                <SearchStatus error={searchError} busy={busy} />
                <button type="button" className="secondary" onClick={() => setTarget({ kind: 'own-team' })}>
                  {t('referrals.form.ownTeam')}
                </button>
                {answer && (
                  <>
                    <h3>{t('directory.results', { count: answer.total })}</h3>
                    <ul className="cards">
                      {answer.results.map((service) => (
                        <li key={service.id} className="card">
                          <h4>{service.name[lang]}</h4>
                          <p>
                            {service.organization.name}
                            {service.location && ` — ${service.location.city}, ${service.location.province}`}
                          </p>
                          {service.takesReferrals ? (
                            <button type="button" onClick={() => setTarget({ kind: 'service', service })}>
                              {t('referrals.form.referHere', { service: service.name[lang] })}
                            </button>
                          ) : (
                            <p className="muted">{t('referrals.form.notMember')}</p>
                          )}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </>
            )}
          </section>

          <form
            onSubmit={(event) => {
              event.preventDefault();
              void submit(true);
            }}
          >
            <h2>{t('referrals.form.person')}</h2>
            <p className="muted">{t('referrals.form.minimum')}</p>
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
            <fieldset>
              <legend>{t('referrals.form.safeContact')}</legend>
              {field(
                'referral-channel',
                t('referrals.form.channel'),
                <select
                  id="referral-channel"
                  value={contact.channel}
                  onChange={(event) => setContact({ ...contact, channel: event.target.value })}
                >
                  {contactChannels.map((channel) => (
                    <option key={channel} value={channel}>
                      {t(`referrals.channels.${channel}`)}
                    </option>
                  ))}
                </select>,
              )}
              {field(
                'referral-times',
                t('referrals.form.times'),
                <input
                  id="referral-times"
                  value={contact.times ?? ''}
                  onChange={(event) => setContact({ ...contact, times: event.target.value })}
                />,
              )}
              {check('referral-voicemail', t('referrals.form.voicemailOk'), contact.voicemailOk, (voicemailOk) =>
                setContact({ ...contact, voicemailOk }),
              )}
              {check('referral-message', t('referrals.form.messageOk'), contact.messageOk, (messageOk) =>
                setContact({ ...contact, messageOk }),
              )}
              {field(
                'referral-code-word',
                t('referrals.form.codeWord'),
                <input
                  id="referral-code-word"
                  autoComplete="off"
                  value={contact.codeWord ?? ''}
                  onChange={(event) => setContact({ ...contact, codeWord: event.target.value })}
                />,
              )}
            </fieldset>
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
            <fieldset>
              <legend>{t('referrals.urgency')}</legend>
              {(['normal', 'urgent'] as const).map((value) => (
                <div className="check" key={value}>
                  <input
                    id={`referral-urgency-${value}`}
                    type="radio"
                    name="urgency"
                    checked={urgency === value}
                    onChange={() => setUrgency(value)}
                  />
                  <label htmlFor={`referral-urgency-${value}`}>{t(`referrals.urgencyChoices.${value}`)}</label>
                </div>
              ))}
            </fieldset>
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
