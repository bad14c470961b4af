import * as cases from '../modules/cases/index.js';
import * as notifications from '../modules/notifications/index.js';
import * as referrals from '../modules/referrals/index.js';
import { AppError } from '../platform/errors.js';
import type { Command } from './commands.js';
import { say } from './helpers.js';

/** `harbour` commands: the jobs the server runs, by hand. */
export const jobCommands: Record<string, Command> = {
  'cases purge': {
    summary: 'purge closed cases whose retention period has ended (the server also does it every hour)',
    run: async (runtime) => {
      say(`purged ${await cases.purgeDueCases(runtime.deps)} cases (retention ${runtime.deps.config.HARBOUR_CASE_RETENTION_DAYS} days)`);
    },
  },
  'referrals purge': {
    summary: 'destroy finished referrals whose retention period has ended (the server also does it every hour)',
    run: async (runtime) => {
      const count = await referrals.purgeFinishedReferrals(runtime.deps);
      say(`purged ${count} referrals (retention ${runtime.deps.config.HARBOUR_REFERRAL_RETENTION_DAYS} days)`);
    },
  },
  'cases refresh-facts': {
    summary: "recompute every case's de-identified fact row from the case (after an upgrade; the server does it when needed)",
    run: async (runtime) => {
      say(`${await cases.refreshCaseFacts(runtime.deps)} fact rows recomputed`);
    },
  },
  'cases remind': {
    summary: 'give the reminders of deadlines that have come due (the server also does it every hour)',
    run: async (runtime) => {
      const { cases: count, reminders } = await cases.remindDeadlines(runtime.deps);
      say(`${reminders} reminders given, from ${count} open cases`);
    },
  },
  outbox: {
    summary: 'show the emails waiting to be sent; --send sends them through HARBOUR_SMTP_URL',
    usage: '[--send]',
    options: { send: { type: 'boolean' } },
    run: async (runtime, values) => {
      if (values.send) {
        if (!runtime.deps.config.HARBOUR_SMTP_URL) throw new AppError('bad_request', '--send: set HARBOUR_SMTP_URL first');
        const { sent, failed } = await notifications.deliverOutbox(runtime.deps);
        say(`sent ${sent}, failed ${failed}`);
        return undefined;
      }
      const waiting = await notifications.pendingEmails(runtime.deps);
      for (const message of waiting) {
        say(
          `--- to ${message.toAddress}, ${new Date(message.createdAt).toISOString()}${message.lastError ? ` (last try: ${message.lastError})` : ''}`,
        );
        say(`Subject: ${message.subject}`);
        say(message.body);
      }
      say(`${waiting.length} emails waiting`);
    },
  },
};
