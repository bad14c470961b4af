/**
 * The public face of the pathways rules: a pure engine (no database, no clock of its own) that
 * reads a case's dates and says, for each pathway to status, whether it is open, barred or
 * lapsed and which deadlines follow, each with its rule and dated source (data/pathways/rules.json).
 */
export type { Assessment, Deadline, PathwayFacts, PathwayRule, PathwayState, Permit, PermitType, RuleRef } from './rules.js';
export { addDays, addMonths, assessPathways, deadlineKinds, pathwayRules, workingDaysBefore } from './rules.js';
