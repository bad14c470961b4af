import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { failureText } from '../api/client';
import {
  type Delivery,
  decideHeld,
  delivery as loadDelivery,
  held as loadHeld,
  thread as loadThread,
  threads as loadThreads,
  reply,
  setDelivery,
  startThread,
  type ThreadDetail,
} from '../api/groups';
import { useLoad } from '../api/useLoad';
import { field } from '../components/Fields';
import { Alert, Layout } from '../components/Layout';
import { longDay } from '../i18n';

const deliveries: Delivery[] = ['every', 'daily', 'weekly', 'none'];

/** A message box: the words, and a reminder that case information never goes to a group. */
function MessageBox({ id, value, onChange }: { id: string; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t('threads.message')}</label>
      <p className="muted" id={`${id}-hint`}>
        {t('threads.noCaseData')}
      </p>
      <textarea id={id} rows={5} required aria-describedby={`${id}-hint`} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

/** On a group's page, for its members: its address, how they get its mail, its threads and a new one. */
/** The group's discussions; an ended group's are read only. */
export function GroupThreads({ groupId, leads, ended }: { groupId: string; leads: boolean; ended: boolean }) {
  const { t, i18n } = useTranslation();
  const list = useLoad(() => loadThreads(groupId), [groupId]);
  const mine = useLoad(() => loadDelivery(groupId), [groupId]);
  const [form, setForm] = useState({ subject: '', body: '' });
  const [message, setMessage] = useState<{ error?: string; done?: string }>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    startThread(groupId, form).then(
      async () => {
        setForm({ subject: '', body: '' });
        setMessage({ done: t('threads.started') });
        await list.reload();
      },
      (caught) => setMessage({ error: failureText(caught) }),
    );
  };
  return (
    <section aria-labelledby="threads-title">
      <h2 id="threads-title">{t('threads.title')}</h2>
      {mine.data && <p>{t('threads.address', { address: mine.data.address })}</p>}
      {mine.data &&
        field(
          'group-delivery',
          t('threads.delivery'),
          <select
            id="group-delivery"
            value={mine.data.delivery}
            onChange={(e) =>
              setDelivery(groupId, e.target.value as Delivery).then(
                () => mine.reload(),
                (caught) => setMessage({ error: failureText(caught) }),
              )
            }
          >
            {deliveries.map((value) => (
              <option key={value} value={value}>
                {t(`threads.deliveries.${value}`)}
              </option>
            ))}
          </select>,
        )}
      <Alert message={list.error} />
      {list.data?.length === 0 && <p>{t('threads.none')}</p>}
      <ul className="cards">
        {list.data?.map((th) => (
          <li key={th.id} className="card">
            <h3>
              <Link to={`/staff/groups/${groupId}/threads/${th.id}`}>{th.subject}</Link>
            </h3>
            <p>
              {t('threads.posts', { count: th.posts })} · {longDay(th.lastPostAt, i18n.language)}
            </p>
          </li>
        ))}
      </ul>
      {!ended && (
        <form onSubmit={submit}>
          <h3>{t('threads.start')}</h3>
          {field(
            'thread-subject',
            t('threads.subject'),
            <input id="thread-subject" required value={form.subject} onChange={(e) => setForm({ ...form, subject: e.target.value })} />,
          )}
          <MessageBox id="thread-body" value={form.body} onChange={(body) => setForm({ ...form, body })} />
          <div aria-live="polite">
            <Alert message={message.error} />
            {message.done && <p className="notice">{message.done}</p>}
          </div>
          <button type="submit">{t('threads.send')}</button>
        </form>
      )}
      {leads && !ended && <HeldMailList groupId={groupId} />}
    </section>
  );
}

function HeldMailList({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const { data, error, reload } = useLoad(() => loadHeld(groupId), [groupId]);
  const [failure, setFailure] = useState<string>();
  if (!data || data.length === 0) return <Alert message={error} />;
  const decide = (id: string, decision: 'release' | 'reject') =>
    decideHeld(groupId, id, decision).then(
      () => reload(),
      (caught) => setFailure(failureText(caught)),
    );
  return (
    <section aria-labelledby="held-title">
      <h3 id="held-title">{t('threads.held')}</h3>
      <Alert message={failure} />
      <ul className="cards">
        {data.map((m) => (
          <li key={m.id} className="card">
            <h4>
              {m.subject} — {m.from}
            </h4>
            <p className="note-text">{m.body}</p>
            <p className="actions">
              <button type="button" className="secondary" onClick={() => decide(m.id, 'release')}>
                {t('threads.release')}
              </button>
              <button type="button" className="danger" onClick={() => decide(m.id, 'reject')}>
                {t('threads.reject')}
              </button>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One thread: each post's own words, what it quoted folded away, and a reply. */
export function ThreadPage() {
  const { t, i18n } = useTranslation();
  const { id = '', threadId = '' } = useParams();
  const { data: loaded, error } = useLoad(() => loadThread(id, threadId), [id, threadId]);
  const [changed, setChanged] = useState<ThreadDetail>();
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<string>();
  const th = changed ?? loaded;
  return (
    <Layout>
      <p>
        <Link to={`/staff/groups/${id}`}>{t('threads.back')}</Link>
      </p>
      <Alert message={error} />
      {th && (
        <>
          <h1>{th.subject}</h1>
          <ol className="cards">
            {th.posts.map((post) => (
              <li key={post.id} className="card">
                <h2>
                  {post.author} — {post.agency}, {longDay(post.at, i18n.language)}
                  {post.via === 'email' && ` · ${t('threads.byEmail')}`}
                </h2>
                <p className="note-text">{post.body}</p>
                {post.quoted && (
                  <details>
                    <summary>{t('threads.quoted')}</summary>
                    <p className="note-text">{post.quoted}</p>
                  </details>
                )}
              </li>
            ))}
          </ol>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              reply(id, th.id, text).then(
                (next) => {
                  setChanged(next);
                  setText('');
                  setFailure(undefined);
                },
                (caught) => setFailure(failureText(caught)),
              );
            }}
          >
            <h2>{t('threads.reply')}</h2>
            <MessageBox id="reply-body" value={text} onChange={setText} />
            <Alert message={failure} />
            <button type="submit">{t('threads.send')}</button>
          </form>
        </>
      )}
    </Layout>
  );
}
