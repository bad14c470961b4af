import nodemailer from 'nodemailer';
import type { Deps } from '../../platform/context.js';

/**
 * Every email waits in the outbox table first; with HARBOUR_SMTP_URL set, `deliverOutbox` sends
 * what waits. Without it, the messages stay there for a developer to read (`harbour outbox`).
 * Callers put no personal data in a message: it says there is something to see, and links to it.
 */
export async function queueEmail(deps: Deps, message: { to: string; subject: string; body: string }) {
  await deps.kysely.insertInto('emailOutbox').values({ toAddress: message.to, subject: message.subject, body: message.body }).execute();
}

const MAX_ATTEMPTS = 5;

export async function deliverOutbox(deps: Deps): Promise<{ sent: number; failed: number; waiting: number }> {
  const pending = await deps.kysely
    .selectFrom('emailOutbox')
    .selectAll()
    .where('sentAt', 'is', null)
    .where('attempts', '<', MAX_ATTEMPTS)
    .orderBy('createdAt')
    .limit(200)
    .execute();
  const url = deps.config.HARBOUR_SMTP_URL;
  if (!url) return { sent: 0, failed: 0, waiting: pending.length };
  const transport = nodemailer.createTransport(url);
  let sent = 0;
  let failed = 0;
  try {
    for (const message of pending) {
      try {
        await transport.sendMail({
          from: deps.config.HARBOUR_MAIL_FROM,
          to: message.toAddress,
          subject: message.subject,
          text: message.body,
        });
        await deps.kysely
          .updateTable('emailOutbox')
          .set({ sentAt: deps.now(), attempts: message.attempts + 1, lastError: null })
          .where('id', '=', message.id)
          .execute();
        sent++;
      } catch (error) {
        // The server's answer only: a message body never reaches an error text.
        const reason = (error as Error).message.split('\n')[0]?.slice(0, 300) ?? 'unknown';
        await deps.kysely
          .updateTable('emailOutbox')
          .set({ attempts: message.attempts + 1, lastError: reason })
          .where('id', '=', message.id)
          .execute();
        failed++;
      }
    }
  } finally {
    transport.close();
  }
  return { sent, failed, waiting: 0 };
}

/** The messages not sent yet, oldest first: what a developer reads with `harbour outbox`. */
export async function pendingEmails(deps: Deps) {
  return deps.kysely
    .selectFrom('emailOutbox')
    .select(['toAddress', 'subject', 'body', 'createdAt', 'attempts', 'lastError'])
    .where('sentAt', 'is', null)
    .orderBy('createdAt')
    .execute();
}
