import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Deps } from '../../platform/context.js';
import { type InboundMail, isGroupAddress, receiveMail } from './threads.js';

/**
 * Harbour's own mail receiver for the groups' addresses (smtp-server, mailparser): it takes mail
 * only for a group's address at the list domain, up to 2 MB, and hands each message to the
 * groups. Put it behind the network's mail exchanger, or point an MX record at it (then give it a
 * certificate, so mail comes to it encrypted by STARTTLS); without HARBOUR_MAIL_LISTEN it does
 * not run. It keeps no message it could not place.
 */
const MAX_BYTES = 2 * 1024 * 1024;

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);

export function startMailReceiver(deps: Deps, listen: { port: number; host: string }, log: (line: string) => void) {
  const server = new SMTPServer({
    authOptional: true,
    // STARTTLS when the network gave the receiver a certificate (HARBOUR_MAIL_TLS_CERT and _KEY).
    disabledCommands: deps.config.mailTls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(deps.config.mailTls ? { key: deps.config.mailTls.key, cert: deps.config.mailTls.cert } : {}),
    banner: 'Harbour lists',
    size: MAX_BYTES,
    logger: false,
    onRcptTo(address, _session, callback) {
      isGroupAddress(deps, address.address).then(
        (known) => callback(known ? undefined : Object.assign(new Error(`no group at ${address.address}`), { responseCode: 550 })),
        () => callback(Object.assign(new Error('try again later'), { responseCode: 451 })),
      );
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded)
            return callback(Object.assign(new Error('message too large'), { responseCode: 552 }));
          const auto = String(parsed.headers.get('auto-submitted') ?? 'no').toLowerCase();
          const precedence = String(parsed.headers.get('precedence') ?? '').toLowerCase();
          const mail: InboundMail = {
            to: session.envelope.rcptTo.map((r) => r.address),
            from: addresses(parsed.from)[0] ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            messageId: parsed.messageId,
            inReplyTo: parsed.inReplyTo,
            references: Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : [],
            automatic: auto !== 'no' || ['bulk', 'list', 'junk'].includes(precedence),
            attachments: parsed.attachments.filter((a) => a.contentDisposition !== 'inline').map((a) => a.filename ?? 'unnamed'),
          };
          const placed = await receiveMail(deps, mail);
          log(`group mail: ${placed}`);
          callback();
        })
        .catch((error: Error) => {
          // Only the reason's first line: the message's words never reach a log.
          log(`group mail could not be read: ${error.message.split('\n')[0]}`);
          callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
        });
    },
  });
  server.on('error', (error) => log(`mail receiver: ${error.message.split('\n')[0]}`));
  return new Promise<{ port: number; close: () => Promise<void> }>((resolve) => {
    server.listen(listen.port, listen.host, () => {
      const bound = server.server.address();
      resolve({
        port: typeof bound === 'object' && bound ? bound.port : listen.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

/** HARBOUR_MAIL_LISTEN ("2525" or "0.0.0.0:25") as a port and an address. */
export function parseListen(value: string): { port: number; host: string } {
  const [host, port] = value.includes(':') ? value.split(':') : ['127.0.0.1', value];
  return { host: host as string, port: Number(port) };
}
