import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type HelpMessage, openReply, receiptSecrets, sealReply, WrongPassphrase } from '../../../src/modules/help/envelope';
import type { Me } from '../api/auth';
import { failureText } from '../api/client';
import {
  actOn,
  type Inbox,
  type InboxItem,
  type InboxKeys,
  type IntakeDirectory,
  inboxItems,
  inboxKeys,
  intakeAgencies,
  myKey,
  type StaffKey,
  sendReply,
} from '../api/help';
import { field, RadioGroup } from '../components/Fields';
import { Alert, Layout } from '../components/Layout';
import {
  BadRecoveryKit,
  giveKey,
  isUnlocked,
  makeIntakeKey,
  makeRecoveryKit,
  openInboxKeys,
  passOn,
  type RecoveryKit,
  readRequest,
  restoreFromKit,
  setUpOwnKey,
  unlock,
} from '../help/keyring';

const longDateTime = (iso: string, lang: string) =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/**
 * Help requests, read in this browser: the worker's own key is opened with their passphrase, the
 * inbox key with it, and each request with the inbox key. The server hands out sealed envelopes
 * only. Accept, decline (the network takes it), reply (sealed with the key made from the person's
 * receipt) and close.
 */
export function HelpInbox({ me }: { me: Me }) {
  const { t } = useTranslation();
  const account = me.account;
  const handles = account.roles.some((role) => role === 'agency_admin' || role === 'coordinator' || role === 'worker');
  const network = account.roles.includes('network_admin');
  const [inbox, setInbox] = useState<Inbox>(handles ? 'agency' : 'network');
  const [own, setOwn] = useState<StaffKey | undefined>();
  const [unlocked, setUnlocked] = useState(isUnlocked());
  const [error, setError] = useState<string>();

  useEffect(() => {
    myKey().then(setOwn, (caught) => setError(failureText(caught)));
  }, []);

  return (
    <Layout>
      <h1>{t('help.title')}</h1>
      <p>
        <Link to="/staff">{t('editor.back')}</Link>
      </p>
      <p>{t('help.explain')}</p>
      <Alert message={error} />
      {own !== undefined && !unlocked && (
        <OwnKeyForm
          existing={own}
          onOpen={() => {
            setUnlocked(true);
            myKey().then(setOwn, (caught) => setError(failureText(caught)));
          }}
        />
      )}
      {unlocked && own && (
        <>
          {handles && network && (
            <RadioGroup<Inbox>
              legend={t('help.whichInbox')}
              name="inbox"
              value={inbox}
              options={[
                { value: 'agency', label: t('help.inboxes.agency', { agency: account.agency.name }) },
                { value: 'network', label: t('help.inboxes.network') },
              ]}
              onChange={setInbox}
            />
          )}
          <InboxView key={inbox} inbox={inbox} accountId={account.id} ownPublicKey={own.publicKey} />
        </>
      )}
    </Layout>
  );
}

function OwnKeyForm({ existing, onOpen }: { existing: StaffKey; onOpen: () => void }) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [state, setState] = useState<{ busy?: boolean; error?: string }>({});
  const creating = existing === null;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (creating && passphrase.length < 12) return setState({ error: t('help.own.tooShort') });
        if (creating && passphrase !== again) return setState({ error: t('help.own.mismatch') });
        setState({ busy: true });
        (creating ? setUpOwnKey(passphrase) : unlock(existing.wrappedPrivate, passphrase)).then(onOpen, (caught) =>
          setState({ error: caught instanceof WrongPassphrase ? t('help.own.wrong') : failureText(caught) }),
        );
      }}
    >
      <h2>{creating ? t('help.own.setUp') : t('help.own.unlock')}</h2>
      <p>{creating ? t('help.own.setUpExplain') : t('help.own.unlockExplain')}</p>
      <Alert message={state.error} />
      {field(
        'own-passphrase',
        t('help.own.passphrase'),
        <input
          id="own-passphrase"
          type="password"
          autoComplete={creating ? 'new-password' : 'current-password'}
          value={passphrase}
          onChange={(event) => setPassphrase(event.target.value)}
        />,
      )}
      {creating &&
        field(
          'own-again',
          t('help.own.again'),
          <input
            id="own-again"
            type="password"
            autoComplete="new-password"
            value={again}
            onChange={(event) => setAgain(event.target.value)}
          />,
        )}
      <p>
        <button type="submit" disabled={state.busy}>
          {state.busy ? t('help.own.working') : creating ? t('help.own.create') : t('help.own.open')}
        </button>
      </p>
    </form>
  );
}

