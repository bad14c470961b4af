import { factsNeedRefresh, purgeDueCases, refreshCaseFacts, remindDeadlines } from '../modules/cases/service.js';
import { deliverOutbox } from '../modules/notifications/service.js';
import { flagOverdueReferrals, purgeFinishedReferrals } from '../modules/referrals/service.js';
import type { Deps } from '../platform/context.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * What the server does on its own while it runs: purge closed cases whose retention has ended,
 * give the day's deadline reminders (every hour), flag overdue referrals, end receivers' access
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
  });
  const mail = guarded('referral flags and email delivery', async () => {
    await flagOverdueReferrals(deps);
    await deliverOutbox(deps);
  });
  const facts = guarded('fact refresh', async () => {
    if (await factsNeedRefresh(deps)) log(`recomputed ${await refreshCaseFacts(deps)} case fact rows`);
  });
  void facts().then(hourly).then(mail);
  const timers = [setInterval(hourly, HOUR), setInterval(mail, MINUTE)];
  for (const timer of timers) timer.unref();
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}
