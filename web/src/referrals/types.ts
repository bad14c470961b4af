export type ReferralState = 'draft' | 'sent' | 'accepted' | 'declined' | 'in-progress' | 'completed' | 'closed';

export interface ReferralSummary {
  id: string;
  side: 'sender' | 'receiver';
  state: ReferralState;
  urgency: 'urgent' | 'normal';
  restricted: boolean;
  name: string | null;
  from: { agencyId: string; agency: string; service: string | null };
  to: { agencyId: string; agency: string; service: string | null };
  sentAt: string | null;
  acknowledgeBy: string | null;
  overdue: boolean;
  consentWithdrawn: boolean;
  updatedAt: string;
}

export interface SafeContact {
  channel: string;
  times?: string;
  voicemailOk: boolean;
  messageOk: boolean;
  codeWord?: string;
}

export interface Shared {
  person: { name: string; preferredLanguage?: string; interpreterNeeded: boolean };
  needs: string[];
  needsNote?: string;
  safeContact: SafeContact;
  interpreterServiceId?: string;
  tools: string[];
}

export interface ReferralView extends ReferralSummary {
  shared: Shared;
  consent: { givenOn: string; until: string };
  senderNote: string | null;
  fromCaseId: string | null;
  toCaseId: string | null;
  address: string | null;
  interpreterService: { id: string; name: { en: string; fr: string }; organization: string } | null;
  tools: Array<{ id: string; title: { en: string; fr: string }; link: string | null }>;
  timeline: Array<{ state: ReferralState; reason: string | null; note: string | null; agency: string; at: string }>;
  next: ReferralState[];
}

export const contactChannels = ['phone', 'text', 'email', 'in-person', 'through-referrer'] as const;
export const declineReasons = ['no-capacity', 'not-eligible', 'service-not-offered', 'cannot-reach', 'other'] as const;
export const closeReasons = ['withdrawn', 'no-contact', 'no-longer-needed'] as const;