function InboxView({ inbox, accountId, ownPublicKey }: { inbox: Inbox; accountId: string; ownPublicKey: string }) {
  const { t } = useTranslation();
  const [keys, setKeys] = useState<InboxKeys>();
  const [opened, setOpened] = useState<Map<string, Uint8Array>>(new Map());
  const [items, setItems] = useState<InboxItem[]>();
  const [error, setError] = useState<string>();
  const [kit, setKit] = useState<RecoveryKit>();
  const [agencies, setAgencies] = useState<IntakeDirectory['agencies']>([]);

  const reload = useCallback(async () => {
    try {
      const [nextKeys, nextItems] = await Promise.all([inboxKeys(inbox), inboxItems(inbox)]);
      if (inbox === 'network') setAgencies(await intakeAgencies());
      setOpened(await openInboxKeys(nextKeys, accountId));
      setKeys(nextKeys);
      setItems(nextItems);
    } catch (caught) {
      setError(failureText(caught));
    }
  }, [inbox, accountId]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const current = keys?.keys.find((key) => key.retiredAt === null);
  return (
    <>
      <Alert message={error} />
      <section aria-labelledby="intake-key-title">
        <h2 id="intake-key-title">{t('help.key.title')}</h2>
        {current ? (
          <>
            <p>
              {t('help.key.fingerprint')} <code dir="ltr">{current.fingerprint}</code>
            </p>
            <p className="muted">{t('help.key.compare')}</p>
            <p>{t('help.key.holders', { names: keys?.holders.map((holder) => holder.name).join(', ') })}</p>
            {keys && keys.holders.length < 2 && <p className="notice">{t('help.key.needTwo')}</p>}
            {!opened.has(current.id) && <p>{t('help.key.notHolder')}</p>}
            {!opened.has(current.id) && (
              <RestoreForm inbox={inbox} current={current} accountId={accountId} ownPublicKey={ownPublicKey} onRestored={reload} />
            )}
            {opened.has(current.id) && (
              <p>
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    makeRecoveryKit(opened.get(current.id) as Uint8Array).then(setKit, (caught) => setError(failureText(caught)))
                  }
                >
                  {t('help.kit.make')}
                </button>
              </p>
            )}
            {kit && (
              <section className="recovery-kit" aria-labelledby="kit-title">
                <h3 id="kit-title">{t('help.kit.title')}</h3>
                <p>{t('help.kit.warning')}</p>
                <p>
                  {t('help.key.fingerprint')} <code dir="ltr">{current.fingerprint}</code>
                </p>
                <h4>{t('help.kit.keyLabel')}</h4>
                <p className="kit-text" dir="ltr" data-kit="key">
                  {kit.key}
                </p>
                <h4>{t('help.kit.codeLabel')}</h4>
                <p className="kit-text" dir="ltr" data-kit="code">
                  {kit.code}
                </p>
                <p>{t('help.kit.use')}</p>
                <p className="actions">
                  <button type="button" onClick={() => window.print()}>
                    {t('help.kit.print')}
                  </button>
                  <button type="button" className="secondary" onClick={() => setKit(undefined)}>
                    {t('help.kit.done')}
                  </button>
                </p>
              </section>
            )}
            {opened.has(current.id) &&
              keys?.canBeGiven.map((colleague) => (
                <p key={colleague.accountId}>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() =>
                      giveKey(inbox, current.id, opened, colleague).then(
                        () => reload(),
                        (caught) => setError(failureText(caught)),
                      )
                    }
                  >
                    {t('help.key.give', { name: colleague.name })}
                  </button>
                </p>
              ))}
          </>
        ) : (
          <p>{t('help.key.none')}</p>
        )}
        {keys?.canCreate && !current && (
          <>
            <p className="notice">{t('help.key.loss')}</p>
            <p>
              <button
                type="button"
                onClick={() =>
                  makeIntakeKey(inbox, accountId, ownPublicKey, false).then(
                    () => reload(),
                    (caught) => setError(failureText(caught)),
                  )
                }
              >
                {t('help.key.make')}
              </button>
            </p>
          </>
        )}
      </section>
      <section aria-labelledby="requests-title">
        <h2 id="requests-title">{t('help.requests')}</h2>
        {items?.length === 0 && <p>{t('help.empty')}</p>}
        <ul className="cards">
          {items?.map((item) => (
            <RequestCard key={item.id} item={item} inbox={inbox} opened={opened} agencies={agencies} onChanged={reload} />
          ))}
        </ul>
      </section>
    </>
  );
}

