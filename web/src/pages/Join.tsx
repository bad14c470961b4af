import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import membership from '../../../data/membership/criteria.json';
import { failureText } from '../api/client';
import { type AnswerView, answer, apply, question } from '../api/membership';
import { checkbox, field } from '../components/Fields';
import { Alert, PublicLayout } from '../components/Layout';
import { provinces } from '../directory/taxonomy';

type Lang = 'en' | 'fr';
const blank = {
  organizationName: '',
  province: '',
  city: '',
  website: '',
  whatItDoes: '',
  howItMeetsCriteria: '',
  name: '',
  email: '',
  phone: '',
  role: '',
};
// The criteria the applicant ticks one by one; the fourth ("work") is answered by the kinds of work.
const statements = membership.criteria.filter((criterion) => criterion.id !== 'work');

/** The membership criteria, written out with where they come from. */
function Criteria({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="criteria-title">
      <h2 id="criteria-title">{t('join.criteriaTitle')}</h2>
      <p>{t('join.criteriaIntro')}</p>
      <ol>
        {membership.criteria.map((criterion) => (
          <li key={criterion.id}>{criterion[lang]}</li>
        ))}
      </ol>
      <p className="muted">{t('join.criteriaSource', { source: membership.source.document })}</p>
    </section>
  );
}

/**
 * The public page where an organization asks to join the network: the criteria written out, how
 * it meets them, where it works, what it does and who to write back to. A network admin reviews it.
 */
export function Join() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'fr' ? 'fr' : 'en';
  const [form, setForm] = useState(blank);
  const [affirmed, setAffirmed] = useState<string[]>([]);
  const [work, setWork] = useState<Array<'awareness' | 'services'>>([]);
  const [error, setError] = useState<string>();
  const [sent, setSent] = useState<{ organization: string; email: string }>();
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof blank) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });
  const text = (key: keyof typeof blank, type = 'text', required = true) =>
    field(
      `join-${key}`,
      t(`join.${key}`),
      <input id={`join-${key}`} type={type} required={required} value={form[key]} onChange={set(key)} />,
    );
  const area = (key: 'whatItDoes' | 'howItMeetsCriteria') => (
    <div className="field">
      <label htmlFor={`join-${key}`}>{t(`join.${key}`)}</label>
      <p className="muted" id={`join-${key}-hint`}>
        {t(`join.${key}Hint`)}
      </p>
      <textarea
        id={`join-${key}`}
        rows={5}
        required
        minLength={20}
        aria-describedby={`join-${key}-hint`}
        value={form[key]}
        onChange={set(key)}
      />
    </div>
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    if (statements.some((criterion) => !affirmed.includes(criterion.id)) || work.length === 0) {
      setError(t('join.notMet'));
      return;
    }
    setBusy(true);
    try {
      await apply({
        organizationName: form.organizationName,
        province: form.province as 'CA',
        city: form.city,
        website: form.website || undefined,
        criteria: { canadian: true, nonGovernmental: true, worksInCanada: true },
        work,
        whatItDoes: form.whatItDoes,
        howItMeetsCriteria: form.howItMeetsCriteria,
        contact: { name: form.name, email: form.email, phone: form.phone || undefined, role: form.role || undefined },
        language: lang,
      });
      setSent({ organization: form.organizationName, email: form.email });
      setForm(blank);
      setAffirmed([]);
      setWork([]);
    } catch (caught) {
      setError(failureText(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <PublicLayout>
      <h1>{t('join.title')}</h1>
      <p className="lead">{t('join.intro')}</p>
      <div aria-live="polite">{sent && <p className="notice">{t('join.sent', sent)}</p>}</div>
      {!sent && (
        <>
          <Criteria lang={lang} />
          <form onSubmit={(event) => void submit(event)}>
            <fieldset>
              <legend>{t('join.organization')}</legend>
              {text('organizationName')}
              <div className="field">
                <label htmlFor="join-province">{t('join.province')}</label>
                <select id="join-province" required value={form.province} onChange={set('province')}>
                  <option value="">{t('join.chooseProvince')}</option>
                  {provinces.map((code) => (
                    <option key={code} value={code}>
                      {t(`directory.provinces.${code}`)}
                    </option>
                  ))}
                  <option value="CA">{t('join.allCanada')}</option>
                </select>
              </div>
              {text('city')}
              {text('website', 'url', false)}
            </fieldset>
            <fieldset>
              <legend>{t('join.meetsTitle')}</legend>
              {statements.map((criterion) =>
                checkbox(`join-criterion-${criterion.id}`, criterion[lang], affirmed.includes(criterion.id), (checked) =>
                  setAffirmed(checked ? [...affirmed, criterion.id] : affirmed.filter((id) => id !== criterion.id)),
                ),
              )}
            </fieldset>
            <fieldset>
              <legend>{t('join.workTitle')}</legend>
              {(['awareness', 'services'] as const).map((kind) =>
                checkbox(`join-work-${kind}`, t(`join.work.${kind}`), work.includes(kind), (checked) =>
                  setWork(checked ? [...work, kind] : work.filter((k) => k !== kind)),
                ),
              )}
            </fieldset>
            {area('whatItDoes')}
            {area('howItMeetsCriteria')}
            <fieldset>
              <legend>{t('join.contact')}</legend>
              <p className="muted">{t('join.contactHint')}</p>
              {text('name')}
              {text('email', 'email')}
              {text('phone', 'tel', false)}
              {text('role', 'text', false)}
            </fieldset>
            <Alert message={error} />
            <button type="submit" disabled={busy}>
              {t('join.submit')}
            </button>
          </form>
        </>
      )}
    </PublicLayout>
  );
}

/**
 * The page the "tell us more" email opens: the network's question, and a box for the answer.
 * The link's secret is in the fragment (sent to no server in an address) and leaves the address bar at once.
 */
export function JoinAnswer() {
  const { t } = useTranslation();
  const [token] = useState(() => window.location.hash.slice(1));
  const [asked, setAsked] = useState<AnswerView>();
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [done, setDone] = useState(false);

  useEffect(() => {
    window.history.replaceState(null, '', window.location.pathname);
    if (!token) setError(t('join.answerInvalid'));
    else question(token).then(setAsked, () => setError(t('join.answerInvalid')));
  }, [token, t]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      await answer(token, text);
      setDone(true);
    } catch (caught) {
      setError(failureText(caught));
    }
  }

  return (
    <PublicLayout>
      <h1>{t('join.answerTitle')}</h1>
      <Alert message={error} />
      <div aria-live="polite">{done && <p className="notice">{t('join.answered')}</p>}</div>
      {asked && !done && (
        <form onSubmit={(event) => void submit(event)}>
          <p>{t('join.answerFor', { organization: asked.organizationName })}</p>
          {asked.questions.map((q) => (
            <blockquote key={q.at}>
              <p className="note-text">{q.body}</p>
            </blockquote>
          ))}
          {field(
            'join-answer',
            t('join.answerLabel'),
            <textarea id="join-answer" rows={6} required minLength={10} value={text} onChange={(event) => setText(event.target.value)} />,
          )}
          <button type="submit">{t('join.answerSubmit')}</button>
        </form>
      )}
    </PublicLayout>
  );
}
