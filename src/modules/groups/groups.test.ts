import type { FastifyInstance } from 'fastify';
import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
import { asActor, Client, makeAccount, makeAgency, makeCase, signedIn } from '../../../test/support/factories.js';
import { commandLine } from '../../platform/policy.js';
import { zonedInstant } from '../../platform/time.js';
import { buildApp } from '../../server.js';
import { disableAccount } from '../accounts/index.js';
import { pendingEmails } from '../notifications/index.js';
import { isGroupAddress } from './threads.js';

const events = (text: string) =>
  Object.values(ical.sync.parseICS(text)).filter((item): item is VEvent => item !== undefined && item.type === 'VEVENT');
/** node-ical gives a property with parameters (URL;VALUE=URI) as { params, val }. */
const plain = (property: unknown) => (typeof property === 'object' && property !== null && 'val' in property ? property.val : property);

const national = { level: 'national', nameEn: 'National anti-trafficking committee', nameFr: 'Comité national contre la traite' };
const inTwoWeeks = () => new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
const meetingBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'Monthly call',
  agenda: '1. Farm season\n2. Housing',
  date: inTwoWeeks(),
  start: '13:00',
  end: '14:30',
  timeZone: 'America/Halifax',
  mode: 'virtual',
  callUrl: 'https://meet.example.org/harbour-monthly',
  ...overrides,
});

