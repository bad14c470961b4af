import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import vocabulary from '../../../data/cases/vocabulary.json';
import { RowField } from '../components/RowsEditor';
import type { Plan, PlanAction, PlanSection, SaveCase } from './caseTypes';

/** The safety plan under the source documents' own headings (data/cases/vocabulary.json): a goal and actions each. */
export function SafetyPlan({ initial, save }: { initial: Plan; save: SaveCase }) {
  const { t } = useTranslation();
  const [plan, setPlan] = useState<Plan>(initial);
  const section = (heading: string): PlanSection => plan[heading] ?? { goal: '', actions: [] };
  const setSection = (heading: string, value: PlanSection) => setPlan({ ...plan, [heading]: value });

  return (
    <section aria-labelledby="plan-title">
      <h2 id="plan-title">{t('cases.plan')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save({ safetyPlan: plan }, t('cases.planSaved'));
        }}
      >
        {vocabulary.planHeadings.map((heading) => {
          const current = section(heading);
          const draft: PlanAction[] =
            current.actions.length === 0 || current.actions.at(-1)?.what
              ? [...current.actions, { what: '', progress: 'not-started' }]
              : current.actions;
          const change = (index: number, action: PlanAction) => {
            const actions = [...draft];
            actions[index] = action;
            setSection(heading, { ...current, actions: actions.filter((a) => a.what.trim()) });
          };
          const label = (what: string, index: number) => `${t(`cases.headings.${heading}`)} — ${t(what)} ${index + 1}`;
          return (
            <fieldset key={heading}>
              <legend>{t(`cases.headings.${heading}`)}</legend>
              <div className="field">
                <label htmlFor={`plan-${heading}-goal`}>{t('cases.goal')}</label>
                <input
                  id={`plan-${heading}-goal`}
                  value={current.goal}
                  onChange={(event) => setSection(heading, { ...current, goal: event.target.value })}
                />
              </div>
              {draft.map((action, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: actions have no id; their order is their identity while editing
                <div className="hours-row" key={index}>
                  <RowField label={`${t('cases.action')} ${index + 1}`}>
                    {(id) => (
                      <input
                        id={id}
                        aria-label={label('cases.action', index)}
                        value={action.what}
                        onChange={(event) => change(index, { ...action, what: event.target.value })}
                      />
                    )}
                  </RowField>
                  <RowField label={t('cases.due')}>
                    {(id) => (
                      <input
                        id={id}
                        type="date"
                        aria-label={label('cases.due', index)}
                        value={action.due ?? ''}
                        onChange={(event) => change(index, { ...action, due: event.target.value || undefined })}
                      />
                    )}
                  </RowField>
                  <RowField label={t('cases.progress')}>
                    {(id) => (
                      <select
                        id={id}
                        aria-label={label('cases.progress', index)}
                        value={action.progress}
                        onChange={(event) => change(index, { ...action, progress: event.target.value })}
                      >
                        {vocabulary.progress.map((p) => (
                          <option key={p} value={p}>
                            {t(`cases.progressValues.${p}`)}
                          </option>
                        ))}
                      </select>
                    )}
                  </RowField>
                </div>
              ))}
            </fieldset>
          );
        })}
        <button type="submit">{t('cases.savePlan')}</button>
      </form>
    </section>
  );
}
