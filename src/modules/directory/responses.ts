import { z } from 'zod';

/**
 * What the directory answers, as zod schemas that import nothing but zod: the server validates
 * its responses with them and the web takes its types from them (`z.output`), never a copy.
 */
export const hours = z.object({
  timezone: z.string().max(60).optional(),
  alwaysOpen: z.boolean().optional(),
  weekly: z
    .partialRecord(
      z.enum(['1', '2', '3', '4', '5', '6', '7']),
      z.array(z.tuple([z.string().regex(/^\d\d:\d\d$/), z.string().regex(/^\d\d:\d\d$/)])),
    )
    .optional(),
});

export const phoneKinds = ['voice', 'text', 'tty', 'fax'] as const;

/** A phone number as the directory keeps it: digits and the usual signs, an extension apart. */
export const phone = z.object({
  number: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ().-]{2,24}$/, 'a phone number: digits, spaces, ( ) - . and a leading +'),
  extension: z
    .string()
    .trim()
    .regex(/^[0-9]{1,8}$/, 'an extension: up to 8 digits')
    .optional(),
  kind: z.enum(phoneKinds, { message: `one of ${phoneKinds.join(', ')}` }).default('voice'),
  description: z.string().trim().max(100).optional().describe('when or for what, e.g. "24/7 crisis line"'),
});

export const serviceResult = z.object({
  id: z.string().uuid(),
  name: z.object({ en: z.string(), fr: z.string() }),
  description: z.object({ en: z.string(), fr: z.string() }),
  organization: z.object({ id: z.string().uuid(), name: z.string(), isSample: z.boolean() }),
  takesReferrals: z.boolean().describe('kept by a member agency, so Harbour referrals can be sent to it'),
  location: z
    .object({
      city: z.string(),
      province: z.string(),
      address: z.string().nullable().describe('null for a confidential location: released only inside an accepted referral'),
      confidential: z.boolean(),
    })
    .nullable(),
  areaProvinces: z.array(z.string()),
  categories: z.array(z.string()),
  populations: z.array(z.string()),
  languages: z.array(z.string()),
  servesWithoutStatus: z.boolean().describe('serves people without immigration status, without reporting them'),
  traffickingTrained: z.boolean(),
  servesRemoteCommunities: z.boolean(),
  accessibility: z.string(),
  fees: z.string(),
  eligibility: z.string(),
  intake: z.string().describe('how to reach intake'),
  phones: z.array(phone),
  email: z.string().nullable(),
  website: z.string().nullable().describe("the service's own, else its organization's"),
  hours: hours.nullable(),
  openNow: z.boolean(),
  capacity: z.object({ beds: z.number(), updatedAt: z.string() }).nullable(),
  lastVerifiedAt: z.string(),
  needsVerification: z.boolean().describe('not verified for 12 months or more'),
  distanceKm: z.number().nullable(),
});

export const searchResponse = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  near: z.object({ label: z.string(), latitude: z.number(), longitude: z.number(), radiusKm: z.number() }).nullable(),
  results: z.array(serviceResult),
});

/** A listing an admin keeps, for the verification list. */
export const listing = z.object({
  id: z.string().uuid(),
  organization: z.string(),
  agency: z.string().nullable().describe('the member agency that keeps it'),
  province: z.string().nullable(),
  mine: z.boolean().describe('kept by your own agency: yours to confirm, alone or several at once'),
  name: z.object({ en: z.string(), fr: z.string() }),
  lastVerifiedAt: z.string(),
  needsVerification: z.boolean(),
  openReports: z.number(),
  toReview: z.string().nullable().describe('why an imported listing waits for a category before search finds it'),
});

export const listingsPage = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), listings: z.array(listing) });

/** An organization an admin keeps, with its locations, for the listing form. */
export const keptOrganization = z.object({
  id: z.string().uuid(),
  name: z.string(),
  servicePoints: z.array(
    z.object({ id: z.string().uuid(), name: z.string(), city: z.string(), province: z.string(), isConfidential: z.boolean() }),
  ),
});
