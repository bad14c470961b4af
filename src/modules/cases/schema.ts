import { z } from 'zod';
import { idParams, isoDate } from '../../platform/schema.js';
import { vocabulary } from './vocabulary.js';

type List = [string, ...string[]];
const oneOf = (values: List) => z.enum(values, { message: `one of ${values.join(', ')}` });

const uuid = z.string().uuid('an id');

export const immigrationSituations = vocabulary.immigrationSituations;

export const person = z.object({
  names: z.array(z.string().trim().min(1, 'required').max(200)).min(1, 'at least one name or alias').max(10),
  dateOfBirth: isoDate.optional(),
  contact: z.string().max(500).optional(),
  safeContact: z
    .string()
    .max(1000)
    .optional()
    .describe('how to reach the person safely: channel, times, whether a message may be left, a code word'),
  preferredLanguage: z.string().max(10).optional(),
  interpreterNeeded: z.boolean().optional(),
  citizenship: z.string().max(100).optional(),
  citizenshipRegion: oneOf(vocabulary.citizenshipRegions).optional(),
  gender: oneOf(vocabulary.genders).optional(),
  immigrationSituation: oneOf(immigrationSituations).optional(),
  family: z.string().max(2000).optional(),
});

export const situation = z.object({
  exploitation: z.array(oneOf(vocabulary.exploitation)).max(3).optional(),
  sector: oneOf(vocabulary.sectors).optional(),
  startedOn: isoDate.optional(),
  endedOn: isoDate.optional(),
  cameThrough: oneOf(vocabulary.cameThrough).optional(),
});

export const pathwayFacts = z.object({
  permits: z
    .array(
      z.object({
        type: oneOf(vocabulary.permitTypes)
          .optional()
          .describe(
            'trp (the default), owp-vulnerable, employer-specific, study or visitor-record: the rules a permit drives follow from it',
          ),
        issuedOn: isoDate,
        expiresOn: isoDate,
        appliedOn: isoDate.optional(),
      }),
    )
    .max(40)
    .optional(),
  healthInadmissibleOnly: z.boolean().optional(),
  refugeeClaim: z
    .object({
      referredOn: isoDate.optional(),
      decision: z.enum(['accepted', 'rejected', 'withdrawn', 'abandoned']).optional(),
      decidedOn: isoDate.optional(),
      designatedForeignNational: z.boolean().optional(),
      designatedCountryOfOrigin: z.boolean().optional(),
      reasonsReceivedOn: isoDate.optional().describe('a rejected claim: the day its written reasons were received'),
      noRadAppeal: z.boolean().optional().describe('a rejected claim with no appeal to the Refugee Appeal Division'),
      radRefusalNotifiedOn: isoDate.optional().describe('the day the person was notified the RAD dismissed the appeal'),
    })
    .optional(),
  prraDecidedOn: isoDate.optional(),
  prraRefusalNotifiedOn: isoDate.optional().describe('the day the person was notified a PRRA was refused'),
  humanitarianRefusalNotifiedOn: isoDate.optional().describe('the day the person was notified an H&C application was refused'),
  humanitarianExceptions: z
    .array(z.enum(['best-interests-of-a-child', 'medical-risk']))
    .max(2)
    .optional(),
});

/** The safety plan's headings, in the source documents' own words (CCR, seed 003). */
export const planHeadings = vocabulary.planHeadings;

const planAction = z.object({
  what: z.string().trim().min(1, 'required').max(1000),
  owner: z.string().max(200).optional().describe('who does it: a colleague, a partner agency, the person'),
  due: isoDate.optional(),
  progress: oneOf(vocabulary.progress).default('not-started'),
});

export const safetyPlan = z.partialRecord(
  oneOf(planHeadings),
  z.object({ goal: z.string().max(2000).default(''), actions: z.array(planAction).max(50).default([]) }),
);

/** A service the person received, by this agency or through a referral, under a plan heading. */
const serviceDelivered = z.object({
  on: isoDate,
  heading: oneOf(planHeadings),
  what: z.string().trim().min(1, 'required').max(500),
  by: z.enum(['this-agency', 'referral'], { message: 'one of this-agency, referral' }).default('this-agency'),
  provider: z.string().max(200).optional().describe('who gave it, when it was not this agency'),
});

