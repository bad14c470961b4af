import { z } from 'zod';
import { deliveries, groupLevels, meetingModes, rsvpAnswers } from '../../db/tables.js';
import { isoDate, provinceCodes, shortName } from '../../platform/schema.js';
import { canadianTimeZones } from '../../platform/zones.js';

export { idParams } from '../../platform/schema.js';

export { canadianTimeZones };

const words = (max: number, what: string) =>
  z
    .string({ message: `${what} is required` })
    .trim()
    .min(2, 'at least 2 characters')
    .max(max);

export const newGroup = z
  .object({
    level: z.enum(groupLevels, { message: `one of ${groupLevels.join(', ')}` }),
    parentId: z.string().uuid('a group id').optional().describe('the group it reports to; none for a national group'),
    nameEn: words(120, 'an English name'),
    nameFr: words(120, 'a French name'),
    descriptionEn: z.string().trim().max(2000).default(''),
    descriptionFr: z.string().trim().max(2000).default(''),
    province: z.enum(provinceCodes, { message: 'a two-letter province or territory code' }).optional(),
    city: z.string().trim().min(1).max(100).optional(),
    listName: shortName.optional().describe('the local part of the group’s email address; made from its English name if not given'),
  })
  .refine((g) => (g.level === 'national') === (g.parentId === undefined), {
    message: 'a national group reports to no one; a regional or city group names the group it reports to',
    path: ['parentId'],
  })
  .refine((g) => g.level !== 'city' || g.city !== undefined, { message: 'a city group names its city', path: ['city'] });
export type NewGroup = z.infer<typeof newGroup>;

const groupRef = z.object({ id: z.string().uuid(), nameEn: z.string(), nameFr: z.string(), level: z.enum(groupLevels) });

export const groupSummary = groupRef.extend({
  address: z.string().describe('the group’s email address: mail to it is posted to the group'),
  parentId: z.string().uuid().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  members: z.number(),
  myRole: z.enum(['member', 'coordinator']).nullable(),
  endedAt: z.string().nullable().describe('when the group ended: its records stay to read, it takes nothing new'),
});

