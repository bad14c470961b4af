import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import vocabulary from '../../../data/cases/vocabulary.json';
import type { PathwayFacts } from '../api/cases';
import { checkbox as check } from '../components/Fields';
import { RowsEditor } from '../components/RowsEditor';

// A permit row while it is being typed may lack a date; the server names what is missing.
type Permit = Partial<NonNullable<PathwayFacts['permits']>[number]>;
type RefugeeClaim = NonNullable<PathwayFacts['refugeeClaim']>;
type Exception = NonNullable<PathwayFacts['humanitarianExceptions']>[number];

const decisions = ['accepted', 'rejected', 'withdrawn', 'abandoned'] as const;

/** The dates every pathway deadline follows from: permits, the refugee claim and what followed a refusal, the PRRA and H&C decisions. */
export function PathwayDates(props: { facts: PathwayFacts; onSave: (facts: PathwayFacts) => void }) {
  const { t } = useTranslation();
  // A permit saved before permits had a type was a temporary resident permit.
  const [permits, setPermits] = useState<Permit[]>((props.facts.permits ?? []).map((permit) => ({ type: 'trp', ...permit })));
  const [claim, setClaim] = useState<RefugeeClaim>(props.facts.refugeeClaim ?? {});
  const [prra, setPrra] = useState(props.facts.prraDecidedOn ?? '');
  const [refusals, setRefusals] = useState({
    prraRefusalNotifiedOn: props.facts.prraRefusalNotifiedOn,
    humanitarianRefusalNotifiedOn: props.facts.humanitarianRefusalNotifiedOn,
  });
  const [healthOnly, setHealthOnly] = useState(props.facts.healthInadmissibleOnly ?? false);
  const [exceptions, setExceptions] = useState<Exception[]>(props.facts.humanitarianExceptions ?? []);
  const dateField = (id: string, label: string, value: string | undefined, set: (value: string | undefined) => void) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" value={value ?? ''} onChange={(event) => set(event.target.value || undefined)} />
    </div>
  );

  return (
    <section aria-labelledby="permits-title">
      <h2 id="permits-title">{t('cases.permits')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const claimGiven = Object.values(claim).some(Boolean);
          props.onSave({
            ...props.facts,
            permits: permits as PathwayFacts['permits'],
            refugeeClaim: claimGiven ? { ...props.facts.refugeeClaim, ...claim } : undefined,
            prraDecidedOn: prra || undefined,
            ...refusals,
            healthInadmissibleOnly: healthOnly || undefined,
            humanitarianExceptions: exceptions.length > 0 ? exceptions : undefined,
          });
        }}
      >
        <RowsEditor
          rows={permits}
          blank={{ type: 'trp' }}
          rowLabel={(number) => t('cases.permitNumber', { number })}
          columns={[
            {
              key: 'type',
              type: 'select',
              label: t('cases.permitFields.type'),
              options: vocabulary.permitTypes.map((value) => ({ value, label: t(`cases.permitTypes.${value}`) })),
            },
            ...(['issuedOn', 'expiresOn', 'appliedOn'] as const).map((key) => ({
              key,
              type: 'date' as const,
              label: t(`cases.permitFields.${key}`),
            })),
          ]}
          onChange={setPermits}
        />
        <fieldset>
          <legend>{t('pathwayDates.refugeeClaim')}</legend>
          {dateField('claim-referred', t('pathwayDates.referredOn'), claim.referredOn, (referredOn) => setClaim({ ...claim, referredOn }))}
          <div className="field">
            <label htmlFor="claim-decision">{t('pathwayDates.decision')}</label>
            <select
              id="claim-decision"
              value={claim.decision ?? ''}
              onChange={(event) => setClaim({ ...claim, decision: (event.target.value || undefined) as RefugeeClaim['decision'] })}
            >
              <option value="">{t('pathwayDates.noDecision')}</option>
              {decisions.map((d) => (
                <option key={d} value={d}>
                  {t(`pathwayDates.decisions.${d}`)}
                </option>
              ))}
            </select>
          </div>
          {dateField('claim-decided', t('pathwayDates.decidedOn'), claim.decidedOn, (decidedOn) => setClaim({ ...claim, decidedOn }))}
          {claim.decision === 'rejected' && (
            <>
              {dateField('claim-reasons', t('pathwayDates.reasonsReceivedOn'), claim.reasonsReceivedOn, (reasonsReceivedOn) =>
                setClaim({ ...claim, reasonsReceivedOn }),
              )}
              {check('claim-no-rad', t('pathwayDates.noRadAppeal'), claim.noRadAppeal ?? false, (value) =>
                setClaim({ ...claim, noRadAppeal: value || undefined }),
              )}
              {dateField('claim-rad-refused', t('pathwayDates.radRefusalNotifiedOn'), claim.radRefusalNotifiedOn, (radRefusalNotifiedOn) =>
                setClaim({ ...claim, radRefusalNotifiedOn }),
              )}
            </>
          )}
          {check('claim-dfn', t('pathwayDates.designatedForeignNational'), claim.designatedForeignNational ?? false, (value) =>
            setClaim({ ...claim, designatedForeignNational: value || undefined }),
          )}
          {check('claim-dco', t('pathwayDates.designatedCountryOfOrigin'), claim.designatedCountryOfOrigin ?? false, (value) =>
            setClaim({ ...claim, designatedCountryOfOrigin: value || undefined }),
          )}
        </fieldset>
        <fieldset>
          <legend>{t('pathwayDates.otherFacts')}</legend>
          {check('health-only', t('pathwayDates.healthInadmissibleOnly'), healthOnly, setHealthOnly)}
          {(['best-interests-of-a-child', 'medical-risk'] as const).map((exception) =>
            check(`exception-${exception}`, t(`pathwayDates.exceptions.${exception}`), exceptions.includes(exception), (value) =>
              setExceptions(value ? [...exceptions, exception] : exceptions.filter((e) => e !== exception)),
            ),
          )}
        </fieldset>
        <fieldset>
          <legend>{t('pathwayDates.otherDecisions')}</legend>
          {dateField('prra-decided', t('pathwayDates.prraDecidedOn'), prra, (value) => setPrra(value ?? ''))}
          {dateField('prra-refused', t('pathwayDates.prraRefusalNotifiedOn'), refusals.prraRefusalNotifiedOn, (prraRefusalNotifiedOn) =>
            setRefusals({ ...refusals, prraRefusalNotifiedOn }),
          )}
          {dateField(
            'hc-refused',
            t('pathwayDates.humanitarianRefusalNotifiedOn'),
            refusals.humanitarianRefusalNotifiedOn,
            (humanitarianRefusalNotifiedOn) => setRefusals({ ...refusals, humanitarianRefusalNotifiedOn }),
          )}
        </fieldset>
        <button type="submit">{t('cases.savePermits')}</button>
      </form>
    </section>
  );
}
