import type { CaseView } from '../api/cases';

/** The parts of a case the case page's sections edit, as the server gives them. */
export type Plan = CaseView['content']['safetyPlan'];
export type PlanSection = NonNullable<Plan[string]>;
export type PlanAction = PlanSection['actions'][number];
export type Situation = CaseView['content']['situation'];
/** The change a section asks the page to save, and the words to say once it is saved. */
export type SaveCase = (changes: import('../api/cases').CaseChanges, saved: string) => Promise<void>;
