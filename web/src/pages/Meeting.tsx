import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { failureText } from '../api/client';
import {
  type Answer,
  actionDone,
  addAction,
  answer,
  cancelMeeting,
  meeting as loadMeeting,
  type MeetingDetail,
  type MoveBody,
  moveMeeting,
  writeMinutes,
} from '../api/groups';
import { useLoad } from '../api/useLoad';
import { AskTwice } from '../components/AskTwice';
import { field, RadioGroup } from '../components/Fields';
import { Alert, Layout } from '../components/Layout';
import { type When, WhenFields, when } from './Groups';

type Lang = 'en' | 'fr';

/** One meeting: when and how to join, the agenda, the answers; afterwards its minutes and action items. */
export function Meeting() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'fr' ? 'fr' : 'en';
  const { id = '' } = useParams();
  const { data: loaded, error } = useLoad(() => loadMeeting(id), [id]);
  const [changed, setChanged] = useState<MeetingDetail>();
  const [message, setMessage] = useState<{ error?: string; done?: string }>({});
  const m = changed ?? loaded;
  const act = (work: Promise<MeetingDetail>, done?: string) =>
    work.then(
      (next) => {
        setChanged(next);
        setMessage({ done });
      },
      (caught) => setMessage({ error: failureText(caught) }),
    );
  const full = m !== undefined && m.capacity !== null && m.going >= m.capacity && m.myAnswer !== 'yes';

  return (
    <Layout>
      <Alert message={error} />
      {m && (
        <>
          <p>
            <Link to={`/staff/groups/${m.group.id}`}>{lang === 'fr' ? m.group.nameFr : m.group.nameEn}</Link>
          </p>
          <h1>{m.title}</h1>
          {m.cancelled && <p className="notice">{t('meetings.cancelled')}</p>}
          <dl className="details">
            <dt>{t('meetings.when')}</dt>
            <dd>
              {when(m.startsAt, m.timeZone, lang)} ({t(`meetings.zones.${m.timeZone.replace('America/', '')}`)})
            </dd>
            <dt>{t('meetings.mode')}</dt>
            <dd>{t(`meetings.modes.${m.mode}`)}</dd>
            {m.callUrl && (
              <>
                <dt>{t('meetings.callUrl')}</dt>
                <dd>
                  <a href={m.callUrl}>{m.callUrl}</a>
                </dd>
              </>
            )}
            {m.place && (
              <>
                <dt>{t('meetings.place')}</dt>
                <dd>{m.place}</dd>
              </>
            )}
            <dt>{t('meetings.places')}</dt>
            <dd>
              {t('meetings.going', { count: m.going })}
              {m.capacity !== null && ` / ${m.capacity}`}
            </dd>
          </dl>
          <p>
            <a href={`/api/meetings/${m.id}/meeting.ics`} download="meeting.ics">
              {t('meetings.addToCalendar')}
            </a>
          </p>
          {m.agenda && (
            <>
              <h2>{t('meetings.agenda')}</h2>
              <p className="note-text">{m.agenda}</p>
            </>
          )}
          <div aria-live="polite">
            <Alert message={message.error} />
            {message.done && <p className="notice">{message.done}</p>}
          </div>
          {!m.cancelled && (
            <RadioGroup<Answer>
              name="answer"
              legend={t('meetings.yourAnswer')}
              options={(['yes', 'maybe', 'no'] as const).map((value) => ({
                value,
                label: t(`meetings.answers.${value}`),
                explain: value === 'yes' && full ? t('meetings.full') : undefined,
              }))}
              value={m.myAnswer ?? ('' as Answer)}
              onChange={(value) => act(answer(m.id, value), t(`meetings.answered.${value}`))}
            />
          )}
          {m.attendees.length > 0 && (
            <>
              <h2>{t('meetings.attendees')}</h2>
              <ul>
                {m.attendees.map((a) => (
                  <li key={`${a.name}-${a.agency}`}>
                    {a.name} — {a.agency} · {t(`meetings.answers.${a.answer}`)}
                  </li>
                ))}
              </ul>
            </>
          )}
          <Minutes meeting={m} onSave={(minutes) => act(writeMinutes(m.id, minutes, m.minutes), t('meetings.minutesSaved'))} />
          <Actions meeting={m} act={act} />
          {m.mayLead && !m.cancelled && new Date(m.endsAt) > new Date() && (
            <>
              <MoveMeeting meeting={m} onMove={(to) => act(moveMeeting(m.id, { ...to, was: m.startsAt }), t('meetings.moveDone'))} />
              <CancelMeeting onCancel={(reason) => act(cancelMeeting(m.id, reason), t('meetings.cancelDone'))} />
            </>
          )}
        </>
      )}
    </Layout>
  );
}

