import type { Deps } from '../../platform/context.js';
import { agenciesById } from '../accounts/index.js';
import { serviceForReferral } from '../directory/index.js';
import type { ReferralRow } from './access.js';
import { openOutcomeId, sealOutcomeId } from './keys.js';
import * as repo from './repo.js';
import type { SharedFields } from './schema.js';

/**
 * Keeps the referral's one de-identified outcome row current for the statistics capability: from
 * which province to which, to what kind of service, how urgent, which needs, how many hours to
 * acknowledge, accepted or not, completed or not. No id, name, date or free text: only the
 * referral knows, sealed with its key, which row is its own. Drafts are not counted.
 */
export async function keepOutcome(deps: Deps, row: ReferralRow, key: Buffer, shared: SharedFields): Promise<void> {
  if (row.state === 'draft' || !row.sentAt) return;
  const events = await repo.eventStates(deps.kysely, row.id);
  const happened = (state: string) => events.some((event) => event.state === state);
  const agencies = await agenciesById(deps, [row.fromAgencyId, row.toAgencyId]);
  const province = (agencyId: string) => agencies.find((agency) => agency.id === agencyId)?.province ?? 'CA';
  const service = row.toServiceId ? await serviceForReferral(deps, row.toServiceId).catch(() => undefined) : undefined;
  const sentAt = new Date(row.sentAt);
  const values = {
    year: sentAt.getUTCFullYear(),
    fromProvince: province(row.fromAgencyId),
    toProvince: service?.province ?? province(row.toAgencyId),
    serviceCategories: service?.categories ?? [],
    urgency: row.urgency,
    needs: [...shared.needs].sort(),
    interpreterNeeded: shared.person.interpreterNeeded,
    hoursToAcknowledge: row.acknowledgedAt ? Math.ceil((new Date(row.acknowledgedAt).getTime() - sentAt.getTime()) / 3_600_000) : null,
    accepted: happened('accepted') ? true : happened('declined') ? false : null,
    completed: row.state === 'completed' ? true : row.state === 'closed' || row.state === 'declined' ? false : null,
    fromAgencyId: row.fromAgencyId,
    toAgencyId: row.toAgencyId,
    closedReason: row.state === 'closed' ? (events.filter((event) => event.state === 'closed').at(-1)?.reason ?? null) : null,
  };
  if (row.outcomeSealed) {
    const outcomeId = openOutcomeId(key, row.id, row.outcomeSealed);
    await repo.updateOutcome(deps.kysely, outcomeId, values);
    return;
  }
  const id = await repo.insertOutcome(deps.kysely, values);
  await repo.setFields(deps.kysely, row.id, { outcomeSealed: sealOutcomeId(key, row.id, id) });
}
