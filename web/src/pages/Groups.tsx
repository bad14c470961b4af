import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { failureText } from '../api/client';
import {
  canadianTimeZones,
  endGroup,
  type FeedMade,
  type GroupDetail,
  type GroupSummary,
  join,
  leave,
  group as loadGroup,
  groups as loadGroups,
  makeFeed,
  type NewMeeting,
  schedule,
  setRole,
  startGroup,
} from '../api/groups';
import { useLoad } from '../api/useLoad';
import { AskTwice } from '../components/AskTwice';
import { field, ProvinceSelect } from '../components/Fields';
import { Alert, Layout } from '../components/Layout';
import { longDay } from '../i18n';
import { GroupRecords } from './GroupRecords';
import { GroupThreads } from './GroupThreads';

type Lang = 'en' | 'fr';
const nameOf = (g: { nameEn: string; nameFr: string }, lang: Lang) => (lang === 'fr' ? g.nameFr : g.nameEn);
export const when = (instant: string, timeZone: string, lang: Lang) =>
  new Date(instant).toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA', { timeZone, dateStyle: 'full', timeStyle: 'short' });

/** Names in both languages, and the place of a city or regional group: the fields every new group has. */
function GroupFields({
  level,
  onSubmit,
}: {
  level: 'national' | 'regional' | 'city';
  onSubmit: (body: Omit<Parameters<typeof startGroup>[0], 'level' | 'parentId'>) => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ nameEn: '', nameFr: '', descriptionEn: '', descriptionFr: '', city: '', province: 'ON' });
  const input = (key: 'nameEn' | 'nameFr' | 'city', required = true) =>
    field(
      `group-${level}-${key}`,
      t(`groups.${key}`),
      <input
        id={`group-${level}-${key}`}
        required={required}
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />,
    );
  return (
    <form
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onSubmit({
          nameEn: form.nameEn,
          nameFr: form.nameFr,
          descriptionEn: form.descriptionEn,
          descriptionFr: form.descriptionFr,
          ...(level === 'national' ? {} : { province: form.province as 'ON', city: form.city || undefined }),
        });
      }}
    >
      {input('nameEn')}
      {input('nameFr')}
      {level !== 'national' && input('city', level === 'city')}
      {level !== 'national' && (
        <ProvinceSelect
          id={`group-${level}-province`}
          label={t('groups.province')}
          value={form.province}
          onChange={(province) => setForm({ ...form, province })}
        />
      )}
      {(['descriptionEn', 'descriptionFr'] as const).map((key) =>
        field(
          `group-${level}-${key}`,
          t(`groups.${key}`),
          <textarea
            id={`group-${level}-${key}`}
            rows={2}
            value={form[key]}
            onChange={(e) => setForm({ ...form, [key]: e.target.value })}
          />,
        ),
      )}
      <button type="submit">{t('groups.start')}</button>
    </form>
  );
}

function GroupTree({ all, parentId, lang }: { all: GroupSummary[]; parentId: string | null; lang: Lang }) {
  const { t } = useTranslation();
  const here = all.filter((g) => g.parentId === parentId);
  if (here.length === 0) return null;
  return (
    <ul>
      {here.map((g) => (
        <li key={g.id}>
          <Link to={`/staff/groups/${g.id}`}>{nameOf(g, lang)}</Link> — {t(`groups.levels.${g.level}`)}
          {g.city ? `, ${g.city}` : ''} · {t('groups.members', { count: g.members })}
          {g.myRole && ` · ${t(`groups.roles.${g.myRole}`)}`}
          {g.endedAt && ` · ${t('groups.endedShort')}`}
          <GroupTree all={all} parentId={g.id} lang={lang} />
        </li>
      ))}
    </ul>
  );
}

/** The calendar address of one's meetings and groups, shown once when made. */
function CalendarAddress() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'fr' ? 'fr' : 'en';
  const [made, setMade] = useState<FeedMade>();
  const [error, setError] = useState<string>();
  return (
    <section aria-labelledby="calendar-title">
      <h2 id="calendar-title">{t('groups.calendarTitle')}</h2>
      <p>{t('groups.calendarExplain')}</p>
      <Alert message={error} />
      <button type="button" className="secondary" onClick={() => makeFeed().then(setMade, (caught) => setError(failureText(caught)))}>
        {t('groups.calendarMake')}
      </button>
      {made && (
        <div aria-live="polite">
          {field('calendar-mine', t('groups.calendarMine'), <input id="calendar-mine" readOnly value={made.url} />)}
          {made.groups.map((g) => field(`calendar-${g.id}`, nameOf(g, lang), <input id={`calendar-${g.id}`} readOnly value={g.url} />))}
        </div>
      )}
    </section>
  );
}