function RestoreForm(props: {
  inbox: Inbox;
  current: { id: string; publicKey: string };
  accountId: string;
  ownPublicKey: string;
  onRestored: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [kit, setKit] = useState<RecoveryKit>({ key: '', code: '' });
  const [state, setState] = useState<{ busy?: boolean; error?: string }>({});
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        setState({ busy: true });
        restoreFromKit(props.inbox, props.current, props.accountId, props.ownPublicKey, kit).then(props.onRestored, (caught) =>
          setState({ error: caught instanceof BadRecoveryKit ? t('help.kit.bad') : failureText(caught) }),
        );
      }}
    >
      <h3>{t('help.kit.restore')}</h3>
      <Alert message={state.error} />
      {field(
        'kit-key',
        t('help.kit.keyLabel'),
        <textarea
          id="kit-key"
          rows={3}
          dir="ltr"
          spellCheck={false}
          value={kit.key}
          onChange={(event) => setKit({ ...kit, key: event.target.value })}
        />,
      )}
      {field(
        'kit-code',
        t('help.kit.codeLabel'),
        <input
          id="kit-code"
          dir="ltr"
          spellCheck={false}
          autoComplete="off"
          value={kit.code}
          onChange={(event) => setKit({ ...kit, code: event.target.value })}
        />,
      )}
      <p>
        <button type="submit" className="secondary" disabled={state.busy}>
          {t('help.kit.restoreButton')}
        </button>
      </p>
    </form>
  );
}

