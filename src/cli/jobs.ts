import { factsNeedRefresh, purgeDueCases, refreshCaseFacts, remindDeadlines } from '../modules/cases/index.js';
import { sendDigests } from '../modules/groups/index.js';
import { routeHelpRequests } from '../modules/help/index.js';
import { deliverOutbox, queueEmail } from '../modules/notifications/index.js';
import { flagOverdueReferrals, purgeFinishedReferrals } from '../modules/referrals/index.js';
import { makeCheckpoint } from '../platform/audit.js';
import type { Deps } from '../platform/context.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;

/**
 * What the server does on its own while it runs: purge closed cases whose retention has ended,
 * give the day's deadline reminders, route unanswered help requests and send the groups' digests (every hour), flag overdue referrals, end receivers' access
 * when consent runs out, and send waiting email (every minute). A
 * failure is logged by its message only and tried again next time.
 */
export function startJobs(deps: Deps, log: (line: string) => void): () => void {
  const guarded = (name: string, job: () => Promise<unknown>) => async () => {
    try {
      await job();
    } catch (error) {
      log(`${name} failed: ${(error as Error).message.split('\n')[0]}`);
    }
  };
  const hourly = guarded('case purge and reminders', async () => {
    const purged = await purgeDueCases(deps);
    if (purged > 0) log(`purged ${purged} closed cases whose retention period ended`);
    const referrals = await purgeFinishedReferrals(deps);
    if (referrals > 0) log(`purged ${referrals} finished referrals whose retention period ended`);
    await remindDeadlines(deps);
    const help = await routeHelpRequests(deps);
    if (help.fellBack > 0) log(`${help.fellBack} help requests nobody accepted in 24 hours went to the network's inbox`);
    if (help.destroyed > 0) log(`destroyed ${help.destroyed} help requests closed more than 30 days ago`);
    const digests = await sendDigests(deps);
    if (digests > 0) log(`sent ${digests} group digests`);
    await deps.attempts.sweep(DAY);
  });
  const mail = guarded('referral flags and email delivery', async () => {
    await flagOverdueReferrals(deps);
    await deliverOutbox(deps);
  });
  const facts = guarded('fact refresh', async () => {
    if (await factsNeedRefresh(deps)) log(`recomputed ${await refreshCaseFacts(deps)} case fact rows`);
  });
  const checkpoint = guarded('audit checkpoint', () => sendAuditCheckpoint(deps, log));
  void facts().then(hourly).then(checkpoint).then(mail);
  const timers = [setInterval(hourly, HOUR), setInterval(mail, MINUTE), setInterval(checkpoint, DAY)];
  for (const timer of timers) timer.unref();
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}

/**
 * Once a day (and at start) a checkpoint of the audit chain leaves the database: in the log and
 * by email to HARBOUR_AUDIT_CHECKPOINT_TO, so a later `harbour audit verify --checkpoint` can tell
 * whether events were cut off the end or the chain rewritten since.
 */
export async function sendAuditCheckpoint(deps: Deps, log: (line: string) => void): Promise<void> {
  const checkpoint = await makeCheckpoint(deps, deps.now());
  const text = JSON.stringify(checkpoint);
  log(`audit checkpoint: ${text}`);
  const to = deps.config.HARBOUR_AUDIT_CHECKPOINT_TO?.split(',') ?? [];
  for (const address of to) {
    await queueEmail(deps, {
      to: address.trim(),
      subject: `Harbour audit checkpoint ${checkpoint.at.slice(0, 10)}: ${checkpoint.events} events`,
      body: [
        'Keep this message: it lets you check later that no audit event was removed or changed.',
        'Save the line below to a file and run: harbour audit verify --checkpoint FILE',
        '',
        text,
      ].join('\n'),
    });
  }
}
