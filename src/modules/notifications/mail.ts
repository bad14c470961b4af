import nodemailer from 'nodemailer';
import type { EmailAttachment } from '../../db/tables.js';
import type { Deps } from '../../platform/context.js';
import * as repo from './repo.js';

/**
 * Every email waits in the outbox table first; with HARBOUR_SMTP_URL set, `deliverOutbox` sends
 * what waits. Without it, the messages stay there for a developer to read (`harbour outbox`).
 * Callers put no personal data in a message: it says there is something to see, and links to it.
 */
export interface OutgoingEmail {
  to: string;
  subject: string;
  body: string;
  attachments?: EmailAttachment[];
  /** list mail's headers (List-Id, List-Unsubscribe, Reply-To, Message-ID, In-Reply-To, References) */
  headers?: Record<string, string>;
}

export async function queueEmail(deps: Deps, message: OutgoingEmail) {
  await repo.queueEmail(deps.kysely, {
    toAddress: message.to,
    subject: message.subject,
    body: message.body,
    attachments: JSON.stringify(message.attachments ?? []),
    headers: JSON.stringify(message.headers ?? {}),
  });
}

const MAX_ATTEMPTS = 5;

/** The stored headers as nodemailer takes them: its own fields for the ones it would otherwise write itself. */
function sendingHeaders(stored: Record<string, string>) {
  const { 'Message-ID': messageId, 'In-Reply-To': inReplyTo, References: references, 'Reply-To': replyTo, ...headers } = stored;
  return { messageId, inReplyTo, references, replyTo, headers };
}

export async function deliverOutbox(deps: Deps): Promise<{ sent: number; failed: number; waiting: number }> {
  const pending = await repo.emailsToSend(deps.kysely, MAX_ATTEMPTS);
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
          attachments: message.attachments.map((file) => ({
            filename: file.filename,
            contentType: file.contentType,
            content: file.content,
          })),
          ...sendingHeaders(message.headers),
        });
        await repo.updateEmail(deps.kysely, message.id, { sentAt: deps.now(), attempts: message.attempts + 1, lastError: null });
        sent++;
      } catch (error) {
        // The server's answer only: a message body never reaches an error text.
        const reason = (error as Error).message.split('\n')[0]?.slice(0, 300) ?? 'unknown';
        await repo.updateEmail(deps.kysely, message.id, { attempts: message.attempts + 1, lastError: reason });
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
  return repo.waitingEmails(deps.kysely);
}