function RequestCard({
  item,
  inbox,
  opened,
  agencies,
  onChanged,
}: {
  item: InboxItem;
  inbox: Inbox;
  opened: Map<string, Uint8Array>;
  agencies: IntakeDirectory['agencies'];
  onChanged: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [passTo, setPassTo] = useState('');
  const lang = i18n.language;
  const [message, setMessage] = useState<HelpMessage | null>();
  const [replies, setReplies] = useState<string[]>([]);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    (async () => {
      const read = await readRequest(item, opened);
      if (!current) return;
      setMessage(read ?? null);
      if (!read) return;
      const { replyKey } = await receiptSecrets(read.receipt);
      const texts = await Promise.all(item.replies.map((reply) => openReply(replyKey, reply, item.id)));
      if (current) setReplies(texts);
    })().catch(() => current && setMessage(null));
    return () => {
      current = false;
    };
  }, [item, opened]);

  const act = (action: 'accept' | 'decline' | 'close') =>
    actOn(item.id, inbox, action).then(onChanged, (caught) => setError(failureText(caught)));
  const languageName = (code: string) => new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
  const heading = message?.name ? t('help.from', { name: message.name }) : t('help.anonymous');
  return (
    <li className="card">
      <h3>{message === undefined ? t('help.opening') : message === null ? t('help.cannotOpen') : heading}</h3>
      <p>
        {t(`help.states.${item.state}`)} · {t('help.received', { when: longDateTime(item.receivedAt, lang) })}
        {item.chosenAgency && inbox === 'network' && ` · ${t('help.chosen', { agency: item.chosenAgency })}`}
      </p>
      {item.fallback && <p className="notice">{t(`help.fallback.${item.fallback}`)}</p>}
      <Alert message={error} />
      {message && (
        <dl>
          <dt>{t('help.fields.language')}</dt>
          <dd>{languageName(message.language)}</dd>
          <dt>{t('help.fields.needs')}</dt>
          <dd>{message.needs.length ? message.needs.map((need) => t(`help.needs.${need}`, { defaultValue: need })).join(', ') : '—'}</dd>
          <dt>{t('help.fields.where')}</dt>
          <dd>{[message.place, message.province].filter(Boolean).join(', ') || '—'}</dd>
          <dt>{t('help.fields.contact')}</dt>
          <dd>
            {t(`help.channels.${message.contact.channel}`)}: <span dir="ltr">{message.contact.reachAt}</span>
          </dd>
          <dt>{t('help.fields.safeTimes')}</dt>
          <dd>{message.contact.safeTimes || '—'}</dd>
          <dt>{t('help.fields.leaveMessage')}</dt>
          <dd>{message.contact.leaveMessage ? t('help.yes') : t('help.no')}</dd>
          <dt>{t('help.fields.codeWord')}</dt>
          <dd>{message.contact.codeWord || '—'}</dd>
          <dt>{t('help.fields.message')}</dt>
          <dd className="prewrap">{message.message || '—'}</dd>
        </dl>
      )}
      {replies.length > 0 && (
        <>
          <h4>{t('help.replies')}</h4>
          <ul>
            {item.replies.map((reply, index) => (
              <li key={reply.sentAt}>
                {longDateTime(reply.sentAt, lang)} — {reply.sentBy}: <span className="prewrap">{replies[index]}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {message && item.state === 'accepted' && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!draft.trim()) return setError(t('help.replyEmpty'));
            receiptSecrets(message.receipt)
              .then(({ replyKey }) => sealReply(replyKey, draft.trim(), item.id))
              .then((sealed) => sendReply(item.id, inbox, sealed))
              .then(
                () => {
                  setDraft('');
                  return onChanged();
                },
                (caught) => setError(failureText(caught)),
              );
          }}
        >
          {field(
            `reply-${item.id}`,
            t('help.reply'),
            <textarea id={`reply-${item.id}`} rows={3} value={draft} onChange={(event) => setDraft(event.target.value)} />,
          )}
          <p className="muted">{t('help.replyHint', { language: languageName(message.language) })}</p>
          <p>
            <button type="submit">{t('help.send')}</button>
          </p>
        </form>
      )}
      {message && item.state === 'waiting' && inbox === 'network' && agencies.length > 0 && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const agency = agencies.find((a) => a.agencyId === passTo);
            if (!agency) return setError(t('help.passOn.choose'));
            passOn(item.id, message, agency).then(onChanged, (caught) => setError(failureText(caught)));
          }}
        >
          {field(
            `pass-${item.id}`,
            t('help.passOn.label'),
            <select id={`pass-${item.id}`} value={passTo} onChange={(event) => setPassTo(event.target.value)}>
              <option value="">{t('help.passOn.choose')}</option>
              {agencies.map((agency) => (
                <option key={agency.agencyId} value={agency.agencyId}>
                  {agency.name} ({agency.province})
                </option>
              ))}
            </select>,
          )}
          <p>
            <button type="submit" className="secondary">
              {t('help.passOn.button')}
            </button>
          </p>
        </form>
      )}
      <p className="actions">
        {item.state === 'waiting' && (
          <button type="button" onClick={() => void act('accept')}>
            {t('help.accept')}
          </button>
        )}
        {item.state === 'waiting' && inbox === 'agency' && (
          <button type="button" className="secondary" onClick={() => void act('decline')}>
            {t('help.decline')}
          </button>
        )}
        {(item.state === 'accepted' || (item.state === 'waiting' && inbox === 'network')) && (
          <button type="button" className="secondary" onClick={() => void act('close')}>
            {t('help.close')}
          </button>
        )}
      </p>
    </li>
  );
}
