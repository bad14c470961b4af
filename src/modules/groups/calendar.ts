import { createHash, randomBytes } from 'node:crypto';
import ical, { ICalEventStatus } from 'ical-generator';
import type { Selectable } from 'kysely';
import type { MeetingTable } from '../../db/tables.js';
import type { Deps } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type AccountActor, authorize } from '../../platform/policy.js';
import { contactableAccounts } from '../accounts/index.js';
import * as repo from './repo.js';
import { foundGroup } from './service.js';

/**
 * Meetings as iCalendar: one meeting (attached to its confirmation, or downloaded), a member's
 * "my meetings" feed and each group's feed, read by a calendar program at a secret address. Only
 * the key's hash is kept; a new address replaces the old. Each event links back to its page
 * (behind sign-in) and carries the call's link; meetings hold no case data.
 */
type Meeting = Selectable<MeetingTable>;
const hashOf = (key: string) => createHash('sha256').update(key).digest();
const base = (deps: Deps) => deps.config.HARBOUR_PUBLIC_URL.replace(/\/$/, '');
export const meetingPage = (deps: Deps, id: string) => `${base(deps)}/staff/meetings/${id}`;

export function calendarOf(deps: Deps, name: string, meetings: Meeting[]): string {
  const calendar = ical({ name, prodId: { company: 'Harbour', product: 'meetings' } });
  for (const meeting of meetings) {
    const page = meetingPage(deps, meeting.id);
    const lines = [
      meeting.agenda,
      meeting.callUrl ? `Join the call / Rejoindre l’appel : ${meeting.callUrl}` : '',
      meeting.place ? `Where / Lieu : ${meeting.place}` : '',
      `Meeting page / Page de la réunion : ${page}`,
    ];
    calendar.createEvent({
      id: `${meeting.id}@harbour`,
      // In UTC: ical-generator would write the UTC clock under the zone's name; calendars show it in their reader's zone.
      start: new Date(meeting.startsAt),
      end: new Date(meeting.endsAt),
      summary: meeting.title,
      description: lines.filter(Boolean).join('\n\n'),
      location: [meeting.place, meeting.callUrl].filter(Boolean).join(' — ') || null,
      url: page,
      status: meeting.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      sequence: meeting.sequence,
    });
  }
  return calendar.toString();
}

/** A new secret address for the member's calendars, shown once: the one before it stops working at once. */
export async function makeFeed(deps: Deps, actor: AccountActor) {
  authorize(actor, 'group.take_part');
  const key = randomBytes(32).toString('base64url');
  await repo.replaceFeed(deps.kysely, actor.accountId, hashOf(key), deps.now());
  const url = `${base(deps)}/api/meetings/calendar.ics?key=${key}`;
  const groups = await repo.groupsOfMember(deps.kysely, actor.accountId);
  return { url, groups: groups.map((g) => ({ ...g, url: `${url}&group=${g.id}` })) };
}

/** The feed, for whoever holds the key of an account still active: its meetings, or one group's. */
export async function readFeed(deps: Deps, key: string, groupId?: string): Promise<string> {
  const accountId = await repo.feedAccount(deps.kysely, hashOf(key));
  const active = accountId ? await contactableAccounts(deps, [accountId]) : [];
  if (!accountId || active.length === 0) throw new AppError('not_found', 'no calendar at this address: it may have been replaced');
  const since = new Date(deps.now().getTime() - 90 * 86_400_000);
  if (groupId) {
    const group = await foundGroup(deps, groupId);
    const meetings = (await repo.meetingsOfGroup(deps.kysely, groupId, accountId)).filter((m) => m.startsAt >= since);
    return calendarOf(deps, `Harbour — ${group.nameEn} / ${group.nameFr}`, meetings);
  }
  const meetings = (await repo.meetingsOfMember(deps.kysely, accountId, since)).filter((m) => m.myAnswer !== 'no');
  return calendarOf(deps, 'Harbour — my meetings / mes réunions', meetings);
}
