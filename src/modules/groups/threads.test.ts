import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpAsText, engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
import { asActor, type Client, makeAccount, makeAgency, makeCase, signedIn } from '../../../test/support/factories.js';
import { startMailServer } from '../../../test/support/mail.js';
import { buildApp } from '../../server.js';
import { deliverOutbox, pendingEmails } from '../notifications/index.js';
import { startMailReceiver } from './mail-in.js';
import { sendDigests } from './threads.js';

const DAY = 86_400_000;

describe.each(engines)('a group’s threads by email, with a real SMTP exchange, on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;
  let app: FastifyInstance;
  let sink: Awaited<ReturnType<typeof startMailServer>>;
  let receiver: Awaited<ReturnType<typeof startMailReceiver>>;
  let groupId: string;
  const people: Record<'lead' | 'ana' | 'ben' | 'cleo' | 'outsider', { id: string; email: string; agencyId: string; client: Client }> =
    {} as never;

  /** Mail as a member's own mail program sends it: to Harbour's receiver, by SMTP. */
  const send = (message: {
    from: string;
    to?: string;
    subject: string;
    text: string;
    inReplyTo?: string;
    references?: string;
    messageId?: string;
    headers?: Record<string, string>;
    attachments?: Array<{ filename: string; content: string }>;
  }) =>
    nodemailer
      .createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true })
      .sendMail({ to: 'halifax@lists.test', ...message });

  beforeAll(async () => {
    db = await openTestDb(engine);
    sink = await startMailServer();
    deps = testDeps(db, { HARBOUR_SMTP_URL: sink.url, HARBOUR_LIST_DOMAIN: 'lists.test', HARBOUR_MFA: 'optional' });
    app = await buildApp(deps, { webDir: '/nonexistent' });
    receiver = await startMailReceiver(deps, { port: 0, host: '127.0.0.1' }, () => {});
    const shelter = await makeAgency(deps, 'Halifax shelter');
    const clinic = await makeAgency(deps, 'Legal clinic');
    for (const [name, agency, roles] of [
      ['lead', shelter, ['coordinator']],
      ['ana', shelter, ['worker']],
      ['ben', clinic, ['worker']],
      ['cleo', clinic, ['coordinator']],
      ['outsider', clinic, ['worker']],
    ] as const) {
      const account = await makeAccount(deps, agency.id, [...roles]);
      people[name] = {
        id: account.id,
        email: account.email,
        agencyId: agency.id,
        client: (await signedIn(app, deps, account.email)).client,
      };
    }
    const network = (await signedIn(app, deps, (await makeAccount(deps, shelter.id, ['network_admin'])).email)).client;
    groupId = (
      await network.post('/api/groups', { level: 'national', nameEn: 'Halifax circle', nameFr: 'Cercle de Halifax', listName: 'halifax' })
    ).body.id;
    for (const name of ['lead', 'ana', 'ben', 'cleo'] as const) await people[name].client.post(`/api/groups/${groupId}/membership`);
    await network.request('PUT', `/api/groups/${groupId}/people/${people.lead.id}`, { role: 'coordinator' });
    await people.cleo.client.request('PUT', `/api/groups/${groupId}/delivery`, { delivery: 'daily' });
    // Ana's agency keeps a case about a person the group must never hear of.
    await makeCase(deps, asActor({ id: people.ana.id, agencyId: people.ana.agencyId, roles: ['worker'] }), {
      person: { names: ['Amaru Quispe Condori'], contact: 'phone 902-555-0147 after 6pm', dateOfBirth: '1990-04-12' },
    });
  });
  afterAll(async () => {
    await receiver?.close();
    await sink?.close();
    await app?.close();
    await db?.close();
  });

  /** A header as it was written on the wire (unfolded). */
  const header = (mail: Awaited<ReturnType<typeof simpleParser>> | undefined, key: string) =>
    mail?.headerLines
      .find((line) => line.key === key)
      ?.line.replace(/^[^:]+:\s*/, '')
      .replace(/\r?\n\s+/g, ' ');
  const lastTo = async (email: string) => {
    const raw = [...sink.received].reverse().find((m) => m.to.includes(email))?.raw;
    return raw ? simpleParser(raw) : undefined;
  };

  it('sends a post started on the page to the members as list mail, with List-Id and one-click unsubscribe (RFC 8058)', async () => {
    const started = await people.ana.client.post(`/api/groups/${groupId}/threads`, {
      subject: 'Winter shelter beds',
      body: 'We have 4 beds free this week.',
    });
    expect(started.status).toBe(201);
    await deliverOutbox(deps);
    const mail = await lastTo(people.ben.email);
    expect(mail?.subject).toBe('[halifax] Winter shelter beds');
    expect(mail?.text).toContain('We have 4 beds free this week.');
    expect(header(mail, 'list-id')).toBe('Halifax circle <halifax.lists.test>');
    expect(header(mail, 'list-post')).toBe('<mailto:halifax@lists.test>');
    expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(header(mail, 'list-unsubscribe')).toMatch(/^<https?:\/\/[^>]+\/api\/lists\/unsubscribe\?token=[^>]+>$/);
    expect(mail?.replyTo?.text).toBe('halifax@lists.test');
    // Cleo takes a daily digest and Ana wrote it: neither is sent it now.
    expect(sink.received.some((m) => m.to.includes(people.cleo.email))).toBe(false);
    expect(sink.received.some((m) => m.to.includes(people.ana.email))).toBe(false);
  });

  it('posts a member’s emailed reply in its thread, its own words on the page and the quote folded away, never lost', async () => {
    const asSent = await lastTo(people.ben.email);
    await send({
      from: people.ben.email,
      subject: `Re: ${asSent?.subject}`,
      inReplyTo: asSent?.messageId,
      references: asSent?.messageId,
      text: [
        'We can take two people from Thursday.',
        '',
        `On Mon, Dec 1, 2026 at 10:02 AM Halifax circle <halifax@lists.test> wrote:`,
        '',
        '> We have 4 beds free this week.',
      ].join('\n'),
    });
    const threads = (await people.ben.client.get(`/api/groups/${groupId}/threads`)).body;
    expect(threads).toHaveLength(1);
    const thread = (await people.ben.client.get(`/api/groups/${groupId}/threads/${threads[0].id}`)).body;
    expect(thread.posts.map((p: { body: string }) => p.body)).toEqual([
      'We have 4 beds free this week.',
      'We can take two people from Thursday.',
    ]);
    expect(thread.posts[1]).toMatchObject({ via: 'email', quoted: expect.stringContaining('> We have 4 beds free this week.') });
    // The same message delivered again (a mail server's retry) is posted once.
    const stored = await deps.kysely.selectFrom('groupPost').select('messageId').where('via', '=', 'email').executeTakeFirstOrThrow();
    await send({
      from: people.ben.email,
      subject: 'Re: Winter shelter beds',
      text: 'We can take two people from Thursday.',
      messageId: `<${stored.messageId}>`,
    });
    expect((await people.ben.client.get(`/api/groups/${groupId}/threads/${threads[0].id}`)).body.posts).toHaveLength(2);
  });

  it('posts a member’s mail without its attachments, says so on the post, and tells the sender which files were not kept', async () => {
    await send({
      from: people.ben.email,
      subject: 'Shelter list',
      text: 'The updated list is attached.',
      attachments: [{ filename: 'shelter-list.pdf', content: 'not kept' }],
    });
    const threads = (await people.ben.client.get(`/api/groups/${groupId}/threads`)).body;
    const thread = threads.find((t: { subject: string }) => t.subject === 'Shelter list');
    const posts = (await people.ben.client.get(`/api/groups/${groupId}/threads/${thread.id}`)).body.posts;
    expect(posts[0].body).toBe('The updated list is attached.\n\n[1 attachment(s) not kept / pièce(s) jointe(s) non conservée(s)]');
    const told = (await pendingEmails(deps)).filter((m) => m.toAddress === people.ben.email).at(-1);
    expect(told?.body).toContain('Your message was posted without its attachments (shelter-list.pdf)');
    expect((told?.headers as Record<string, string>)['Auto-Submitted']).toBe('auto-replied');
  });

  it('holds mail from someone outside the group, tells them, and lets a coordinator pass it on', async () => {
    await send({ from: 'stranger@elsewhere.example', subject: 'Volunteers', text: 'Do you need volunteers in January?' });
    await send({ from: people.outsider.email, subject: 'Hello', text: 'May I join?' });
    const told = (await pendingEmails(deps)).filter((m) => m.toAddress === 'stranger@elsewhere.example');
    expect(told[0]?.body).toMatch(/Your message is held/);
    expect((await people.ana.client.get(`/api/groups/${groupId}/held`)).status).toBe(403);
    const held = (await people.lead.client.get(`/api/groups/${groupId}/held`)).body;
    expect(held.map((m: { from: string }) => m.from).sort()).toEqual([people.outsider.email, 'stranger@elsewhere.example'].sort());
    const notices = await deps.kysely
      .selectFrom('notification')
      .selectAll()
      .where('kind', '=', 'mail-held')
      .where('accountId', '=', people.lead.id)
      .execute();
    expect(notices.length).toBeGreaterThan(0);
    const volunteers = held.find((m: { from: string }) => m.from === 'stranger@elsewhere.example');
    const after = await people.lead.client.post(`/api/groups/${groupId}/held/${volunteers.id}`, { decision: 'release' });
    expect(after.body).toHaveLength(1);
    expect((await people.lead.client.post(`/api/groups/${groupId}/held/${volunteers.id}`, { decision: 'reject' })).status).toBe(409);
    const subjects = (await people.ana.client.get(`/api/groups/${groupId}/threads`)).body.map((t: { subject: string }) => t.subject);
    expect(subjects).toContain('Volunteers');
    // An automatic message is held but never answered, so two robots cannot write to each other forever.
    const before = (await pendingEmails(deps)).length;
    await send({
      from: 'robot@elsewhere.example',
      subject: 'Out of office',
      text: 'I am away.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect((await pendingEmails(deps)).filter((m) => m.toAddress === 'robot@elsewhere.example')).toHaveLength(0);
    expect((await pendingEmails(deps)).length).toBe(before);
  });

  it('refuses mail to an address that is no group’s', async () => {
    await expect(send({ from: people.ben.email, to: 'nobody@lists.test', subject: 'x', text: 'x' })).rejects.toThrow(/550/);
  });

  it('takes mail encrypted by STARTTLS when given a certificate, and offers no STARTTLS without one', async () => {
    const tls = path.resolve('test', 'fixtures', 'tls');
    const secured = testDeps(db, {
      HARBOUR_LIST_DOMAIN: 'lists.test',
      HARBOUR_MAIL_TLS_CERT: path.join(tls, 'test-only-cert.pem'),
      HARBOUR_MAIL_TLS_KEY: path.join(tls, 'test-only-key.pem'),
    });
    const withTls = await startMailReceiver(secured, { port: 0, host: '127.0.0.1' }, () => {});
    try {
      // The test certificate is self-signed: the check of who signed it is the one thing left out here.
      const sendTo = (port: number) =>
        nodemailer
          .createTransport({ host: '127.0.0.1', port, secure: false, requireTLS: true, tls: { rejectUnauthorized: false } })
          .sendMail({ from: people.ben.email, to: 'halifax@lists.test', subject: 'Sent encrypted', text: 'This came over TLS.' });
      const sent = await sendTo(withTls.port);
      expect(sent.accepted).toEqual(['halifax@lists.test']);
      const threads = (await people.ben.client.get(`/api/groups/${groupId}/threads`)).body;
      expect(threads.map((t: { subject: string }) => t.subject)).toContain('Sent encrypted');
      await expect(sendTo(receiver.port)).rejects.toThrow(/STARTTLS/);
    } finally {
      await withTls.close();
    }
  });

  it('unsubscribes in one click: the mail program’s POST stops the mail; a link checker’s GET changes nothing', async () => {
    const mail = await lastTo(people.ben.email);
    const link = header(mail, 'list-unsubscribe')?.slice(1, -1) as string;
    const url = new URL(link);
    const page = await app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(page.body).toContain('<form method="post"');
    expect(
      (await deps.kysely.selectFrom('groupMember').select('delivery').where('accountId', '=', people.ben.id).executeTakeFirstOrThrow())
        .delivery,
    ).toBe('every');
    const bad = await app.inject({
      method: 'POST',
      url: `${url.pathname}?token=${groupId}.${people.ben.id}.forged0000000000000000000000000`,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(bad.statusCode).toBe(404);
    const done = await app.inject({
      method: 'POST',
      url: `${url.pathname}${url.search}`,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ group: 'Halifax circle', delivery: 'none' });
    await deliverOutbox(deps);
    const count = sink.received.filter((m) => m.to.includes(people.ben.email)).length;
    await people.ana.client.post(`/api/groups/${groupId}/threads`, {
      subject: 'After Ben left the mail',
      body: 'Ben no longer gets this by email.',
    });
    await deliverOutbox(deps);
    expect(sink.received.filter((m) => m.to.includes(people.ben.email)).length).toBe(count);
  });

  it('sends a daily digest of what the member has not read, never what they read on the page, and none when there is nothing new', async () => {
    const first = await sendDigests(deps);
    expect(first).toBeGreaterThanOrEqual(1);
    const digest = (await pendingEmails(deps)).filter((m) => m.toAddress === people.cleo.email).at(-1);
    expect(digest?.subject).toMatch(/^\[halifax\] Daily digest/);
    expect(digest?.body).toContain('We have 4 beds free this week.');
    expect(digest?.body).toContain('Ben no longer gets this by email.');
    expect(await sendDigests(deps)).toBe(0);

    // A day on: one new post, and one Cleo read on the page already.
    const later = { ...deps, now: () => new Date(deps.now().getTime() + DAY + 60_000) };
    const read = await people.ana.client.post(`/api/groups/${groupId}/threads`, {
      subject: 'Read on the page',
      body: 'Cleo opens this one.',
    });
    await people.cleo.client.get(`/api/groups/${groupId}/threads/${read.body.id}`);
    await people.ana.client.post(`/api/groups/${groupId}/threads`, { subject: 'Unread', body: 'Cleo has not seen this one.' });
    expect(await sendDigests(later)).toBe(1);
    const second = (await pendingEmails(deps)).filter((m) => m.toAddress === people.cleo.email).at(-1);
    expect(second?.body).toContain('Cleo has not seen this one.');
    expect(second?.body).not.toContain('Cleo opens this one.');
    expect(second?.body).not.toContain('We have 4 beds free this week.');
    const twoDays = { ...deps, now: () => new Date(deps.now().getTime() + 2 * DAY + 120_000) };
    expect(await sendDigests(twoDays)).toBe(0);
  });

  it('never carries case data: a post naming a person of a case, or their phone, is refused on the page and by email, and nothing of it is stored', async () => {
    const named = await people.ana.client.post(`/api/groups/${groupId}/threads`, {
      subject: 'Intake',
      body: 'Amaru Quispe Condori needs a bed.',
    });
    expect(named.status).toBe(400);
    expect(named.body.error.message).toMatch(/^body: this holds what one of your agency’s case records holds/);
    expect(named.body.error.message).not.toContain('Amaru');
    const phone = await people.ana.client.post(`/api/groups/${groupId}/threads`, { subject: 'Call', body: 'Call (902) 555-0147 tonight.' });
    expect(phone.status).toBe(400);
    // Another agency's member may write a name that happens to be in Ana's cases: the check is of one's own agency's records.
    await send({ from: people.ana.email, subject: 'Birthday', text: 'Born 1990-04-12, she arrived last week.' });
    expect((await pendingEmails(deps)).filter((m) => m.toAddress === people.ana.email).at(-1)?.body).toMatch(/Your message was not posted/);
    // A file's name is checked as the words are: the message is refused, its file never read.
    await send({
      from: people.ana.email,
      subject: 'Papers',
      text: 'The intake form, for the file.',
      attachments: [{ filename: 'Amaru Quispe Condori - intake.pdf', content: 'not kept' }],
    });
    expect((await pendingEmails(deps)).filter((m) => m.toAddress === people.ana.email).at(-1)?.body).toMatch(/Your message was not posted/);
    const dump = await dumpAsText(db);
    expect(dump).not.toContain('needs a bed');
    expect(dump).not.toContain('Call (902)');
    expect(dump).not.toContain('she arrived last week');
    expect(dump).not.toContain('The intake form, for the file.');
  });
});
