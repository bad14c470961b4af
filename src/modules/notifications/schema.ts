import { z } from 'zod';

/** A notice to one account: what is coming, about which case or referral; never a name. */
export const notification = z.object({
  id: z.string().uuid(),
  kind: z.string().describe('e.g. trp-renewal, basis-of-claim, plan-action, consent-ends'),
  subjectType: z.enum(['case', 'referral', 'account', 'help-request', 'membership-application', 'meeting', 'working-group']),
  subjectId: z.string().uuid(),
  due: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
