import type { Selectable } from 'kysely';
import type { MembershipApplicationTable, MembershipMessageTable } from '../../db/tables.js';
import type { applicationDetail, workKinds } from './schema.js';

type Application = Selectable<MembershipApplicationTable>;
type Province = (typeof applicationDetail)['_output']['province'];
const iso = (at: Date | string | null) => (at ? new Date(at).toISOString() : null);

export const presentSummary = (a: Application) => ({
  id: a.id,
  organizationName: a.organizationName,
  province: a.province as Province,
  city: a.city,
  state: a.state,
  submittedAt: new Date(a.submittedAt).toISOString(),
  decidedAt: iso(a.decidedAt),
});

/** Never the answer link's hash. */
export const presentApplication = (
  a: Application,
  messages: Array<Pick<MembershipMessageTable, 'kind' | 'body'> & { createdAt: Date | string; displayName: string | null }>,
) => ({
  ...presentSummary(a),
  website: a.website,
  work: a.work as Array<(typeof workKinds)[number]>,
  whatItDoes: a.whatItDoes,
  howItMeetsCriteria: a.howItMeetsCriteria,
  contact: { name: a.contactName, email: a.contactEmail, phone: a.contactPhone, role: a.contactRole },
  language: a.language,
  agencyId: a.agencyId,
  messages: messages.map((m) => ({ kind: m.kind, body: m.body, by: m.displayName, at: new Date(m.createdAt).toISOString() })),
});
