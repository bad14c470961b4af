import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/context.js';
import { notify } from '../notifications/index.js';
import { deadlinesOf } from './deadlines.js';
import { openCases } from './keys.js';
import * as repo from './repo.js';

/**
 * Reminds each open case's coordinator and team of every deadline whose reminder day has come
 * and that is not past: in the app, and by an email that only says something is waiting. Run
 * by the server every hour and by `harbour cases remind`; a reminder is given once.
 */
export async function remindDeadlines(deps: Deps): Promise<{ cases: number; reminders: number }> {
  const today = deps.now().toISOString().slice(0, 10);
  const open = await repo.allOpenRecords(deps.kysely);
  let reminders = 0;
  const opened = [];
  for (const agencyId of new Set(open.map((record) => record.agencyId)))
    opened.push(
      ...(await openCases(
        deps,
        agencyId,
        open.filter((record) => record.agencyId === agencyId),
      )),
    );
  for (const { record, content } of opened) {
    const due = deadlinesOf(content, today, deps.config.HARBOUR_REMINDER_DAYS).filter(
      (deadline) => deadline.remindOn !== null && deadline.remindOn <= today && today <= deadline.due,
    );
    if (due.length === 0) continue;
    const accountIds = [record.coordinatorAccountId, ...(await repo.teamOf(deps.kysely, record.id))];
    for (const deadline of due) {
      reminders += await notify(deps, {
        accountIds,
        kind: deadline.kind,
        subjectType: 'case',
        subjectId: record.id,
        due: deadline.due,
        dedupeKey: `case:${record.id}:${deadline.ref}`,
      });
    }
  }
  if (reminders > 0) await recordAudit(deps, { action: 'case.remind', outcome: 'ok', details: { reminders } }, deps.now());
  return { cases: open.length, reminders };
}
