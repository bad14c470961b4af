import type { Selectable } from 'kysely';
import type { MeetingTable, RsvpAnswer } from '../../db/tables.js';
import { type Deps, unitOfWork } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type AccountActor, authorize } from '../../platform/policy.js';
import { zonedInstant } from '../../platform/time.js';
import { contactableAccounts } from '../accounts/index.js';
import { queueEmail } from '../notifications/index.js';
import { calendarOf, meetingPage } from './calendar.js';
import { groupRef, presentMeeting } from './present.js';
import * as repo from './repo.js';
import type { MoveMeeting, NewMeeting } from './schema.js';
import { foundGroup, groupAudit, mayLead, openGroup, refuseCaseData, tellMembers } from './service.js';

/**
 * A group's meetings: scheduled by its coordinators (the members are told), answered by its
 * members within the capacity — a "yes" brings a confirmation with the meeting's .ics — and kept
 * afterwards with their minutes and action items.
 */
type Meeting = Selectable<MeetingTable>;

async function foundMeeting(deps: Deps, id: string, forUpdate = false) {
  const meeting = await repo.findMeeting(deps.kysely, id, forUpdate);
  if (!meeting) throw new AppError('not_found', `no meeting ${id}`);
  return meeting;
}

async function leading(deps: Deps, actor: AccountActor, groupId: string) {
  authorize(actor, 'group.take_part');
  if (!(await mayLead(deps, actor, groupId))) throw new AppError('forbidden', 'not allowed: the group’s coordinators lead its meetings');
}

export async function scheduleMeeting(deps: Deps, actor: AccountActor, groupId: string, input: NewMeeting) {
  const group = await openGroup(deps, groupId);
  await leading(deps, actor, group.id);
  await refuseCaseData(deps, actor.agencyId, `${input.title}\n${input.agenda}\n${input.place ?? ''}`, 'agenda');
  const startsAt = zonedInstant(input.date, input.start, input.timeZone);
  if (startsAt <= deps.now()) throw new AppError('bad_request', 'date: the meeting is in the past');
  const meeting = await unitOfWork(deps, async (tx) => {
    const created = await repo.insertMeeting(tx.kysely, {
      groupId,
      title: input.title,
      agenda: input.agenda,
      startsAt,
      endsAt: zonedInstant(input.date, input.end, input.timeZone),
      timeZone: input.timeZone,
      mode: input.mode,
      callUrl: input.mode === 'in-person' ? null : (input.callUrl ?? null),
      place: input.mode === 'virtual' ? null : (input.place ?? null),
      capacity: input.capacity ?? null,
      createdBy: actor.accountId,
      createdAt: tx.now(),
      cancelledAt: null,
    });
    await groupAudit(tx, actor, 'meeting.schedule', 'meeting', created.id);
    await tellMembers(tx, groupId, actor, {
      kind: 'meeting-scheduled',
      subjectType: 'meeting',
      subjectId: created.id,
      due: input.date,
      dedupeKey: `meeting:${created.id}:scheduled`,
    });
    return created;
  });
  return getMeeting(deps, actor, meeting.id);
}

export async function getMeeting(deps: Deps, actor: AccountActor, id: string) {
  authorize(actor, 'group.take_part');
  const meeting = await repo.meetingWithCounts(deps.kysely, id, actor.accountId);
  if (!meeting) throw new AppError('not_found', `no meeting ${id}`);
  const [group, attendees, actions, leads] = await Promise.all([
    foundGroup(deps, meeting.groupId),
    repo.attendeesOf(deps.kysely, id),
    repo.actionsOf(deps.kysely, id),
    mayLead(deps, actor, meeting.groupId),
  ]);
  return {
    ...presentMeeting(meeting),
    group: groupRef(group),
    agenda: meeting.agenda,
    callUrl: meeting.callUrl,
    place: meeting.place,
    minutes: meeting.minutes,
    attendees,
    actions: actions.map((a) => ({ id: a.id, text: a.text, owner: a.owner, due: a.due, done: a.doneAt !== null })),
    mayLead: leads,
  };
}