function Minutes({ meeting, onSave }: { meeting: MeetingDetail; onSave: (minutes: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(meeting.minutes);
  if (!meeting.mayLead)
    return meeting.minutes ? (
      <>
        <h2>{t('meetings.minutes')}</h2>
        <p className="note-text">{meeting.minutes}</p>
      </>
    ) : null;
  return (
    <form
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onSave(text);
      }}
    >
      <h2>{t('meetings.minutes')}</h2>
      {field(
        'meeting-minutes',
        t('meetings.minutesLabel'),
        <textarea id="meeting-minutes" rows={6} value={text} onChange={(e) => setText(e.target.value)} />,
      )}
      <button type="submit" className="secondary">
        {t('meetings.saveMinutes')}
      </button>
    </form>
  );
}

function Actions({ meeting, act }: { meeting: MeetingDetail; act: (work: Promise<MeetingDetail>) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [due, setDue] = useState('');
  if (!meeting.mayLead && meeting.actions.length === 0) return null;
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">{t('meetings.actions')}</h2>
      <ul>
        {meeting.actions.map((a) => (
          <li key={a.id}>
            {a.text}
            {a.owner && ` — ${a.owner}`}
            {a.due && ` · ${a.due}`} · {a.done ? t('meetings.done') : t('meetings.open')}
            {meeting.mayLead && !a.done && (
              <button type="button" className="secondary" onClick={() => act(actionDone(meeting.id, a.id))}>
                {t('meetings.markDone', { text: a.text })}
              </button>
            )}
          </li>
        ))}
      </ul>
      {meeting.mayLead && (
        <form
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            act(addAction(meeting.id, { text, due: due || undefined }));
            setText('');
          }}
        >
          {field(
            'action-text',
            t('meetings.actionText'),
            <input id="action-text" required value={text} onChange={(e) => setText(e.target.value)} />,
          )}
          {field(
            'action-due',
            t('meetings.actionDue'),
            <input id="action-due" type="date" value={due} onChange={(e) => setDue(e.target.value)} />,
          )}
          <button type="submit" className="secondary">
            {t('meetings.addAction')}
          </button>
        </form>
      )}
    </section>
  );
}

/** Cancelling, asked twice: the reason (optional) goes to the members with the notice. */
function CancelMeeting({ onCancel }: { onCancel: (reason: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <section aria-labelledby="cancel-title">
      <h2 id="cancel-title">{t('meetings.cancelTitle')}</h2>
      {field(
        'meeting-cancel-reason',
        t('meetings.cancelReason'),
        <textarea id="meeting-cancel-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />,
      )}
      <AskTwice ask={t('meetings.cancelAsk')} confirm={t('meetings.cancelConfirm')} onConfirm={() => onCancel(reason)} />
    </section>
  );
}

/** Moving a meeting: its new date and times; the members are told and the calendars follow. */
function MoveMeeting({ meeting, onMove }: { meeting: MeetingDetail; onMove: (to: When & { timeZone: MoveBody['timeZone'] }) => void }) {
  const { t } = useTranslation();
  const [to, setTo] = useState<When>({ date: '', start: '', end: '', timeZone: meeting.timeZone });
  return (
    <section aria-labelledby="move-title">
      <h2 id="move-title">{t('meetings.moveTitle')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onMove({ ...to, timeZone: to.timeZone as MoveBody['timeZone'] });
        }}
      >
        <WhenFields prefix="move" value={to} onChange={setTo} />
        <button type="submit">{t('meetings.moveAsk')}</button>
      </form>
    </section>
  );
}