export const meetingSummary = z.object({
  id: z.string().uuid(),
  groupId: z.string().uuid(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  mode: z.enum(meetingModes),
  cancelled: z.boolean(),
  going: z.number(),
  capacity: z.number().nullable(),
  myAnswer: z.enum(rsvpAnswers).nullable(),
});

export const groupDetail = groupSummary.extend({
  descriptionEn: z.string(),
  descriptionFr: z.string(),
  parent: groupRef.nullable(),
  children: z.array(groupRef),
  people: z.array(
    z.object({ accountId: z.string().uuid(), name: z.string(), agency: z.string(), role: z.enum(['member', 'coordinator']) }),
  ),
  meetings: z.array(meetingSummary),
  mayLead: z.boolean().describe('whether you may schedule its meetings and start groups under it'),
});

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time, HH:MM');

export const newMeeting = z
  .object({
    title: words(200, 'a title'),
    agenda: z.string().trim().max(10_000).default(''),
    date: isoDate,
    start: clock,
    end: clock,
    timeZone: z.enum(canadianTimeZones, { message: 'a Canadian time zone, such as America/Toronto' }),
    mode: z.enum(meetingModes, { message: `one of ${meetingModes.join(', ')}` }),
    callUrl: z.string().trim().url('a web address starting with https://').max(500).optional(),
    place: z.string().trim().min(2).max(300).optional(),
    capacity: z.number().int().min(1, 'at least 1').max(10_000).optional(),
  })
  .refine((m) => m.end > m.start, { message: 'the meeting ends after it starts', path: ['end'] })
  .refine((m) => m.mode === 'in-person' || m.callUrl !== undefined, {
    message: 'a meeting by call gives the call’s link',
    path: ['callUrl'],
  })
  .refine((m) => m.mode === 'virtual' || m.place !== undefined, { message: 'a meeting in person says where', path: ['place'] });
export type NewMeeting = z.infer<typeof newMeeting>;

/** A meeting's new date and times, and the start its coordinator saw (compare-and-set). */
export const moveBody = z
  .object({
    date: isoDate,
    start: clock,
    end: clock,
    timeZone: z.enum(canadianTimeZones, { message: 'a Canadian time zone, such as America/Toronto' }),
    was: z.string().datetime({ message: 'the start you saw, as the meeting gives it' }),
  })
  .refine((m) => m.end > m.start, { message: 'the meeting ends after it starts', path: ['end'] });

export const actionItem = z.object({
  id: z.string().uuid(),
  text: z.string(),
  owner: z.string().nullable(),
  due: z.string().nullable(),
  done: z.boolean(),
});

export const meetingDetail = meetingSummary.extend({
  group: groupRef,
  agenda: z.string(),
  callUrl: z.string().nullable(),
  place: z.string().nullable(),
  minutes: z.string(),
  attendees: z.array(z.object({ name: z.string(), agency: z.string(), answer: z.enum(rsvpAnswers) })),
  actions: z.array(actionItem),
  mayLead: z.boolean(),
});

export const rsvpBody = z.object({ answer: z.enum(rsvpAnswers, { message: `one of ${rsvpAnswers.join(', ')}` }) });
/** Why a meeting is cancelled, told to the members (optional). */
export const cancelBody = z.object({ reason: z.string().trim().max(2_000).default('') });
export const minutesBody = z.object({
  minutes: z.string().max(50_000),
  was: z.string().max(50_000).describe('the minutes as you saw them'),
});
export const newAction = z.object({
  text: words(500, 'the action'),
  ownerId: z.string().uuid('an account id').optional(),
  due: isoDate.optional(),
});
export const actionParams = z.object({ id: z.string().uuid('not an id'), actionId: z.string().uuid('not an id') });
export const feedMade = z.object({
  url: z.string().describe('your meetings: every meeting of your groups you have not declined'),
  groups: z
    .array(z.object({ id: z.string().uuid(), nameEn: z.string(), nameFr: z.string(), url: z.string() }))
    .describe('each of your groups’ own feed, read with the same key'),
});
export const feedQuery = z.object({ key: z.string().min(20).max(100), group: z.string().uuid('a group id').optional() });

export const newThread = z.object({
  subject: words(300, 'a subject'),
  body: z.string({ message: 'the message is required' }).trim().min(1, 'required').max(50_000, 'at most 50,000 characters'),
});
export const newPost = newThread.pick({ body: true });
export const threadParams = z.object({ id: z.string().uuid('not an id'), threadId: z.string().uuid('not an id') });
export const heldParams = z.object({ id: z.string().uuid('not an id'), heldId: z.string().uuid('not an id') });
export const threadSummary = z.object({ id: z.string().uuid(), subject: z.string(), posts: z.number(), lastPostAt: z.string() });
export const threadDetail = z.object({
  id: z.string().uuid(),
  groupId: z.string().uuid(),
  subject: z.string(),
  posts: z.array(
    z.object({
      id: z.string().uuid(),
      author: z.string(),
      agency: z.string(),
      body: z.string(),
      quoted: z.string().describe('what the post quoted, folded away'),
      via: z.enum(['page', 'email']),
      at: z.string(),
    }),
  ),
});
export const deliveryBody = z.object({ delivery: z.enum(deliveries, { message: `one of ${deliveries.join(', ')}` }) });
export const deliveryView = deliveryBody.extend({ address: z.string() });
export const heldView = z.array(
  z.object({ id: z.string().uuid(), from: z.string(), subject: z.string(), body: z.string(), receivedAt: z.string() }),
);
export const heldDecision = z.object({ decision: z.enum(['release', 'reject'], { message: 'release or reject' }) });

export const groupDocument = z.object({
  id: z.string().uuid(),
  titleEn: z.string(),
  titleFr: z.string(),
  url: z.string().nullable().describe('the tool’s link, or its file'),
});
export const documentBody = z.object({ resourceId: z.string().uuid('a library resource id') });
export const documentParams = z.object({ id: z.string().uuid('not an id'), resourceId: z.string().uuid('not an id') });
export const decision = z.object({
  id: z.string().uuid(),
  text: z.string(),
  decidedOn: z.string(),
  meetingId: z.string().uuid().nullable(),
  meetingTitle: z.string().nullable(),
});
export const newDecision = z.object({
  text: z.string({ message: 'the decision is required' }).trim().min(5, 'at least 5 characters').max(5000),
  decidedOn: isoDate,
  meetingId: z.string().uuid('a meeting id').optional().describe('the meeting that took it, if one did'),
});
export const groupRecords = z.object({ documents: z.array(groupDocument), decisions: z.array(decision) });

export type MoveMeeting = z.infer<typeof moveBody>;