const letters = {
  confirmed: {
    subject: (title: string) => `Harbour: you are coming to "${title}" / Vous participez à « ${title} »`,
    en: (title: string, when: string) => `You said you are coming to "${title}", ${when}.`,
    fr: (title: string, when: string) => `Vous avez confirmé votre participation à « ${title} », ${when}.`,
    file: 'The attached file adds it to your calendar. / Le fichier joint l’ajoute à votre agenda.',
  },
  cancelled: {
    subject: (title: string) => `Harbour: cancelled — "${title}" / Annulée — « ${title} »`,
    en: (title: string, when: string) => `"${title}", ${when}, is cancelled.`,
    fr: (title: string, when: string) => `« ${title} », ${when}, est annulée.`,
    file: 'The attached file takes it out of your calendar. / Le fichier joint la retire de votre agenda.',
  },
  moved: {
    subject: (title: string) => `Harbour: moved — "${title}" / Déplacée — « ${title} »`,
    en: (title: string, when: string) => `"${title}" now takes place ${when}. Your answer stands; change it on the meeting page.`,
    fr: (title: string, when: string) =>
      `« ${title} » a maintenant lieu ${when}. Votre réponse tient toujours ; changez-la sur la page de la réunion.`,
    file: 'The attached file moves it in your calendar. / Le fichier joint la déplace dans votre agenda.',
  },
};

/** A meeting's email, in English and French, with its .ics attached: a confirmation, a cancellation or a move. */
function meetingLetter(deps: Deps, meeting: Meeting, kind: keyof typeof letters, note = '') {
  const when = (lang: string) =>
    `${new Date(meeting.startsAt).toLocaleString(lang, { timeZone: meeting.timeZone, dateStyle: 'full', timeStyle: 'short' })} (${meeting.timeZone})`;
  const words = letters[kind];
  return {
    subject: words.subject(meeting.title),
    body: [
      words.en(meeting.title, when('en-CA')),
      words.fr(meeting.title, when('fr-CA')),
      ...(note ? ['', note] : []),
      '',
      ...(kind !== 'cancelled' && meeting.callUrl ? [`Call / Appel : ${meeting.callUrl}`] : []),
      `Meeting page / Page de la réunion : ${meetingPage(deps, meeting.id)}`,
      '',
      words.file,
    ].join('\n'),
    attachments: [
      { filename: 'meeting.ics', contentType: 'text/calendar; method=PUBLISH', content: calendarOf(deps, 'Harbour', [meeting]) },
    ],
  };
}

/** The letter of a cancellation or a move, to whoever answered yes or maybe. */
async function mailExpected(tx: Deps, meeting: Meeting, kind: 'cancelled' | 'moved', note = '') {
  const expected = (await repo.expectedAt(tx.kysely, meeting.id)).map((row) => row.accountId);
  for (const person of await contactableAccounts(tx, expected)) {
    await queueEmail(tx, { to: person.email, ...meetingLetter(tx, meeting, kind, note) });
  }
}

/** A member's answer. A "yes" takes a place while there is one (the meeting row is locked meanwhile). */
export async function answerMeeting(deps: Deps, actor: AccountActor, id: string, answer: RsvpAnswer) {
  authorize(actor, 'group.take_part');
  const seen = await foundMeeting(deps, id);
  if (!(await repo.roleIn(deps.kysely, seen.groupId, actor.accountId)))
    throw new AppError('forbidden', 'not allowed: join the group to answer its meetings');
  await unitOfWork(deps, async (tx) => {
    const meeting = await foundMeeting(tx, id, true);
    if (meeting.cancelledAt) throw new AppError('bad_request', 'answer: this meeting was cancelled');
    if (meeting.endsAt <= tx.now()) throw new AppError('bad_request', 'answer: this meeting is over');
    const before = await repo.answerOf(tx.kysely, id, actor.accountId);
    if (answer === 'yes' && before !== 'yes' && meeting.capacity !== null && (await repo.goingCount(tx.kysely, id)) >= meeting.capacity)
      throw new AppError('conflict', `answer: the meeting is full (${meeting.capacity} places)`);
    await repo.setAnswer(tx.kysely, id, actor.accountId, answer, tx.now());
    await groupAudit(tx, actor, `meeting.answer.${answer}`, 'meeting', id);
    const [me] = await contactableAccounts(tx, [actor.accountId]);
    if (answer === 'yes' && before !== 'yes' && me) await queueEmail(tx, { to: me.email, ...meetingLetter(tx, meeting, 'confirmed') });
  });
  return getMeeting(deps, actor, id);
}

/** Why a compare-and-set on a meeting changed nothing, read as it is now: cancelled, over, or `otherwise`. */
async function whyUnchanged(tx: Deps, id: string, otherwise: string) {
  const now = await foundMeeting(tx, id);
  return new AppError(
    'conflict',
    now.cancelledAt ? 'this meeting is already cancelled' : now.endsAt <= tx.now() ? 'this meeting is over' : otherwise,
  );
}

/**
 * Cancels a meeting not yet over (its coordinators): the members are told, and whoever answered
 * yes or maybe gets an email whose .ics marks the event cancelled in their calendar. The meeting
 * stays, marked, with its answers; nobody can answer it any more.
 */
