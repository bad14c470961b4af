import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  type Bulletin,
  type BulletinBody,
  changeDraft,
  chooseMail,
  bulletin as loadBulletin,
  bulletins as loadBulletins,
  mailChoice,
  preview,
  publish,
  writeDraft,
} from '../api/bulletins';
import { failureText } from '../api/client';
import { useLoad } from '../api/useLoad';
import { checkbox, field, RadioGroup } from '../components/Fields';
import { Alert, Layout } from '../components/Layout';
import { longDay } from '../i18n';
import { BulletinText } from './News';

type Lang = 'en' | 'fr';
const empty: BulletinBody = { titleEn: '', titleFr: '', bodyEn: '', bodyFr: '', audience: 'members' };

/** The bulletin's words in both languages, its audience, and a preview as readers will see it. */
function Editor({ start, onSave }: { start: BulletinBody; onSave: (body: BulletinBody) => Promise<void> }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<BulletinBody>(start);
  const [shown, setShown] = useState<string>();
  const [error, setError] = useState<string>();
  const text = (key: 'titleEn' | 'titleFr') =>
    field(
      `bulletin-${key}`,
      t(`bulletins.${key}`),
      <input id={`bulletin-${key}`} required value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />,
    );
  const body = (key: 'bodyEn' | 'bodyFr') => (
    <div className="field">
      <label htmlFor={`bulletin-${key}`}>{t(`bulletins.${key}`)}</label>
      <p className="muted" id={`bulletin-${key}-hint`}>
        {t('bulletins.markdownHint')}
      </p>
      <textarea
        id={`bulletin-${key}`}
        rows={10}
        required
        aria-describedby={`bulletin-${key}-hint`}
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
      <button
        type="button"
        className="secondary"
        onClick={() =>
          preview(form[key]).then(
            (made) => setShown(made.html),
            (caught) => setError(failureText(caught)),
          )
        }
      >
        {t(`bulletins.preview.${key}`)}
      </button>
    </div>
  );
  return (
    <form
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onSave(form).catch((caught) => setError(failureText(caught)));
      }}
    >
      {text('titleEn')}
      {body('bodyEn')}
      {text('titleFr')}
      {body('bodyFr')}
      <RadioGroup<'members' | 'public'>
        name="bulletin-audience"
        legend={t('bulletins.audience')}
        options={(['members', 'public'] as const).map((value) => ({ value, label: t(`bulletins.audiences.${value}`) }))}
        value={form.audience}
        onChange={(audience) => setForm({ ...form, audience })}
      />
      {shown !== undefined && (
        <section aria-labelledby="preview-title" className="notice">
          <h2 id="preview-title">{t('bulletins.previewTitle')}</h2>
          <BulletinText html={shown} />
        </section>
      )}
      <Alert message={error} />
      <button type="submit">{t('bulletins.save')}</button>
    </form>
  );
}

/** The network's bulletins: every member reads the published ones here; network admins write and publish. */
/** Whether this member gets each bulletin by email: their own choice, saved as it is ticked. */
function MailChoiceBox() {
  const { t } = useTranslation();
  const { data } = useLoad(mailChoice, []);
  const [byEmail, setByEmail] = useState<boolean>();
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const shown = byEmail ?? data?.byEmail;
  if (shown === undefined) return null;
  const change = (next: boolean) => {
    setError(undefined);
    chooseMail(next)
      .then((saved) => {
        setByEmail(saved.byEmail);
        setMessage(t(saved.byEmail ? 'bulletins.mailOn' : 'bulletins.mailOff'));
      })
      .catch((failure) => setError(failureText(failure)));
  };
  return (
    <section aria-labelledby="mail-title">
      <h2 id="mail-title">{t('bulletins.mailTitle')}</h2>
      {checkbox('bulletin-mail', t('bulletins.mailLabel'), shown, change)}
      <p role="status">{message}</p>
      <Alert message={error} />
    </section>
  );
}