/** The network's working groups as a tree: national groups, and the regional and city groups that report to them. */
export function Groups({ networkAdmin }: { networkAdmin: boolean }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'fr' ? 'fr' : 'en';
  const navigate = useNavigate();
  const { data: all, error } = useLoad(loadGroups, []);
  const [failure, setFailure] = useState<string>();
  return (
    <Layout>
      <h1>{t('groups.title')}</h1>
      <p>
        <Link to="/staff">{t('editor.back')}</Link>
      </p>
      <p>{t('groups.explain')}</p>
      <Alert message={error ?? failure} />
      {all && all.length === 0 && <p>{t('groups.none')}</p>}
      {all && <GroupTree all={all} parentId={null} lang={lang} />}
      {networkAdmin && (
        <section aria-labelledby="national-title">
          <h2 id="national-title">{t('groups.startNational')}</h2>
          <GroupFields
            level="national"
            onSubmit={(body) =>
              startGroup({ level: 'national', ...body }).then(
                (made) => navigate(`/staff/groups/${made.id}`),
                (caught) => setFailure(failureText(caught)),
              )
            }
          />
        </section>
      )}
      <CalendarAddress />
    </Layout>
  );
}

export type When = { date: string; start: string; end: string; timeZone: string };

/** A meeting's date, start and end, and the Canadian time zone they are written in. */
export function WhenFields({ prefix, value, onChange }: { prefix: string; value: When; onChange: (value: When) => void }) {
  const { t } = useTranslation();
  const input = (key: 'date' | 'start' | 'end', type: string) =>
    field(
      `${prefix}-${key}`,
      t(`meetings.${key}`),
      <input
        id={`${prefix}-${key}`}
        type={type}
        required
        value={value[key]}
        onChange={(e) => onChange({ ...value, [key]: e.target.value })}
      />,
    );
  return (
    <>
      {input('date', 'date')}
      <div className="filters">
        {input('start', 'time')}
        {input('end', 'time')}
      </div>
      {field(
        `${prefix}-timeZone`,
        t('meetings.timeZone'),
        <select id={`${prefix}-timeZone`} value={value.timeZone} onChange={(e) => onChange({ ...value, timeZone: e.target.value })}>
          {canadianTimeZones.map((zone) => (
            <option key={zone} value={zone}>
              {t(`meetings.zones.${zone.replace('America/', '')}`)}
            </option>
          ))}
        </select>,
      )}
    </>
  );
}

function ScheduleMeeting({ groupId, onDone }: { groupId: string; onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    title: '',
    agenda: '',
    date: '',
    start: '',
    end: '',
    timeZone: 'America/Toronto',
    mode: 'virtual',
    callUrl: '',
    place: '',
    capacity: '',
  });
  const [error, setError] = useState<string>();
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });
  const input = (key: 'title' | 'callUrl' | 'place' | 'capacity', type = 'text', required = true) =>
    field(
      `meeting-${key}`,
      t(`meetings.${key === 'title' ? 'titleLabel' : key}`),
      <input id={`meeting-${key}`} type={type} required={required} value={form[key]} onChange={set(key)} />,
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: NewMeeting = {
      title: form.title,
      agenda: form.agenda,
      date: form.date,
      start: form.start,
      end: form.end,
      timeZone: form.timeZone as NewMeeting['timeZone'],
      mode: form.mode as NewMeeting['mode'],
      callUrl: form.mode === 'in-person' ? undefined : form.callUrl || undefined,
      place: form.mode === 'virtual' ? undefined : form.place || undefined,
      capacity: form.capacity ? Number(form.capacity) : undefined,
    };
    schedule(groupId, body).then(
      (made) => onDone(made.id),
      (caught) => setError(failureText(caught)),
    );
  };
  return (
    <form onSubmit={submit}>
      {input('title')}
      <WhenFields prefix="meeting" value={form} onChange={(when) => setForm({ ...form, ...when })} />
      {field(
        'meeting-mode',
        t('meetings.mode'),
        <select id="meeting-mode" value={form.mode} onChange={set('mode')}>
          {(['virtual', 'in-person', 'hybrid'] as const).map((mode) => (
            <option key={mode} value={mode}>
              {t(`meetings.modes.${mode}`)}
            </option>
          ))}
        </select>,
      )}
      {form.mode !== 'in-person' && input('callUrl', 'url')}
      {form.mode !== 'virtual' && input('place')}
      {input('capacity', 'number', false)}
      {field(
        'meeting-agenda',
        t('meetings.agenda'),
        <textarea id="meeting-agenda" rows={4} value={form.agenda} onChange={set('agenda')} />,
      )}
      <Alert message={error} />
      <button type="submit">{t('meetings.schedule')}</button>
    </form>
  );
}

