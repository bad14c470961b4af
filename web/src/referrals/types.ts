import type { SafeContact } from '../api/referrals';

// The server's closed lists (referrals/schema.ts), checked against its types: a value it does not know fails the web's type check.
export const contactChannels: ReadonlyArray<SafeContact['channel']> = ['phone', 'text', 'email', 'in-person', 'through-referrer'];
export const declineReasons = ['no-capacity', 'not-eligible', 'service-not-offered', 'cannot-reach', 'other'] as const;
export const closeReasons = ['withdrawn', 'no-contact', 'no-longer-needed'] as const;