export function Bulletins({ writer }: { writer: boolean }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'fr' ? 'fr' : 'en';
  const navigate = useNavigate();
  const { data, error } = useLoad(loadBulletins, []);
  return (
    <Layout>
      <h1>{t('bulletins.title')}</h1>
      <p>
        <Link to="/staff">{t('editor.back')}</Link>
      </p>
      <Alert message={error} />
      {data?.length === 0 && <p>{t('bulletins.none')}</p>}
      <ul className="cards">
        {data?.map((b) => (
          <li key={b.id} className="card">
            <h2>
              <Link to={`/staff/bulletins/${b.id}`}>{lang === 'fr' ? b.titleFr : b.titleEn}</Link>
            </h2>
            <p>
              {b.publishedAt ? longDay(b.publishedAt, i18n.language) : t('bulletins.draft')} · {t(`bulletins.audiences.${b.audience}`)}
            </p>
          </li>
        ))}
      </ul>
      <MailChoiceBox />
      {writer && (
        <section aria-labelledby="write-title">
          <h2 id="write-title">{t('bulletins.write')}</h2>
          <Editor start={empty} onSave={(body) => writeDraft(body).then((made) => navigate(`/staff/bulletins/${made.id}`))} />
        </section>
      )}
    </Layout>
  );
}

/** One bulletin; a draft can be changed and published by its writers. */
export function BulletinPage() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'fr' ? 'fr' : 'en';
  const { id = '' } = useParams();
  const { data: loaded, error } = useLoad(() => loadBulletin(id), [id]);
  const [changed, setChanged] = useState<Bulletin>();
  const [message, setMessage] = useState<{ error?: string; done?: string }>({});
  const [asked, setAsked] = useState(false);
  const b = changed ?? loaded;
  return (
    <Layout>
      <p>
        <Link to="/staff/bulletins">{t('bulletins.all')}</Link>
      </p>
      <Alert message={error} />
      {b && (
        <>
          <h1>{lang === 'fr' ? b.titleFr : b.titleEn}</h1>
          <p className="muted">
            {b.publishedAt ? longDay(b.publishedAt, i18n.language) : t('bulletins.draft')} · {t(`bulletins.audiences.${b.audience}`)}
          </p>
          <BulletinText html={lang === 'fr' ? b.htmlFr : b.htmlEn} />
          <div aria-live="polite">
            <Alert message={message.error} />
            {message.done && <p className="notice">{message.done}</p>}
          </div>
          {b.state === 'draft' && (
            <>
              <h2>{t('bulletins.publishTitle')}</h2>
              <p>{t(`bulletins.publishExplain.${b.audience}`)}</p>
              {asked ? (
                <p className="actions">
                  <button
                    type="button"
                    onClick={() =>
                      publish(b.id, b.revision).then(
                        (next) => {
                          setChanged(next);
                          setMessage({ done: t('bulletins.published') });
                        },
                        (caught) => setMessage({ error: failureText(caught) }),
                      )
                    }
                  >
                    {t('bulletins.confirmPublish')}
                  </button>
                  <button type="button" className="secondary" onClick={() => setAsked(false)}>
                    {t('members.cancel')}
                  </button>
                </p>
              ) : (
                <button type="button" onClick={() => setAsked(true)}>
                  {t('bulletins.publish')}
                </button>
              )}
              <h2>{t('bulletins.change')}</h2>
              <Editor
                key={b.revision}
                start={{ titleEn: b.titleEn, titleFr: b.titleFr, bodyEn: b.bodyEn, bodyFr: b.bodyFr, audience: b.audience }}
                onSave={(body) =>
                  changeDraft(b.id, { ...body, was: b.revision }).then((next) => {
                    setChanged(next);
                    setMessage({ done: t('bulletins.saved') });
                  })
                }
              />
            </>
          )}
        </>
      )}
    </Layout>
  );
}