/** One group: who is in it, the groups that report to it, its meetings; its coordinators lead it from here. */
export function GroupPage() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'fr' ? 'fr' : 'en';
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data: loaded, error } = useLoad(() => loadGroup(id), [id]);
  const [changed, setChanged] = useState<GroupDetail>();
  const [failure, setFailure] = useState<string>();
  const [level, setLevel] = useState<'regional' | 'city'>('city');
  const g = changed?.id === id ? changed : loaded;
  const act = (work: Promise<GroupDetail>) => work.then(setChanged, (caught) => setFailure(failureText(caught)));
  return (
    <Layout>
      <p>
        <Link to="/staff/groups">{t('groups.back')}</Link>
      </p>
      <Alert message={error ?? failure} />
      {g && (
        <>
          <h1>{nameOf(g, lang)}</h1>
          <p>
            {t(`groups.levels.${g.level}`)}
            {g.city ? ` — ${g.city}` : ''}
            {g.parent && (
              <>
                {' · '}
                {t('groups.reportsTo')} <Link to={`/staff/groups/${g.parent.id}`}>{nameOf(g.parent, lang)}</Link>
              </>
            )}
          </p>
          {(lang === 'fr' ? g.descriptionFr : g.descriptionEn) && (
            <p className="note-text">{lang === 'fr' ? g.descriptionFr : g.descriptionEn}</p>
          )}
          {g.endedAt && <p className="notice">{t('groups.ended', { day: longDay(g.endedAt, i18n.language) })}</p>}
          <p className="actions">
            {g.endedAt ? null : g.myRole ? (
              <button type="button" className="secondary" onClick={() => act(leave(g.id))}>
                {t('groups.leave')}
              </button>
            ) : (
              <button type="button" onClick={() => act(join(g.id))}>
                {t('groups.join')}
              </button>
            )}
          </p>
          {g.myRole && <GroupThreads groupId={g.id} leads={g.mayLead} ended={g.endedAt !== null} />}
          <h2>{t('meetings.title')}</h2>
          {g.meetings.length === 0 && <p>{t('meetings.none')}</p>}
          <ul className="cards">
            {g.meetings.map((m) => (
              <li key={m.id} className="card">
                <h3>
                  <Link to={`/staff/meetings/${m.id}`}>{m.title}</Link>
                </h3>
                <p>
                  {when(m.startsAt, m.timeZone, lang)} · {t(`meetings.modes.${m.mode}`)} · {t('meetings.going', { count: m.going })}
                  {m.myAnswer && ` · ${t(`meetings.answers.${m.myAnswer}`)}`}
                </p>
              </li>
            ))}
          </ul>
          <GroupRecords group={{ ...g, mayLead: g.mayLead && !g.endedAt }} />
          {g.children.length > 0 && (
            <>
              <h2>{t('groups.children')}</h2>
              <ul>
                {g.children.map((c) => (
                  <li key={c.id}>
                    <Link to={`/staff/groups/${c.id}`}>{nameOf(c, lang)}</Link> — {t(`groups.levels.${c.level}`)}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h2>{t('groups.people')}</h2>
          <ul className="cards">
            {g.people.map((p) => (
              <li key={p.accountId} className="card">
                <p>
                  {p.name} — {p.agency} · {t(`groups.roles.${p.role}`)}
                </p>
                {g.mayLead && p.role === 'member' && (
                  <button type="button" className="secondary" onClick={() => act(setRole(g.id, p.accountId, 'coordinator'))}>
                    {t('groups.makeCoordinator', { name: p.name })}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {g.mayLead && !g.endedAt && (
            <>
              <section aria-labelledby="schedule-title">
                <h2 id="schedule-title">{t('meetings.scheduleTitle')}</h2>
                <ScheduleMeeting groupId={g.id} onDone={(meetingId) => navigate(`/staff/meetings/${meetingId}`)} />
              </section>
              {g.level !== 'city' && (
                <section aria-labelledby="under-title">
                  <h2 id="under-title">{t('groups.startUnder')}</h2>
                  {g.level === 'national' &&
                    field(
                      'group-under-level',
                      t('groups.level'),
                      <select id="group-under-level" value={level} onChange={(e) => setLevel(e.target.value as 'regional' | 'city')}>
                        <option value="city">{t('groups.levels.city')}</option>
                        <option value="regional">{t('groups.levels.regional')}</option>
                      </select>,
                    )}
                  <GroupFields
                    key={level}
                    level={g.level === 'regional' ? 'city' : level}
                    onSubmit={(body) =>
                      startGroup({ level: g.level === 'regional' ? 'city' : level, parentId: g.id, ...body }).then(
                        (made) => navigate(`/staff/groups/${made.id}`),
                        (caught) => setFailure(failureText(caught)),
                      )
                    }
                  />
                </section>
              )}
              <EndGroup onEnd={() => act(endGroup(g.id))} />
            </>
          )}
        </>
      )}
    </Layout>
  );
}

/** Ending a group, asked twice: what stays and what stops is said first. */
function EndGroup({ onEnd }: { onEnd: () => void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="end-title">
      <h2 id="end-title">{t('groups.endTitle')}</h2>
      <p>{t('groups.endExplain')}</p>
      <AskTwice ask={t('groups.endAsk')} confirm={t('groups.endConfirm')} onConfirm={onEnd} />
    </section>
  );
}