/** What the person agreed to, for what purpose, until when; a withdrawal is kept, not erased. */
const consentRecord = z
  .object({
    what: z.string().trim().min(1, 'required').max(500).describe('what the person agreed to, in their words or the form’s'),
    purpose: z.string().trim().min(1, 'required').max(500),
    givenOn: isoDate,
    until: isoDate.optional(),
    withdrawnOn: isoDate.optional(),
    referralId: uuid.optional().describe('the referral it was given for, when the case was opened from one'),
  })
  .refine((c) => !c.until || c.until >= c.givenOn, { message: 'until: on or after the day consent was given', path: ['until'] })
  .refine((c) => !c.withdrawnOn || c.withdrawnOn >= c.givenOn, {
    message: 'withdrawnOn: on or after the day consent was given',
    path: ['withdrawnOn'],
  });

/** An identification-aid assessment kept with the case: the list, the indicators shared, and what the rule said. */
export const assessmentBody = z.object({
  listId: z.string().trim().min(1, 'required').max(100),
  indicators: z.array(z.string().max(100)).max(300),
});
const keptAssessment = assessmentBody.extend({
  at: z.string(),
  result: z.record(z.string(), z.unknown()).describe("the identification aid's result, as POST /api/screening/assessments gives it"),
});

/** What is sealed with the case's key: everything about the person and what happened. */
export const caseContent = z.object({
  person,
  situation: situation.default({}),
  pathwayFacts: pathwayFacts.default({}),
  safetyPlan: safetyPlan.default({}),
  services: z.array(serviceDelivered).max(500).default([]),
  consents: z.array(consentRecord).max(100).default([]),
  assessments: z.array(keptAssessment).max(100).default([]),
});
export type CaseContent = z.infer<typeof caseContent>;

export const newCase = caseContent.extend({
  restricted: z.boolean().optional().describe('only the coordinator and the team may open it; anyone else must break the glass'),
  team: z.array(uuid).max(20).optional(),
  coordinatorAccountId: uuid.optional().describe('defaults to whoever opens the case'),
});
export type NewCase = z.infer<typeof newCase>;

export const caseChanges = z
  .object({
    person: person.partial().optional(),
    situation: situation.optional(),
    pathwayFacts: pathwayFacts.optional(),
    safetyPlan: safetyPlan.optional(),
    services: z.array(serviceDelivered).max(500).optional(),
    consents: z.array(consentRecord).max(100).optional(),
    restricted: z.boolean().optional(),
    team: z.array(uuid).max(20).optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, { message: 'name at least one field to change' });
export type CaseChanges = z.infer<typeof caseChanges>;

const accountRef = z.object({ id: z.string().uuid(), displayName: z.string() });

export const closeReasons = ['services-complete', 'person-moved-on', 'no-contact', 'referred-elsewhere', 'person-asked', 'other'] as const;

export const caseSummary = z.object({
  id: z.string().uuid(),
  reference: z.string().describe('"H-" and six characters of the id: names the case where no name may go (a calendar feed)'),
  name: z.string().describe('the first name or alias given'),
  status: z.enum(['open', 'closed']),
  closedReason: z.enum(closeReasons).nullable(),
  purgeOn: z.string().nullable().describe('the day a closed case is purged (its key destroyed), after the retention period'),
  restricted: z.boolean(),
  coordinator: accountRef,
  withdrawalUndecided: z
    .boolean()
    .describe('the person withdrew the consent of the referral this case came from, and its coordinator has yet to decide what follows'),
  updatedAt: z.string(),
});

export const withdrawalDecisions = ['consents-directly', 'erase-shared'] as const;

/** The withdrawal of a referral's consent, as it reached the case opened from that referral. */
export const consentWithdrawal = z.object({
  referralId: z.string().uuid(),
  withdrawnAt: z.string(),
  byAgency: z.string().describe('the referring agency, which recorded the withdrawal on the person’s word'),
  byWorker: z.string(),
  decision: z.enum(withdrawalDecisions).nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: accountRef.nullable(),
});

/** What the coordinator decides once consent is withdrawn: the consent the person now gives directly, or erasing what came through. */
export const withdrawalDecision = z.discriminatedUnion(
  'decision',
  [z.object({ decision: z.literal('consents-directly'), consent: consentRecord }), z.object({ decision: z.literal('erase-shared') })],
  { error: `decision: one of ${withdrawalDecisions.join(', ')}` },
);
export type WithdrawalDecision = z.infer<typeof withdrawalDecision>;

export const caseView = caseSummary.extend({
  content: caseContent,
  consentWithdrawal: consentWithdrawal.nullable(),
  team: z.array(accountRef),
  accessGrants: z
    .array(z.object({ account: accountRef, grantedAt: z.string(), expiresAt: z.string(), reason: z.string() }))
    .describe('break-the-glass openings of the case, shown to its coordinator (empty for everyone else)'),
  createdAt: z.string(),
});

export const handOverBody = z.object({
  toAccountId: uuid.describe('an active coordinator (or agency admin) of your agency'),
  stayOnTeam: z.boolean().default(true).describe('the coordinator handing over stays on the team'),
});
export const handedOver = z.object({ coordinator: accountRef });
export const colleague = z.object({
  id: z.string().uuid(),
  displayName: z.string(),
  mayCoordinate: z.boolean().describe('holds the coordinator or agency admin role: a case may be handed to them'),
});

export const breakGlassBody = z.object({ reason: z.string().trim().min(10, 'at least 10 characters: say why').max(1000) });
export const nameQuery = z.object({ name: z.string().trim().min(1, 'required').max(200) });
export { idParams };

export const calendarQuery = z.object({
  from: isoDate.optional().describe('the first day (default today): a month view asks from its first day'),
  days: z.coerce.number().int().min(1, 'at least 1').max(366, 'at most 366').default(60),
});

export const feedBody = z.object({ language: z.enum(['en', 'fr'], { message: 'language: en or fr' }).default('en') });
export const feedQuery = z.object({ key: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'the key of a calendar feed address') });
export const feedView = z.object({
  active: z.boolean(),
  language: z.enum(['en', 'fr']).nullable(),
  createdAt: z.string().nullable(),
  lastReadAt: z.string().nullable().describe('when a calendar program last read it'),
});
export const madeFeed = feedView.extend({
  url: z.string().describe('the secret address, shown this once: anyone who has it can read the feed, so keep it like a password'),
});
export const calendarEntry = z.object({
  caseId: z.string().uuid(),
  reference: z.string(),
  name: z.string(),
  due: z.string(),
  remindOn: z.string().nullable(),
  kind: z
    .string()
    .describe(
      'a pathway deadline (trp-renewal, basis-of-claim, basis-of-claim-extension, rad-appeal-notice, rad-appeal-perfect, judicial-review-rad, judicial-review-prra, judicial-review-humanitarian), permit-expires, plan-action or consent-ends',
    ),
  what: z.object({ en: z.string(), fr: z.string() }),
  confirmed: z.boolean().describe('false when the rule behind the deadline is not confirmed'),
  source: z.string().nullable().describe('where the rule behind a pathway deadline comes from'),
});