describe.each(engines)('working groups and their meetings on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;
  let app: FastifyInstance;
  let network: Client;
  let coordinator: Client;
  let coordinatorId: string;
  let coordinatorAgencyId: string;
  let member: Client;
  let memberId: string;
  let outsider: Client;
  let nationalId: string;

  beforeAll(async () => {
    db = await openTestDb(engine);
    deps = testDeps(db);
    app = await buildApp(deps, { webDir: '/nonexistent' });
    const office = await makeAgency(deps, 'Network office');
    const shelter = await makeAgency(deps, 'Halifax shelter');
    network = (await signedIn(app, deps, (await makeAccount(deps, office.id, ['network_admin'])).email)).client;
    const lead = await makeAccount(deps, shelter.id, ['coordinator']);
    coordinatorId = lead.id;
    coordinatorAgencyId = shelter.id;
    coordinator = (await signedIn(app, deps, lead.email)).client;
    const worker = await makeAccount(deps, (await makeAgency(deps, 'Legal clinic')).id, ['worker']);
    memberId = worker.id;
    member = (await signedIn(app, deps, worker.email)).client;
    outsider = (await signedIn(app, deps, (await makeAccount(deps, shelter.id, ['researcher'])).email)).client;

    const created = await network.post('/api/groups', national);
    expect(created.status).toBe(201);
    nationalId = created.body.id;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('lets only a network admin start a national group, and names what is wrong with a bad one', async () => {
    expect((await coordinator.post('/api/groups', national)).status).toBe(403);
    expect((await new Client(app).get('/api/groups')).status).toBe(401);
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...national, parentId: nationalId }, /parentId: a national group reports to no one/],
      [{ ...national, level: 'regional' }, /parentId: .*names the group it reports to/],
      [{ ...national, level: 'city', parentId: nationalId }, /city: a city group names its city/],
      [{ ...national, nameFr: '' }, /nameFr: at least 2 characters/],
      [{ ...national, level: 'galactic' }, /level: one of national, regional, city/],
    ];
    for (const [body, message] of cases) {
      const response = await network.post('/api/groups', body);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(message);
    }
    const created = await network.get(`/api/groups/${nationalId}`);
    expect(created.body).toMatchObject({ level: 'national', parent: null, myRole: 'coordinator', mayLead: true, members: 1 });
  });

  it('has a group’s coordinators start city groups under it, which report to it; a plain member cannot', async () => {
    expect((await coordinator.post(`/api/groups/${nationalId}/membership`)).body.myRole).toBe('member');
    const refused = await coordinator.post('/api/groups', {
      ...national,
      level: 'city',
      parentId: nationalId,
      city: 'Halifax',
      province: 'NS',
    });
    expect(refused.status).toBe(403);
    const promoted = await network.request('PUT', `/api/groups/${nationalId}/people/${coordinatorId}`, { role: 'coordinator' });
    expect(promoted.body.people.find((p: { accountId: string }) => p.accountId === coordinatorId).role).toBe('coordinator');
    const city = await coordinator.post('/api/groups', {
      level: 'city',
      parentId: nationalId,
      nameEn: 'Halifax working group',
      nameFr: 'Groupe de travail de Halifax',
      city: 'Halifax',
      province: 'NS',
    });
    expect(city.status).toBe(201);
    expect(city.body).toMatchObject({ level: 'city', parent: { id: nationalId }, myRole: 'coordinator' });
    expect((await network.get(`/api/groups/${nationalId}`)).body.children.map((c: { id: string }) => c.id)).toContain(city.body.id);
    const under = await coordinator.post('/api/groups', { ...national, level: 'city', parentId: city.body.id, city: 'Dartmouth' });
    expect(under.body.error.message).toMatch(/level: a city group cannot report to a city group/);
    // The last coordinator cannot leave; someone else can.
    expect((await coordinator.request('DELETE', `/api/groups/${city.body.id}/membership`)).status).toBe(409);
    expect((await network.get('/api/groups')).body.map((g: { level: string }) => g.level)[0]).toBe('national');
  });

  it('schedules a meeting in its time zone, tells the members, and refuses a bad one by name', async () => {
    await member.post(`/api/groups/${nationalId}/membership`);
    expect((await member.post(`/api/groups/${nationalId}/meetings`, meetingBody())).status).toBe(403);
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ end: '12:00' }, /end: the meeting ends after it starts/],
      [{ callUrl: undefined }, /callUrl: a meeting by call gives the call’s link/],
      [{ mode: 'in-person', callUrl: undefined }, /place: a meeting in person says where/],
      [{ timeZone: 'Europe/Paris' }, /timeZone: a Canadian time zone/],
      [{ date: '2020-01-01' }, /date: the meeting is in the past/],
      [{ date: '2027-02-30' }, /date: not a real date/],
      [{ capacity: 0 }, /capacity: at least 1/],
    ];
    for (const [overrides, message] of bad) {
      const response = await network.post(`/api/groups/${nationalId}/meetings`, meetingBody(overrides));
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(message);
    }
    const made = await network.post(`/api/groups/${nationalId}/meetings`, meetingBody());
    expect(made.status).toBe(201);
    expect(made.body.startsAt).toBe(zonedInstant(inTwoWeeks(), '13:00', 'America/Halifax').toISOString());
    const notices = await deps.kysely.selectFrom('notification').selectAll().where('subjectId', '=', made.body.id).execute();
    expect(notices.map((n) => n.accountId).sort()).toEqual([coordinatorId, memberId].sort());
    expect(notices[0]).toMatchObject({ kind: 'meeting-scheduled', subjectType: 'meeting' });
  });

  it('takes members’ answers within the capacity; yes brings a confirmation with an .ics that parses; outsiders are refused', async () => {
    const made = await network.post(`/api/groups/${nationalId}/meetings`, meetingBody({ title: 'Small circle', capacity: 1 }));
    const id = made.body.id;
    expect((await outsider.request('PUT', `/api/meetings/${id}/answer`, { answer: 'yes' })).status).toBe(403);
    expect((await member.request('PUT', `/api/meetings/${id}/answer`, { answer: 'perhaps' })).body.error.message).toMatch(
      /answer: one of yes, no, maybe/,
    );
    const yes = await member.request('PUT', `/api/meetings/${id}/answer`, { answer: 'yes' });
    expect(yes.body).toMatchObject({ going: 1, myAnswer: 'yes' });
    const full = await coordinator.request('PUT', `/api/meetings/${id}/answer`, { answer: 'yes' });
    expect(full.status).toBe(409);
    expect(full.body.error.message).toMatch(/full \(1 places\)/);
    expect((await coordinator.request('PUT', `/api/meetings/${id}/answer`, { answer: 'maybe' })).body.going).toBe(1);

    const account = await deps.kysely.selectFrom('account').select('email').where('id', '=', memberId).executeTakeFirstOrThrow();
    const letter = (await pendingEmails(deps)).find((m) => m.toAddress === account.email && m.subject.includes('Small circle'));
    expect(letter?.body).toContain('https://meet.example.org/harbour-monthly');
    const [file] = letter?.attachments ?? [];
    expect(file?.filename).toBe('meeting.ics');
    const [event] = events(file?.content ?? '');
    expect(event?.summary).toBe('Small circle');
    expect(plain(event?.url)).toBe(`${deps.config.HARBOUR_PUBLIC_URL}/staff/meetings/${id}`);
    expect(event?.location).toContain('https://meet.example.org/harbour-monthly');
    expect(new Date(event?.start as Date).toISOString()).toBe(made.body.startsAt);
  });

  it('gives each member a calendar of their meetings and one per group, at an address that stops when replaced or its account is disabled', async () => {
    const kept = await network.post(`/api/groups/${nationalId}/meetings`, meetingBody({ title: 'Kept meeting' }));
    const declined = await network.post(`/api/groups/${nationalId}/meetings`, meetingBody({ title: 'Declined meeting' }));
    await member.request('PUT', `/api/meetings/${declined.body.id}/answer`, { answer: 'no' });
    const feed = await member.post('/api/meetings/feed');
    expect(feed.status).toBe(200);
    const url = new URL(feed.body.url);
    const mine = await new Client(app).get(`${url.pathname}${url.search}`);
    expect(mine.headers['content-type']).toMatch(/^text\/calendar/);
    const titles = events(mine.raw.body).map((e) => e.summary);
    expect(titles).toContain('Kept meeting');
    expect(titles).not.toContain('Declined meeting');
    const event = events(mine.raw.body).find((e) => e.summary === 'Kept meeting');
    expect(plain(event?.url)).toBe(`${deps.config.HARBOUR_PUBLIC_URL}/staff/meetings/${kept.body.id}`);
    expect(String(event?.description)).toContain('Join the call / Rejoindre l’appel : https://meet.example.org/harbour-monthly');

    const groupFeed = feed.body.groups.find((g: { id: string }) => g.id === nationalId);
    const group = new URL(groupFeed.url);
    const groupEvents = events((await new Client(app).get(`${group.pathname}${group.search}`)).raw.body).map((e) => e.summary);
    expect(groupEvents).toEqual(expect.arrayContaining(['Kept meeting', 'Declined meeting']));

    await member.post('/api/meetings/feed');
    expect((await new Client(app).get(`${url.pathname}${url.search}`)).status).toBe(404);
    expect((await new Client(app).get('/api/meetings/calendar.ics?key=short')).status).toBe(400);
    const fresh = new URL((await member.post('/api/meetings/feed')).body.url);
    await disableAccount(deps, commandLine, memberId);
    expect((await new Client(app).get(`${fresh.pathname}${fresh.search}`)).status).toBe(404);
  });

  it('keeps minutes (compare-and-set) and action items with the meeting, written by its coordinators', async () => {
    const { body } = await network.post(`/api/groups/${nationalId}/meetings`, meetingBody({ title: 'Minuted' }));
    const id = body.id;
    expect((await outsider.request('PUT', `/api/meetings/${id}/minutes`, { minutes: 'x', was: '' })).status).toBe(403);
    const written = await coordinator.request('PUT', `/api/meetings/${id}/minutes`, {
      minutes: 'We agreed on a winter bulletin.',
      was: '',
    });
    expect(written.body.minutes).toBe('We agreed on a winter bulletin.');
    expect((await network.request('PUT', `/api/meetings/${id}/minutes`, { minutes: 'Other words', was: '' })).status).toBe(409);
    const added = await coordinator.post(`/api/meetings/${id}/actions`, {
      text: 'Draft the bulletin',
      ownerId: coordinatorId,
      due: inTwoWeeks(),
    });
    expect(added.body.actions).toEqual([expect.objectContaining({ text: 'Draft the bulletin', done: false, due: inTwoWeeks() })]);
    expect((await coordinator.post(`/api/meetings/${id}/actions`, { text: 'Someone else', ownerId: crypto.randomUUID() })).status).toBe(
      400,
    );
    // A case's person never goes into a meeting's words.
    const clinicCase = await makeCase(deps, asActor({ id: coordinatorId, agencyId: coordinatorAgencyId, roles: ['coordinator'] }), {
      person: { names: ['Wanjiru Kamau'] },
    });
    expect(clinicCase).toBeTruthy();
    const refused = await coordinator.request('PUT', `/api/meetings/${id}/minutes`, {
      minutes: 'Wanjiru Kamau needs housing.',
      was: written.body.minutes,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^minutes: this holds what one of your agency’s case records holds/);
    const done = await coordinator.post(`/api/meetings/${id}/actions/${added.body.actions[0].id}/done`);
    expect(done.body.actions[0].done).toBe(true);
    const audit = await deps.kysely.selectFrom('auditEvent').select('action').where('targetId', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['meeting.schedule', 'meeting.minutes', 'meeting.action.add']));
  });

  /** Who was given a notice of this kind about this subject. */
  const noticed = async (subjectId: string, kind: string) =>
    (
      await deps.kysely.selectFrom('notification').select('accountId').where('subjectId', '=', subjectId).where('kind', '=', kind).execute()
    ).map((n) => n.accountId);

  /** A meeting of the national group, and a member of an agency of their own who said yes (the calendar test disabled the shared one). */
  async function meetingWithAnAttendee(agency: string, title: string) {
    const guest = await makeAccount(deps, (await makeAgency(deps, agency)).id, ['worker']);
    const attendee = (await signedIn(app, deps, guest.email)).client;
    await attendee.post(`/api/groups/${nationalId}/membership`);
    const made = await network.post(`/api/groups/${nationalId}/meetings`, meetingBody({ title }));
    expect((await attendee.request('PUT', `/api/meetings/${made.body.id}/answer`, { answer: 'yes' })).body.myAnswer).toBe('yes');
    return { guest, attendee, id: made.body.id as string, made };
  }

  it('cancels a meeting by its coordinators: members told, who answered yes mailed an .ics that cancels it; no answers after', async () => {
    const { guest, attendee, id } = await meetingWithAnAttendee('Moncton outreach', 'Cancelled call');
    expect((await outsider.post(`/api/meetings/${id}/cancel`, { reason: '' })).status).toBe(403);
    expect((await attendee.post(`/api/meetings/${id}/cancel`, { reason: '' })).status).toBe(403);
    const tooLong = await network.post(`/api/meetings/${id}/cancel`, { reason: 'x'.repeat(2_001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toMatch(/^reason/);
    // The case of the coordinator's agency (kept in the minutes test) never goes into a reason.
    const named = await coordinator.post(`/api/meetings/${id}/cancel`, { reason: 'Wanjiru Kamau cannot come.' });
    expect(named.status).toBe(400);
    expect(named.body.error.message).toMatch(/^reason: this holds what one of your agency’s case records holds/);

    const cancelled = await network.post(`/api/meetings/${id}/cancel`, { reason: 'Snow storm: we meet next month.' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.cancelled).toBe(true);
    const letter = (await pendingEmails(deps)).find(
      (m) => m.toAddress === guest.email && m.subject.includes('cancelled — "Cancelled call"'),
    );
    expect(letter?.body).toContain('Snow storm: we meet next month.');
    const [event] = events(letter?.attachments[0]?.content ?? '');
    expect(event?.summary).toBe('Cancelled call');
    expect(event?.status).toBe('CANCELLED');
    expect(await noticed(id, 'meeting-cancelled')).toContain(guest.id);

    const late = await attendee.request('PUT', `/api/meetings/${id}/answer`, { answer: 'no' });
    expect(late.body.error.message).toMatch(/cancelled/);
    const again = await network.post(`/api/meetings/${id}/cancel`, { reason: '' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already cancelled/);
    const audit = await deps.kysely.selectFrom('auditEvent').select('action').where('targetId', '=', id).execute();
    expect(audit.map((a) => a.action)).toContain('meeting.cancel');
  });

  it('moves a meeting by its coordinators (compare-and-set): answers stand, and who said yes is mailed the moved .ics', async () => {
    const { guest, attendee, id, made } = await meetingWithAnAttendee('Sydney outreach', 'Moving call');
    const inThreeWeeks = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    const to = { date: inThreeWeeks, start: '10:00', end: '11:00', timeZone: 'America/Halifax', was: made.body.startsAt };

    expect((await attendee.request('PUT', `/api/meetings/${id}/time`, to)).status).toBe(403);
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ end: '09:00' }, /^end: the meeting ends after it starts/],
      [{ was: 'yesterday' }, /^was: the start you saw/],
      [{ date: '2020-01-01' }, /^date: the meeting is in the past/],
      [{ timeZone: 'Europe/Paris' }, /^timeZone: a Canadian time zone/],
    ];
    for (const [overrides, message] of bad) {
      const response = await network.request('PUT', `/api/meetings/${id}/time`, { ...to, ...overrides });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(message);
    }
    const stale = await network.request('PUT', `/api/meetings/${id}/time`, { ...to, was: new Date(0).toISOString() });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toBe('someone moved it meanwhile; reload it');

    const moved = await network.request('PUT', `/api/meetings/${id}/time`, to);
    expect(moved.status).toBe(200);
    expect(moved.body.startsAt).toBe(zonedInstant(inThreeWeeks, '10:00', 'America/Halifax').toISOString());
    expect(moved.body.going).toBe(1);
    const letter = (await pendingEmails(deps)).find((m) => m.toAddress === guest.email && m.subject.includes('moved — "Moving call"'));
    const [event] = events(letter?.attachments[0]?.content ?? '');
    expect(new Date(event?.start as Date).toISOString()).toBe(moved.body.startsAt);
    expect(Number(event?.sequence)).toBe(1);
    expect(await noticed(id, 'meeting-moved')).toContain(guest.id);
    // The start it had is no longer the one to name.
    expect((await network.request('PUT', `/api/meetings/${id}/time`, to)).status).toBe(409);
    const audit = await deps.kysely.selectFrom('auditEvent').select('action').where('targetId', '=', id).execute();
    expect(audit.map((a) => a.action)).toContain('meeting.move');
  });

  it('keeps the group’s documents (library tools, linked) and its decisions, kept by its coordinators and read by everyone in the network', async () => {
    const tool = await network.post('/api/library/resources', {
      titleEn: 'Start-up toolkit for city groups',
      titleFr: 'Trousse de démarrage des groupes municipaux',
      summaryEn: 'How to start a working group.',
      summaryFr: 'Comment lancer un groupe de travail.',
      category: 'service-provision',
      kind: 'toolkit',
      audiences: ['ngo-workers'],
      languages: ['en', 'fr'],
      region: 'CA',
      link: 'https://example.org/start-up',
    });
    expect(tool.status).toBe(201);
    expect((await outsider.post(`/api/groups/${nationalId}/documents`, { resourceId: tool.body.id })).status).toBe(403);
    expect((await network.post(`/api/groups/${nationalId}/documents`, { resourceId: crypto.randomUUID() })).body.error.message).toMatch(
      /^resourceId: no resource/,
    );
    const added = await network.post(`/api/groups/${nationalId}/documents`, { resourceId: tool.body.id });
    expect(added.body.documents).toEqual([
      {
        id: tool.body.id,
        titleEn: 'Start-up toolkit for city groups',
        titleFr: 'Trousse de démarrage des groupes municipaux',
        url: 'https://example.org/start-up',
      },
    ]);
    const { body: meeting } = await network.post(`/api/groups/${nationalId}/meetings`, meetingBody({ title: 'Deciding call' }));
    const decided = await coordinator.post(`/api/groups/${nationalId}/decisions`, {
      text: 'City groups report to the committee each quarter.',
      decidedOn: inTwoWeeks(),
      meetingId: meeting.id,
    });
    expect(decided.status).toBe(201);
    expect(decided.body.decisions[0]).toMatchObject({
      text: 'City groups report to the committee each quarter.',
      meetingTitle: 'Deciding call',
    });
    expect((await coordinator.post(`/api/groups/${nationalId}/decisions`, { text: 'x', decidedOn: '2026-13-01' })).status).toBe(400);
    expect(
      (await outsider.post(`/api/groups/${nationalId}/decisions`, { text: 'Someone else cannot record this.', decidedOn: inTwoWeeks() }))
        .status,
    ).toBe(403);
    const read = await outsider.get(`/api/groups/${nationalId}/records`);
    expect(read.body.documents).toHaveLength(1);
    expect(read.body.decisions).toHaveLength(1);
    expect((await network.request('DELETE', `/api/groups/${nationalId}/documents/${tool.body.id}`)).body.documents).toEqual([]);
  });

  it('ends a group by its coordinators once nothing under it runs: its records stay to read, it takes nothing new', async () => {
    const truro = await network.post('/api/groups', {
      level: 'city',
      parentId: nationalId,
      nameEn: 'Truro group',
      nameFr: 'Groupe de Truro',
      city: 'Truro',
      province: 'NS',
    });
    expect(truro.status).toBe(201);
    const id = truro.body.id;
    const local = await makeAccount(deps, (await makeAgency(deps, 'Truro outreach')).id, ['worker']);
    const localClient = (await signedIn(app, deps, local.email)).client;
    await localClient.post(`/api/groups/${id}/membership`);
    await localClient.post(`/api/groups/${id}/threads`, { subject: 'Winter plans', body: 'We start in January.' });
    const coming = await network.post(`/api/groups/${id}/meetings`, meetingBody({ title: 'Truro call' }));

    expect((await localClient.post(`/api/groups/${id}/end`)).status).toBe(403);
    expect((await outsider.post(`/api/groups/${id}/end`)).status).toBe(403);
    const parent = await network.post(`/api/groups/${nationalId}/end`);
    expect(parent.status).toBe(409);
    expect(parent.body.error.message).toMatch(/^end the groups under it first: .*Truro group/);
    const withMeeting = await network.post(`/api/groups/${id}/end`);
    expect(withMeeting.status).toBe(409);
    expect(withMeeting.body.error.message).toBe('cancel its coming meetings first: Truro call');
    await network.post(`/api/meetings/${coming.body.id}/cancel`, { reason: '' });

    const ended = await network.post(`/api/groups/${id}/end`);
    expect(ended.status).toBe(200);
    expect(ended.body.endedAt).toBe(deps.now().toISOString());
    expect(await noticed(id, 'group-ended')).toEqual([local.id]);

    // Nothing new: no member, post, meeting, record, group under it, mail, or second ending.
    const refusals = [
      await outsider.post(`/api/groups/${id}/membership`),
      await localClient.post(`/api/groups/${id}/threads`, { subject: 'Still here?', body: 'Anyone?' }),
      await network.post(`/api/groups/${id}/meetings`, meetingBody({ title: 'Too late' })),
      await network.post(`/api/groups/${id}/decisions`, { text: 'We ended.', decidedOn: inTwoWeeks() }),
      await network.post(`/api/groups/${id}/end`),
    ];
    for (const refused of refusals) {
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(/^this group ended on \d{4}-\d{2}-\d{2}: its records stay to read/);
    }
    const under = await network.post('/api/groups', {
      level: 'city',
      parentId: id,
      nameEn: 'Under',
      nameFr: 'Dessous',
      city: 'Truro',
      province: 'NS',
    });
    expect(under.status).toBe(400);
    expect(under.body.error.message).toBe('parentId: "Truro group" has ended');
    expect(await isGroupAddress(deps, `${truro.body.address}`)).toBe(false);
    // Its records stay to read.
    const threads = await localClient.get(`/api/groups/${id}/threads`);
    expect(threads.body.map((t: { subject: string }) => t.subject)).toEqual(['Winter plans']);
    expect((await localClient.get(`/api/groups/${id}`)).body.endedAt).toBe(ended.body.endedAt);
    const audit = await deps.kysely.selectFrom('auditEvent').select('action').where('targetId', '=', id).execute();
    expect(audit.map((a) => a.action)).toContain('group.end');
  });
});
