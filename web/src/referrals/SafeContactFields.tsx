import { useTranslation } from 'react-i18next';
import type { SafeContact } from '../api/referrals';
import { checkbox as check, field } from '../components/Fields';
import { contactChannels } from './types';

/** What a channel needs to reach the person: a number for a call or a text, an address for an email, else nothing. */
export const reachKind = (channel: SafeContact['channel']) =>
  channel === 'phone' || channel === 'text' ? 'number' : channel === 'email' ? 'address' : undefined;

/** How the receiving agency may reach the person safely: channel, the number or address, times, messages, a code word. */
export function SafeContactFields({ contact, setContact }: { contact: SafeContact; setContact: (contact: SafeContact) => void }) {
  const { t } = useTranslation();
  const reach = reachKind(contact.channel);
  return (
    <fieldset>
      <legend>{t('referrals.form.safeContact')}</legend>
      {field(
        'referral-channel',
        t('referrals.form.channel'),
        <select
          id="referral-channel"
          value={contact.channel}
          onChange={(event) => {
            const channel = event.target.value as SafeContact['channel'];
            // A number kept for a call still serves a text; a channel that needs none drops it.
            setContact({ ...contact, channel, reachAt: reachKind(channel) === reachKind(contact.channel) ? contact.reachAt : '' });
          }}
        >
          {contactChannels.map((channel) => (
            <option key={channel} value={channel}>
              {t(`referrals.channels.${channel}`)}
            </option>
          ))}
        </select>,
      )}
      {reach &&
        field(
          'referral-reach-at',
          t(`referrals.form.reachAt.${contact.channel}`),
          <input
            id="referral-reach-at"
            type={reach === 'address' ? 'email' : 'tel'}
            autoComplete="off"
            required
            value={contact.reachAt ?? ''}
            onChange={(event) => setContact({ ...contact, reachAt: event.target.value })}
          />,
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
      {check('referral-message', t('referrals.form.messageOk'), contact.messageOk, (messageOk) => setContact({ ...contact, messageOk }))}
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
  );
}
