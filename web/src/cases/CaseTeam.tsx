import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { me as whoAmI } from '../api/auth';
import { type CaseChanges, type CaseView, handOver, colleagues as loadColleagues } from '../api/cases';
import { failureText } from '../api/client';
import { useLoad } from '../api/useLoad';
import { CheckboxGroup, checkbox } from '../components/Fields';
import { Alert } from '../components/Layout';

/**
 * Who works on the case: the team, chosen from the agency's staff (each one added is told), and
 * handing the case to another coordinator — offered to its coordinator and to agency admins.
 */
export function CaseTeam(props: {
  view: CaseView;
  save: (changes: CaseChanges, saved: string) => Promise<void>;
  onHandedOver: (message: string) => void;
}) {
  const { t } = useTranslation();
  const staff = useLoad(loadColleagues, []).data ?? [];
  const me = useLoad(whoAmI, []).data;
  const { view } = props;
  const [team, setTeam] = useState(view.team.map((member) => member.id));
  const coordinators = staff.filter((person) => person.mayCoordinate && person.id !== view.coordinator.id);
  const [to, setTo] = useState('');
  const [stayOnTeam, setStayOnTeam] = useState(true);
  const [error, setError] = useState<string>();
  const mayHandOver = me && (me.account.id === view.coordinator.id || me.account.roles.includes('agency_admin'));

  return (
    <section aria-labelledby="team-title">
      <h2 id="team-title">{t('team.title')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void props.save({ team }, t('team.saved'));
        }}
      >
        <CheckboxGroup
          id="team"
          legend={t('team.members')}
          terms={staff
            .filter((person) => person.id !== view.coordinator.id)
            .map((person) => ({ id: person.id, en: person.displayName, fr: person.displayName }))}
          chosen={team}
          onChange={setTeam}
        />
        <p className="muted">{t('team.told')}</p>
        <button type="submit">{t('team.save')}</button>
      </form>
      {mayHandOver && coordinators.length > 0 && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setError(undefined);
            handOver(view.id, { toAccountId: to, stayOnTeam }).then(
              (done) => props.onHandedOver(t('team.handedOver', { name: done.coordinator.displayName })),
              (caught) => setError(failureText(caught)),
            );
          }}
        >
          <h3>{t('team.handOverTitle')}</h3>
          <div className="field">
            <label htmlFor="hand-over-to">{t('team.handOverTo')}</label>
            <select id="hand-over-to" value={to} required onChange={(event) => setTo(event.target.value)}>
              <option value="">{t('team.choose')}</option>
              {coordinators.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.displayName}
                </option>
              ))}
            </select>
          </div>
          {checkbox('hand-over-stay', t('team.stayOnTeam', { name: view.coordinator.displayName }), stayOnTeam, setStayOnTeam)}
          <p className="muted">{t('team.handOverExplain')}</p>
          <Alert message={error} />
          <button type="submit">{t('team.handOver')}</button>
        </form>
      )}
    </section>
  );
}
