import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { failureText } from '../api/client';
import { type ApplicationDetail, application, applications, approve, askForMore, decline } from '../api/membership';
import { useLoad } from '../api/useLoad';
import { field } from '../components/Fields';
import { Alert, Layout } from '../components/Layout';
import { longDay } from '../i18n';

const states = ['submitted', 'needs-more', 'approved', 'declined'] as const;

/** For network admins: applications to join, those waiting first and the longest waiting at the top. */
export function Applications() {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState('');
  const { data: list, error } = useLoad(() => applications(state), [state]);
  return (
    <Layout>
      <h1>{t('applications.title')}</h1>
      <p>
        <Link to="/staff">{t('editor.back')}</Link>
      </p>
      <p>{t('applications.explain')}</p>
      {field(
        'applications-state',
        t('applications.state'),
        <select id="applications-state" value={state} onChange={(event) => setState(event.target.value)}>
          <option value="">{t('applications.allStates')}</option>
          {states.map((s) => (
            <option key={s} value={s}>
              {t(`applications.states.${s}`)}
            </option>
          ))}
        </select>,
      )}
      <Alert message={error} />
      <div aria-live="polite">{list && <p>{t('applications.count', { count: list.length })}</p>}</div>
      <ul className="cards">
        {list?.map((a) => (
          <li key={a.id} className="card">
            <h2>
              <Link to={`/staff/applications/${a.id}`}>{a.organizationName}</Link>
            </h2>
            <p>
              {a.city}, {t(`directory.provinces.${a.province}`, { defaultValue: t('join.allCanada') })} ·{' '}
              {t(`applications.states.${a.state}`)} · {t('applications.submitted', { date: longDay(a.submittedAt, i18n.language) })}
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** One application: what the organization said, what was said since, and the decision. */
export function ApplicationReview() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { data: loaded, error: loadError } = useLoad(() => application(id), [id]);
  const [changed, setChanged] = useState<ApplicationDetail>();
  const [message, setMessage] = useState<{ error?: string; done?: string }>({});
  const a = changed ?? loaded;

  const act = (work: Promise<ApplicationDetail>, done: string) =>
    work.then(
      (next) => {
        setChanged(next);
        setMessage({ done });
      },
      (caught) => setMessage({ error: failureText(caught) }),
    );

  return (
    <Layout>
      <p>
        <Link to="/staff/applications">{t('applications.back')}</Link>
      </p>
      <Alert message={loadError} />
      {a && (
        <>
          <h1>{a.organizationName}</h1>
          <p>{t(`applications.states.${a.state}`)}</p>
          <dl className="details">
            <Fact label={t('join.province')}>
              {a.city}, {t(`directory.provinces.${a.province}`, { defaultValue: t('join.allCanada') })}
            </Fact>
            <Fact label={t('join.website')}>{a.website ? <a href={a.website}>{a.website}</a> : '—'}</Fact>
            <Fact label={t('join.workTitle')}>{a.work.map((kind) => t(`join.work.${kind}`)).join(' ')}</Fact>
            <Fact label={t('join.whatItDoes')}>
              <span className="note-text">{a.whatItDoes}</span>
            </Fact>
            <Fact label={t('join.howItMeetsCriteria')}>
              <span className="note-text">{a.howItMeetsCriteria}</span>
            </Fact>
            <Fact label={t('join.contact')}>
              {[a.contact.name, a.contact.role, a.contact.email, a.contact.phone].filter(Boolean).join(' · ')}
            </Fact>
            <Fact label={t('applications.language')}>{t(`applications.languages.${a.language}`)}</Fact>
            <Fact label={t('applications.submittedOn')}>{longDay(a.submittedAt, i18n.language)}</Fact>
          </dl>
          {a.messages.length > 0 && (
            <section aria-labelledby="exchange-title">
              <h2 id="exchange-title">{t('applications.exchange')}</h2>
              <ol className="cards">
                {a.messages.map((m) => (
                  <li key={m.at} className="card">
                    <h3>
                      {t(`applications.kinds.${m.kind}`)} — {m.by ?? t('applications.applicant')}, {longDay(m.at, i18n.language)}
                    </h3>
                    {m.body && <p className="note-text">{m.body}</p>}
                  </li>
                ))}
              </ol>
            </section>
          )}
          <div aria-live="polite">
            <Alert message={message.error} />
            {message.done && <p className="notice">{message.done}</p>}
          </div>
          {a.state === 'approved' && a.agencyId && (
            <p>
              <Link to="/staff/members">{t('applications.seeMembers')}</Link>
            </p>
          )}
          {(a.state === 'submitted' || a.state === 'needs-more') && (
            <Decisions
              application={a}
              onApprove={(body) =>
                act(approve(a.id, { was: a.state, ...body }), t('applications.done.approved', { email: a.contact.email }))
              }
              onAsk={(question) => act(askForMore(a.id, { was: a.state, question }), t('applications.done.asked'))}
              onDecline={(reason) => act(decline(a.id, { was: a.state, reason }), t('applications.done.declined'))}
            />
          )}
        </>
      )}
    </Layout>
  );
}

/** A box to write in, required or not, the way the review's forms lay it out. */
function textArea(id: string, label: string, value: string, onChange: (value: string) => void, required: boolean) {
  return field(
    id,
    label,
    <textarea
      id={id}
      rows={3}
      required={required}
      minLength={required ? 10 : undefined}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />,
  );
}

/** A decision that is a message to the applicant: asking for more, or declining with a reason. */
function MessageForm(props: { id: string; which: 'ask' | 'decline'; danger?: boolean; onSend: (text: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void props.onSend(text);
      }}
    >
      <h2>{t(`applications.${props.which}Title`)}</h2>
      {textArea(props.id, t(props.which === 'ask' ? 'applications.question' : 'applications.reason'), text, setText, true)}
      <button type="submit" className={props.danger ? 'danger' : 'secondary'}>
        {t(`applications.${props.which}`)}
      </button>
    </form>
  );
}

function Decisions(props: {
  application: ApplicationDetail;
  onApprove: (body: { slug?: string; note?: string }) => Promise<void>;
  onAsk: (question: string) => Promise<void>;
  onDecline: (reason: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [slug, setSlug] = useState('');
  const [note, setNote] = useState('');
  return (
    <>
      <form
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void props.onApprove({ slug: slug.trim() || undefined, note: note.trim() || undefined });
        }}
      >
        <h2>{t('applications.approveTitle')}</h2>
        <p>{t('applications.approveExplain', { name: props.application.contact.name, email: props.application.contact.email })}</p>
        {field(
          'approve-slug',
          t('applications.slug'),
          <input id="approve-slug" value={slug} pattern="[a-z0-9]+(-[a-z0-9]+)*" onChange={(e) => setSlug(e.target.value)} />,
        )}
        {textArea('approve-note', t('applications.note'), note, setNote, false)}
        <button type="submit">{t('applications.approve')}</button>
      </form>
      <MessageForm id="ask-question" which="ask" onSend={props.onAsk} />
      <MessageForm id="decline-reason" which="decline" danger onSend={props.onDecline} />
    </>
  );
}