export async function cancelMeeting(deps: Deps, actor: AccountActor, id: string, input: { reason: string }) {
  const seen = await foundMeeting(deps, id);
  await leading(deps, actor, seen.groupId);
  await refuseCaseData(deps, actor.agencyId, input.reason, 'reason');
  await unitOfWork(deps, async (tx) => {
    const meeting = await repo.cancelMeeting(tx.kysely, id, tx.now());
    if (!meeting) throw await whyUnchanged(tx, id, 'this meeting is already cancelled');
    await groupAudit(tx, actor, 'meeting.cancel', 'meeting', id);
    await tellMembers(tx, meeting.groupId, actor, {
      kind: 'meeting-cancelled',
      subjectType: 'meeting',
      subjectId: id,
      dedupeKey: `meeting:${id}:cancelled`,
    });
    await mailExpected(tx, meeting, 'cancelled', input.reason);
  });
  return getMeeting(deps, actor, id);
}

/**
 * Moves a meeting still to come to a new date and times (its coordinators), compare-and-set on the
 * start they saw. The members are told; whoever answered yes or maybe keeps their answer and gets
 * an email whose .ics, one revision on (SEQUENCE), moves the event in their calendar.
 */
export async function moveMeeting(deps: Deps, actor: AccountActor, id: string, input: MoveMeeting) {
  const seen = await foundMeeting(deps, id);
  await leading(deps, actor, seen.groupId);
  const startsAt = zonedInstant(input.date, input.start, input.timeZone);
  if (startsAt <= deps.now()) throw new AppError('bad_request', 'date: the meeting is in the past');
  await unitOfWork(deps, async (tx) => {
    const to = { startsAt, endsAt: zonedInstant(input.date, input.end, input.timeZone), timeZone: input.timeZone };
    const meeting = await repo.moveMeeting(tx.kysely, id, new Date(input.was), to, tx.now());
    if (!meeting) throw await whyUnchanged(tx, id, 'someone moved it meanwhile; reload it');
    await groupAudit(tx, actor, 'meeting.move', 'meeting', id);
    await tellMembers(tx, meeting.groupId, actor, {
      kind: 'meeting-moved',
      subjectType: 'meeting',
      subjectId: id,
      due: input.date,
      dedupeKey: `meeting:${id}:moved:${meeting.sequence}`,
    });
    await mailExpected(tx, meeting, 'moved');
  });
  return getMeeting(deps, actor, id);
}

export async function writeMinutes(deps: Deps, actor: AccountActor, id: string, input: { minutes: string; was: string }) {
  const meeting = await foundMeeting(deps, id);
  await leading(deps, actor, meeting.groupId);
  await refuseCaseData(deps, actor.agencyId, input.minutes, 'minutes');
  await unitOfWork(deps, async (tx) => {
    const changed = await repo.setMinutes(tx.kysely, id, input.minutes, input.was);
    if (Number(changed.numUpdatedRows) === 0) throw new AppError('conflict', 'minutes: someone changed them meanwhile; reload them');
    await groupAudit(tx, actor, 'meeting.minutes', 'meeting', id);
  });
  return getMeeting(deps, actor, id);
}

export async function addAction(deps: Deps, actor: AccountActor, id: string, input: { text: string; ownerId?: string; due?: string }) {
  const meeting = await foundMeeting(deps, id);
  await leading(deps, actor, meeting.groupId);
  await refuseCaseData(deps, actor.agencyId, input.text, 'text');
  if (input.ownerId && !(await repo.roleIn(deps.kysely, meeting.groupId, input.ownerId)))
    throw new AppError('bad_request', 'ownerId: not a member of this group');
  await unitOfWork(deps, async (tx) => {
    await repo.insertAction(tx.kysely, {
      meetingId: id,
      text: input.text,
      ownerId: input.ownerId ?? null,
      due: input.due ?? null,
      createdAt: tx.now(),
    });
    await groupAudit(tx, actor, 'meeting.action.add', 'meeting', id);
  });
  return getMeeting(deps, actor, id);
}

export async function completeAction(deps: Deps, actor: AccountActor, id: string, actionId: string) {
  const meeting = await foundMeeting(deps, id);
  await leading(deps, actor, meeting.groupId);
  const done = await repo.markActionDone(deps.kysely, id, actionId, deps.now());
  if (Number(done.numUpdatedRows) === 0) throw new AppError('not_found', `no open action ${actionId} in this meeting`);
  return getMeeting(deps, actor, id);
}

/** One meeting as an .ics file, to add to a calendar by hand. */
export async function meetingFile(deps: Deps, actor: AccountActor, id: string) {
  authorize(actor, 'group.take_part');
  return calendarOf(deps, 'Harbour', [await foundMeeting(deps, id)]);
}
