import type { Access } from './access.js';
import type { CaseContent, closeReasons } from './schema.js';

/**
 * A short reference for a case that names no one: "H-" and the first six characters of its id.
 * It stands for the person where a name must not go — a calendar feed, an erased name.
 */
export const caseReference = (caseId: string) => `H-${caseId.slice(0, 6).toUpperCase()}`;

/** What a case shows of itself in the list and at the top of its page: its reference, the person's first name, its state. */
export const caseSummary = (record: Access['record'], content: CaseContent) => ({
  id: record.id,
  reference: caseReference(record.id),
  name: content.person.names[0] ?? '',
  status: record.status,
  closedReason: record.closedReason as (typeof closeReasons)[number] | null,
  purgeOn: record.purgeOn,
  restricted: record.restricted,
});
