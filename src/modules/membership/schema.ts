import { z } from 'zod';
import { applicationStates } from '../../db/tables.js';
import { provinceCodes, shortName } from '../../platform/schema.js';

/** A province or territory, or CA for an organization that works across Canada. */
const provinces = [...provinceCodes, 'CA'] as const;

export { idParams } from '../../platform/schema.js';

export const workKinds = ['awareness', 'services'] as const;

const text = (min: number, max: number, what: string) =>
  z
    .string({ message: `${what} is required` })
    .trim()
    .min(min, min > 1 ? `at least ${min} characters` : 'required')
    .max(max, `at most ${max} characters`);

/** What an organization says when it applies. Each criterion it says it meets is named; "work" is the fourth. */
export const applicationBody = z.object({
  organizationName: text(2, 200, 'the organization’s name'),
  province: z.enum(provinces, { message: 'a two-letter province or territory code, or CA for national' }),
  city: text(1, 100, 'a city or town'),
  website: z.string().trim().url('a web address starting with https://').max(300).optional(),
  criteria: z.object(
    {
      canadian: z.literal(true, { message: 'a member is a Canadian organization' }),
      nonGovernmental: z.literal(true, { message: 'a member is non-governmental' }),
      worksInCanada: z.literal(true, { message: 'a member works inside Canada' }),
    },
    { message: 'say which membership criteria the organization meets' },
  ),
  work: z
    .array(z.enum(workKinds, { message: `one of ${workKinds.join(', ')}` }))
    .min(1, 'a member raises awareness of trafficking in Canada, serves trafficked foreign nationals, or both')
    .max(2),
  whatItDoes: text(20, 4000, 'what the organization does'),
  howItMeetsCriteria: text(20, 4000, 'how the organization meets the criteria'),
  contact: z.object({
    name: text(2, 200, 'a contact name'),
    email: z.string().trim().toLowerCase().email('an email address').max(254),
    phone: z.string().trim().max(40).optional(),
    role: z.string().trim().max(200).optional(),
  }),
  language: z.enum(['en', 'fr'], { message: 'en or fr: the language to write back in' }),
});
export type ApplicationBody = z.infer<typeof applicationBody>;

export const applicationReceived = z.object({ id: z.string().uuid(), state: z.enum(applicationStates) });

export const applicationsQuery = z.object({
  state: z.enum(applicationStates, { message: `one of ${applicationStates.join(', ')}` }).optional(),
});

export const applicationMessage = z.object({
  kind: z.enum(['question', 'answer', 'decline', 'approve']),
  body: z.string(),
  by: z.string().nullable().describe('the network admin who wrote it; null for the applicant'),
  at: z.string(),
});

export const applicationSummary = z.object({
  id: z.string().uuid(),
  organizationName: z.string(),
  province: z.enum(provinces),
  city: z.string(),
  state: z.enum(applicationStates),
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
});

export const applicationDetail = applicationSummary.extend({
  website: z.string().nullable(),
  work: z.array(z.enum(workKinds)),
  whatItDoes: z.string(),
  howItMeetsCriteria: z.string(),
  contact: z.object({ name: z.string(), email: z.string(), phone: z.string().nullable(), role: z.string().nullable() }),
  language: z.enum(['en', 'fr']),
  agencyId: z.string().uuid().nullable(),
  messages: z.array(applicationMessage),
});

const was = z.enum(applicationStates, { message: `the state you saw: one of ${applicationStates.join(', ')}` });

export const approveBody = z.object({
  was,
  slug: shortName.optional().describe("the new agency's short name; made from its name if not given"),
  note: z.string().trim().max(2000).optional().describe('a word of welcome, sent with the approval'),
});

export const askBody = z.object({ was, question: text(10, 2000, 'the question') });
export const declineBody = z.object({ was, reason: text(10, 2000, 'the reason') });

export const approved = applicationDetail.extend({ agencyId: z.string().uuid(), invitedEmail: z.string() });

/** The one-time link's secret, sent in a body (never in an address, so no log holds it). */
export const answerLookupBody = z.object({ token: z.string().min(20, 'not a valid link').max(100, 'not a valid link') });
export const answerBody = answerLookupBody.extend({ answer: text(10, 4000, 'the answer') });

export const answerView = z.object({
  organizationName: z.string(),
  language: z.enum(['en', 'fr']),
  questions: z.array(z.object({ body: z.string(), at: z.string() })),
});
