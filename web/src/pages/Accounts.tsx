import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Account, changeRoles, disable, invite, accounts as loadAccounts, reinvite } from '../api/accounts';
import type { Me, Role } from '../api/auth';
import { failureText } from '../api/client';
import { useLoad } from '../api/useLoad';
import { checkbox, field } from '../components/Fields';
import { Alert, Layout } from '../components/Layout';

/** The roles an agency's own admins give; network admin is given at the command line only. */
const agencyRoles: Role[] = ['agency_admin', 'coordinator', 'worker', 'researcher'];

function RoleChoices({ id, legend, value, onChange }: { id: string; legend: string; value: Role[]; onChange: (roles: Role[]) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{legend}</legend>
      {agencyRoles.map((role) =>
        checkbox(`${id}-${role}`, t(`roles.${role}`), value.includes(role), (checked) =>
          onChange(checked ? [...value, role] : value.filter((r) => r !== role)),
        ),
      )}
    </fieldset>
  );
}

/**
 * An agency's accounts, kept by its admins: who has which role, who has signed in and set up a
 * second factor; invite, change roles, send a new invitation, disable. Everyone sets their own
 * password through an invitation: no one here ever chooses one for someone else.
 */
export function Accounts({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const { data: list, error: loadError, reload } = useLoad(loadAccounts, []);
  const [message, setMessage] = useState<{ error?: string; done?: string }>({});
  const [form, setForm] = useState<{ displayName: string; email: string; roles: Role[] }>({
    displayName: '',
    email: '',
    roles: ['worker'],
  });
  const isAdmin = me.account.roles.includes('agency_admin');
  // A network admin sees every agency's accounts (and may disable one), but gives no role inside an agency.
  const mine = (list ?? []).filter((account) => !isAdmin || account.agencyId === me.account.agency.id);
  const after = (done: string) => async () => {
    await reload();
    setMessage({ done });
  };
  const failed = (caught: unknown) => setMessage({ error: failureText(caught) });

  return (
    <Layout>
      <h1>{t('accounts.title', { agency: me.account.agency.name })}</h1>
      <p>
        <Link to="/staff">{t('editor.back')}</Link>
      </p>
      <p>{t('accounts.explain')}</p>
      <Alert message={message.error ?? loadError} />
      <div aria-live="polite">{message.done && <p className="notice">{message.done}</p>}</div>
      {isAdmin && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setMessage({});
            invite({ agencyId: me.account.agency.id, ...form }).then(after(t('accounts.invited', { email: form.email })), failed);
          }}
        >
          <h2>{t('accounts.invite')}</h2>
          {field(
            'invite-name',
            t('accounts.name'),
            <input id="invite-name" value={form.displayName} onChange={(event) => setForm({ ...form, displayName: event.target.value })} />,
          )}
          {field(
            'invite-email',
            t('accounts.email'),
            <input
              id="invite-email"
              type="email"
              value={form.email}
              onChange={(event) => setForm({ ...form, email: event.target.value })}
            />,
          )}
          <RoleChoices
            id="invite-roles"
            legend={t('accounts.roles')}
            value={form.roles}
            onChange={(roles) => setForm({ ...form, roles })}
          />
          <p>
            <button type="submit">{t('accounts.sendInvitation')}</button>
          </p>
        </form>
      )}
      <h2>{t('accounts.list')}</h2>
      <ul className="cards">
        {mine.map((account) => (
          <AccountCard
            key={account.id}
            account={account}
            self={account.id === me.account.id}
            manage={isAdmin}
            mayDisable={isAdmin || me.account.roles.includes('network_admin')}
            lang={i18n.language}
            onDone={(done) => void after(done)()}
            onError={failed}
          />
        ))}
      </ul>
    </Layout>
  );
}

function AccountCard(props: {
  account: Account;
  self: boolean;
  manage: boolean;
  mayDisable: boolean;
  lang: string;
  onDone: (message: string) => void;
  onError: (caught: unknown) => void;
}) {
  const { t } = useTranslation();
  const { account } = props;
  const [roles, setRoles] = useState<Role[] | undefined>();
  const [confirmDisable, setConfirmDisable] = useState(false);
  const when = account.lastSignInAt
    ? new Intl.DateTimeFormat(props.lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(account.lastSignInAt))
    : t('accounts.never');
  return (
    <li className="card">
      <h3>{account.displayName}</h3>
      <p>{account.email}</p>
      <dl>
        <dt>{t('accounts.roles')}</dt>
        <dd>{account.roles.map((role) => t(`roles.${role}`)).join(', ')}</dd>
        <dt>{t('accounts.state')}</dt>
        <dd>{t(`accounts.states.${account.state}`)}</dd>
        <dt>{t('accounts.lastSignIn')}</dt>
        <dd>{when}</dd>
        <dt>{t('accounts.secondFactor')}</dt>
        <dd>{account.secondFactorEnrolled ? t('accounts.on') : t('accounts.off')}</dd>
      </dl>
      {(props.manage || props.mayDisable) &&
        account.state !== 'disabled' &&
        !account.roles.includes('network_admin') &&
        (roles ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              changeRoles(account.id, { roles, was: account.roles }).then(() => {
                setRoles(undefined);
                props.onDone(t('accounts.rolesChanged', { name: account.displayName }));
              }, props.onError);
            }}
          >
            <RoleChoices
              id={`roles-${account.id}`}
              legend={t('accounts.newRoles', { name: account.displayName })}
              value={roles}
              onChange={setRoles}
            />
            <p className="actions">
              <button type="submit">{t('accounts.saveRoles')}</button>
              <button type="button" className="secondary" onClick={() => setRoles(undefined)}>
                {t('accounts.cancel')}
              </button>
            </p>
          </form>
        ) : (
          <p className="actions">
            {props.manage && (
              <button type="button" className="secondary" onClick={() => setRoles(account.roles)}>
                {t('accounts.changeRoles', { name: account.displayName })}
              </button>
            )}
            {props.manage && !props.self && (
              <button
                type="button"
                className="secondary"
                onClick={() =>
                  reinvite(account.id, false).then(() => props.onDone(t('accounts.reinvited', { email: account.email })), props.onError)
                }
              >
                {t('accounts.reinvite', { name: account.displayName })}
              </button>
            )}
            {!props.self &&
              (confirmDisable ? (
                <button
                  type="button"
                  className="danger"
                  onClick={() =>
                    disable(account.id).then(() => props.onDone(t('accounts.disabledDone', { name: account.displayName })), props.onError)
                  }
                >
                  {t('accounts.confirmDisable', { name: account.displayName })}
                </button>
              ) : (
                <button type="button" className="secondary" onClick={() => setConfirmDisable(true)}>
                  {t('accounts.disable', { name: account.displayName })}
                </button>
              ))}
          </p>
        ))}
    </li>
  );
}
