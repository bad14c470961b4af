import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { members as loadMembers, type Member, setMemberState } from '../api/accounts';
import { failureText } from '../api/client';
import { useLoad } from '../api/useLoad';
import { field, ProvinceSelect } from '../components/Fields';
import { Alert, Layout } from '../components/Layout';

type State = Member['state'];

/**
 * For network admins: the member organizations, their admins and their state, searchable. A
 * member can be suspended, recorded as gone, or made active again — each asked twice: a member not
 * active cannot sign in, and its listings leave the public directory. Nothing is deleted.
 */
export function Members() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState({ q: '', province: '', state: '' });
  const [typed, setTyped] = useState('');
  const [message, setMessage] = useState<{ error?: string; done?: string }>({});
  const { data: list, error, reload } = useLoad(() => loadMembers(filter), [filter]);

  return (
    <Layout>
      <h1>{t('members.title')}</h1>
      <p>
        <Link to="/staff">{t('editor.back')}</Link>
      </p>
      <p>{t('members.explain')}</p>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter({ ...filter, q: typed.trim() });
        }}
      >
        {field('members-q', t('members.search'), <input id="members-q" value={typed} onChange={(event) => setTyped(event.target.value)} />)}
        <ProvinceSelect
          id="members-province"
          label={t('staff.province')}
          value={filter.province}
          first={{ value: '', label: t('staff.allProvinces') }}
          onChange={(province) => setFilter({ ...filter, province })}
        />
        {field(
          'members-state',
          t('members.state'),
          <select id="members-state" value={filter.state} onChange={(event) => setFilter({ ...filter, state: event.target.value })}>
            <option value="">{t('members.allStates')}</option>
            {(['active', 'suspended', 'left'] as const).map((state) => (
              <option key={state} value={state}>
                {t(`members.states.${state}`)}
              </option>
            ))}
          </select>,
        )}
        <p>
          <button type="submit">{t('members.find')}</button>
        </p>
      </form>
      <Alert message={message.error ?? error} />
      <div aria-live="polite">
        {message.done && <p className="notice">{message.done}</p>}
        {list && <p>{t('members.count', { count: list.length })}</p>}
      </div>
      <ul className="cards">
        {list?.map((member) => (
          <MemberCard
            key={member.id}
            member={member}
            onChange={(state) =>
              setMemberState(member.id, { state, was: member.state }).then(
                async () => {
                  await reload();
                  setMessage({ done: t(`members.done.${state}`, { name: member.name }) });
                },
                (caught) => setMessage({ error: failureText(caught) }),
              )
            }
          />
        ))}
      </ul>
    </Layout>
  );
}

function MemberCard({ member, onChange }: { member: Member; onChange: (state: State) => void }) {
  const { t } = useTranslation();
  const [asked, setAsked] = useState<State>();
  const choices: State[] = member.state === 'active' ? ['suspended', 'left'] : ['active'];
  return (
    <li className="card">
      <h2>{member.name}</h2>
      <p>
        {t(`directory.provinces.${member.province}`, { defaultValue: member.province })} · {t(`members.states.${member.state}`)} ·{' '}
        {t('members.accounts', { count: member.accounts })}
      </p>
      <p>
        {member.admins.length === 0
          ? t('members.noAdmin')
          : t('members.admins', { names: member.admins.map((admin) => `${admin.name} (${admin.email})`).join(', ') })}
      </p>
      <p className="actions">
        {asked ? (
          <>
            <button type="button" className="danger" onClick={() => onChange(asked)}>
              {t(`members.confirm.${asked}`, { name: member.name })}
            </button>
            <button type="button" className="secondary" onClick={() => setAsked(undefined)}>
              {t('members.cancel')}
            </button>
          </>
        ) : (
          choices.map((state) => (
            <button key={state} type="button" className="secondary" onClick={() => setAsked(state)}>
              {t(`members.to.${state}`, { name: member.name })}
            </button>
          ))
        )}
      </p>
    </li>
  );
}