export const lifecycleResult = z.object({ status: z.enum(['open', 'closed']), purgeOn: z.string().nullable() });
export const closeBody = z.object({ reason: z.enum(closeReasons, { message: `one of ${closeReasons.join(', ')}` }) });
export const eraseBody = z.object({
  confirm: z.enum(['erase', 'effacer'], { message: 'type "erase" (or "effacer"): erasing destroys the case for good' }),
});
export const noteBody = z.object({ text: z.string().trim().min(1, 'required').max(20_000) });
export const noteView = z.object({ id: z.string().uuid(), text: z.string(), author: accountRef, createdAt: z.string() });
export const documentView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number(),
  author: accountRef,
  createdAt: z.string(),
});
export const documentParams = z.object({ id: uuid, documentId: uuid });
export const documentQuery = z.object({ name: z.string().trim().min(1, 'required').max(200) });

const ruleRef = z.object({ id: z.string(), source: z.string(), confirmed: z.boolean(), en: z.string(), fr: z.string() });
/** What GET /api/cases/:id/pathways answers: each pathway's state, its rules and sources, and every deadline. */
export const pathwayAssessment = z.object({
  pathways: z.array(
    z.object({
      pathway: z.string(),
      state: z.enum(['open', 'barred', 'holding', 'not-yet', 'lapsed']),
      from: z.string().optional(),
      rules: z.array(ruleRef),
      notes: z.array(z.object({ en: z.string(), fr: z.string() })),
    }),
  ),
  deadlines: z.array(z.object({ kind: z.string(), pathway: z.string(), due: z.string(), remindOn: z.string(), rule: ruleRef })),
  notes: z.array(z.object({ en: z.string(), fr: z.string() })).describe('what the dates call for that the sources do not answer'),
});

export const caseCopy = caseSummary.extend({
  content: caseContent,
  team: z.array(accountRef),
  createdAt: z.string(),
  notes: z.array(noteView),
  documents: z.array(documentView),
  pathways: pathwayAssessment,
  agency: z.string(),
  madeAt: z.string(),
});
