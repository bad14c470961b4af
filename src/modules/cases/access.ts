/**
 * What every case operation stands on: the case's own key, the blind name tokens, the audit
 * record, and the one rule of who may open a case.
 */
import { type AuditDetails, recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/context.js';
import { openWithKey } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { type Actor, authorize } from '../../platform/policy.js';
import { fold } from '../../platform/text.js';
import { accountsOfAgency } from '../accounts/index.js';
import * as repo from './repo.js';
import { type CaseContent, caseContent } from './schema.js';

const nameWords = (names: string[]) => [
  ...new Set(names.flatMap((name) => fold(name).split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length > 0)),
];

export const contentAad = (caseId: string) => `harbour:case:${caseId}:content`;
export const factAad = (caseId: string) => `harbour:case:${caseId}:fact`;
export const reasonAad = (caseId: string, grantId: string) => `harbour:case:${caseId}:grant:${grantId}`;
export const keyRef = (caseId: string) => ({ table: 'case_key', column: 'sealed_key', rowId: caseId });

export async function caseKey(deps: Deps, agencyId: string, caseId: string): Promise<Buffer> {
  const row = await repo.sealedKeyOf(deps.kysely, caseId);
  if (!row) throw new AppError('not_found', `case ${caseId} has no key: it was erased`);
  return Buffer.from(await deps.crypto.decrypt(agencyId, keyRef(caseId), row.sealedKey), 'base64');
}

export async function tokens(deps: Deps, agencyId: string, names: string[]) {
  return Promise.all(nameWords(names).map((word) => deps.crypto.blindIndex(agencyId, 'case-name', word)));
}

export const audit = (
  deps: Deps,
  actor: Actor,
  action: string,
  caseId: string,
  details: AuditDetails = {},
  outcome: 'ok' | 'refused' = 'ok',
) =>
  recordAudit(
    deps,
    { actorAccountId: actor.accountId, agencyId: actor.agencyId, action, targetType: 'case', targetId: caseId, outcome, details },
    deps.now(),
  );

export interface Access {
  record: {
    id: string;
    agencyId: string;
    coordinatorAccountId: string;
    restricted: boolean;
    status: 'open' | 'closed';
    closedReason: string | null;
    purgeOn: string | null;
    sealed: Uint8Array;
    factSealed: Uint8Array | null;
    createdAt: Date;
    updatedAt: Date;
  };
  via: 'coordinator' | 'team' | 'agency' | 'break-glass';
}

/**
 * Who may open a case: its agency's case roles; when it is restricted, only its coordinator and
 * team, or someone holding an unexpired break-the-glass grant. Another agency's case is "not found".
 */
export async function access(deps: Deps, actor: Actor, id: string): Promise<Access> {
  const record = await repo.findRecord(deps.kysely, id);
  if (!record || record.agencyId !== actor.agencyId) throw new AppError('not_found', `no case ${id}`);
  const [granted] = await accessMany(deps, actor, [record]);
  if (granted) return granted;
  await audit(deps, actor, 'case.read', id, { reason: 'restricted' }, 'refused');
  throw new AppError(
    'forbidden',
    'restricted case: only its coordinator and team may open it; to open it anyway, give your reason (break the glass)',
    {
      breakGlass: `/api/cases/${id}/break-glass`,
    },
  );
}

export function openContent(key: Buffer, record: { id: string; sealed: Uint8Array }): CaseContent {
  return caseContent.parse(JSON.parse(openWithKey(key, record.sealed, contentAad(record.id))));
}

/**
 * The rule itself, for one case or many at once (the list, the calendar): two queries whatever
 * the number of cases. Cases the caller may not open are left out, silently; `access` says why.
 */
export async function accessMany(deps: Deps, actor: Actor, records: Access['record'][]): Promise<Access[]> {
  authorize(actor, 'case.read', actor.agencyId);
  const ours = records.filter((record) => record.agencyId === actor.agencyId);
  if (ours.length === 0) return [];
  const ids = ours.map((record) => record.id);
  const onTeam = await repo.onTeam(deps.kysely, ids, actor.accountId);
  const closedToMe = ours.filter((r) => r.restricted && r.coordinatorAccountId !== actor.accountId && !onTeam.has(r.id)).map((r) => r.id);
  const granted = closedToMe.length > 0 ? await repo.liveGrants(deps.kysely, closedToMe, actor.accountId, deps.now()) : new Set<string>();
  return ours.flatMap((record): Access[] => {
    if (record.coordinatorAccountId === actor.accountId) return [{ record, via: 'coordinator' }];
    if (onTeam.has(record.id)) return [{ record, via: 'team' }];
    if (!record.restricted) return [{ record, via: 'agency' }];
    return granted.has(record.id) ? [{ record, via: 'break-glass' }] : [];
  });
}

/** People of the agency by id, for naming a case's coordinator, team and authors; an account gone since is "former account". */
export async function accountNames(deps: Deps, agencyId: string, ids: string[]) {
  const people = await accountsOfAgency(deps, agencyId, [...new Set(ids)]);
  return (id: string) => ({ id, displayName: people.find((p) => p.id === id)?.displayName ?? 'former account' });
}

/** The keys of many cases of one agency, each opened with the agency's key; one query. */
export async function caseKeys(deps: Deps, agencyId: string, caseIds: string[]): Promise<Map<string, Buffer>> {
  if (caseIds.length === 0) return new Map();
  const rows = await repo.sealedKeysOf(deps.kysely, caseIds);
  const keys = new Map<string, Buffer>();
  for (const row of rows)
    keys.set(row.caseId, Buffer.from(await deps.crypto.decrypt(agencyId, keyRef(row.caseId), row.sealedKey), 'base64'));
  return keys;
}
