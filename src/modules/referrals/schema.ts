import { z } from 'zod';
import caseVocabulary from '../../../data/cases/vocabulary.json' with { type: 'json' };
import { referralStates } from '../../db/tables.js';

// The plan headings of data/cases/vocabulary.json, read from the data itself: schemas import no module.
const planHeadings = caseVocabulary.planHeadings as [string, ...string[]];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD');
const uuid = z.string().uuid('an id');
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { message: `one of ${values.join(', ')}` });

export const contactChannels = ['phone', 'text', 'email', 'in-person', 'through-referrer'] as const;
export const declineReasons = ['no-capacity', 'not-eligible', 'service-not-offered', 'cannot-reach', 'other'] as const;
export const closeReasons = ['withdrawn', 'no-contact', 'no-longer-needed'] as const;

/**
 * What crosses to the receiving agency, and nothing more: a first name or alias, language and
 * interpreter need, the needs, and how to make contact safely. It is sealed with the referral's key.
 */
export const sharedFields = z.object({
  person: z.object({
    name: z.string().trim().min(1, 'required').max(100).describe('a first name or an alias is enough'),
    preferredLanguage: z.string().trim().min(2, 'a language code such as fr, es, tl').max(10).optional(),
    interpreterNeeded: z.boolean().default(false),
  }),
  needs: z.array(oneOf(planHeadings)).min(1, 'at least one need').max(planHeadings.length),
  needsNote: z.string().trim().max(1000).optional().describe('the needs in a few words: shared with the receiver'),
  safeContact: z.object({
    channel: oneOf(contactChannels),
    reachAt: z.string().trim().max(120).optional().describe('the number to call or text, or the address to write to'),
    times: z.string().trim().max(200).optional(),
    voicemailOk: z.boolean().default(false),
    messageOk: z.boolean().default(false),
    codeWord: z.string().trim().max(100).optional(),
  }),
  interpreterServiceId: uuid.optional().describe('an interpretation service from the directory'),
  tools: z.array(uuid).max(10).default([]).describe('library resources for the person, in their language'),
});
export type SharedFields = z.infer<typeof sharedFields>;

const reachedBy = { phone: 'number', text: 'number', email: 'address' } as const;
const phoneNumber = /^\+?[\d\s().-]+$/;
const emailAddress = z.email();

/**
 * What a worker sends must say where to reach the person when the channel needs it: a number for
 * a call or a text, an address for an email. (What was stored before this rule still opens.)
 */
const sharedToSend = sharedFields.superRefine(({ safeContact: { channel, reachAt } }, context) => {
  const issue = (message: string) => context.addIssue({ code: 'custom', path: ['safeContact', 'reachAt'], message });
  const needs = channel in reachedBy ? reachedBy[channel as keyof typeof reachedBy] : undefined;
  if (!needs) {
    if (reachAt) issue(`only for a phone call, a text or an email: ${channel} needs no number or address`);
  } else if (!reachAt) {
    issue(
      needs === 'number' ? `the number to ${channel === 'text' ? 'text' : 'call'}, such as 514-555-0142` : 'the email address to write to',
    );
  } else if (needs === 'number' && (!phoneNumber.test(reachAt) || (reachAt.match(/\d/g) ?? []).length < 7)) {
    issue('a phone number: digits, with spaces, dashes, brackets or a leading + if you like, such as 514-555-0142');
  } else if (needs === 'address' && !emailAddress.safeParse(reachAt).success) {
    issue('an email address, such as name@example.org');
  }
});

export const consent = z
  .object({
    givenOn: isoDate,
    until: isoDate,
    agreed: z.literal(true, { message: 'the person must agree to what is shared: tick it' }),
  })
  .refine((c) => c.until >= c.givenOn, { message: 'until: on or after the day consent was given', path: ['until'] });

export const newReferral = z
  .object({
    toServiceId: uuid.optional().describe('a service from the directory, kept by a member agency'),
    toAgencyId: uuid.optional().describe('a member agency, or your own for another team'),
    fromCaseId: uuid.optional().describe('the case it is made from, if any (stays with the sender)'),
    urgency: oneOf(['urgent', 'normal'] as const).default('normal'),
    restricted: z.boolean().default(false).describe('only the referring worker (and the accepting one) may act on it'),
    shared: sharedToSend,
    consent,
    senderNote: z.string().trim().max(2000).optional().describe('for the sending agency only: never shared'),
    send: z.boolean().default(false).describe('send at once instead of keeping a draft'),
  })
  .refine((r) => Boolean(r.toServiceId) !== Boolean(r.toAgencyId), {
    message: 'name either toServiceId or toAgencyId',
    path: ['toServiceId'],
  });
export type NewReferral = z.infer<typeof newReferral>;

/** A draft's changes: what is shared, the consent, the urgency, the note; not where it goes. */
export const draftChanges = z
  .object({
    urgency: oneOf(['urgent', 'normal'] as const).optional(),
    restricted: z.boolean().optional(),
    shared: sharedToSend.optional(),
    consent: consent.optional(),
    senderNote: z.string().trim().max(2000).optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, { message: 'name at least one field to change' });
export type DraftChanges = z.infer<typeof draftChanges>;

export const transition = z.discriminatedUnion(
  'state',
  [
    z.object({ state: z.literal('sent') }),
    z.object({ state: z.literal('accepted'), openCase: z.boolean().default(false) }),
    z.object({ state: z.literal('declined'), reason: oneOf(declineReasons), note: z.string().trim().max(1000).optional() }),
    z.object({ state: z.literal('in-progress') }),
    z.object({ state: z.literal('completed') }),
    z.object({ state: z.literal('closed'), reason: oneOf(closeReasons) }),
  ],
  { message: 'state: one of sent, accepted, declined, in-progress, completed, closed' },
);
export type Transition = z.infer<typeof transition>;

export const listQuery = z.object({ box: oneOf(['inbox', 'sent'] as const).default('inbox') });

const state = z.enum(referralStates);
const party = z.object({ agencyId: z.string().uuid(), agency: z.string(), service: z.string().nullable() });

export const referralSummary = z.object({
  id: z.string().uuid(),
  side: z.enum(['sender', 'receiver']),
  state,
  urgency: z.enum(['urgent', 'normal']),
  restricted: z.boolean(),
  name: z.string().nullable().describe('null once consent is withdrawn, for the receiver'),
  from: party,
  to: party,
  sentAt: z.string().nullable(),
  acknowledgeBy: z.string().nullable(),
  overdue: z.boolean().describe('sent, and not accepted or declined by the time set for its urgency'),
  consentWithdrawn: z.boolean(),
  updatedAt: z.string(),
});

export const referralView = referralSummary.extend({
  shared: sharedFields.nullable(),
  consent: z.object({ givenOn: z.string(), until: z.string() }).nullable(),
  senderNote: z.string().nullable().describe('the sending agency only'),
  fromCaseId: z.string().uuid().nullable().describe('the sending agency only'),
  toCaseId: z.string().uuid().nullable().describe('the receiving agency only'),
  address: z.string().nullable().describe("a confidential location's address: to the sender once accepted"),
  interpreterService: z
    .object({ id: z.string().uuid(), name: z.object({ en: z.string(), fr: z.string() }), organization: z.string() })
    .nullable(),
  tools: z.array(z.object({ id: z.string().uuid(), title: z.object({ en: z.string(), fr: z.string() }), link: z.string().nullable() })),
  timeline: z.array(z.object({ state, reason: z.string().nullable(), note: z.string().nullable(), agency: z.string(), at: z.string() })),
  next: z.array(state).describe('the states the caller may move it to now'),
});
