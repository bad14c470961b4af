import { assessPathways, type Deadline as PathwayDeadline } from '../pathways/index.js';
import type { CaseContent } from './schema.js';

// Every pathway deadline has its words: a kind added to the rules without them fails the type check.
const deadlineWords: Record<PathwayDeadline['kind'] | 'consent-ends', { en: string; fr: string }> = {
  'trp-renewal': { en: 'Apply to renew the temporary resident permit', fr: 'Demander le renouvellement du permis de séjour temporaire' },
  'basis-of-claim': { en: 'Basis of Claim form due', fr: 'Formulaire Fondement de la demande d’asile à remettre' },
  'basis-of-claim-extension': {
    en: 'Last day to ask for more time for the Basis of Claim form',
    fr: 'Dernier jour pour demander plus de temps pour le formulaire FDA',
  },
  'rad-appeal-notice': {
    en: 'Notice of appeal to the Refugee Appeal Division due',
    fr: 'Avis d’appel à la Section d’appel des réfugiés à déposer',
  },
  'rad-appeal-perfect': {
    en: 'Appeal to the Refugee Appeal Division to be perfected',
    fr: 'Appel à la Section d’appel des réfugiés à mettre en état',
  },
  'judicial-review-rad': {
    en: 'Last day to ask the Federal Court for leave (judicial review of the RAD decision)',
    fr: 'Dernier jour pour demander l’autorisation à la Cour fédérale (contrôle judiciaire de la décision de la SAR)',
  },
  'judicial-review-prra': {
    en: 'Last day to ask the Federal Court for leave (judicial review of the PRRA refusal)',
    fr: 'Dernier jour pour demander l’autorisation à la Cour fédérale (contrôle judiciaire du refus de l’ERAR)',
  },
  'judicial-review-humanitarian': {
    en: 'Last day to ask the Federal Court for leave (judicial review of the H&C refusal)',
    fr: 'Dernier jour pour demander l’autorisation à la Cour fédérale (contrôle judiciaire du refus CH)',
  },
  'consent-ends': { en: 'A consent comes to its end: ', fr: 'Un consentement arrive à son terme : ' },
};

/** A permit other than a temporary resident permit has no renewal rule in Harbour's sources: its end is kept as a date. */
const permitEnds: Record<string, { en: string; fr: string }> = {
  'owp-vulnerable': {
    en: 'The open work permit for vulnerable workers expires',
    fr: 'Le permis de travail ouvert pour les travailleurs vulnérables expire',
  },
  'employer-specific': { en: 'The employer-specific work permit expires', fr: 'Le permis de travail lié à un employeur expire' },
  study: { en: 'The study permit expires', fr: 'Le permis d’études expire' },
  'visitor-record': { en: 'The visitor record expires', fr: 'La fiche du visiteur expire' },
};

export interface Deadline {
  kind: string;
  due: string;
  remindOn: string | null;
  what: { en: string; fr: string };
  confirmed: boolean;
  source: string | null;
  /** stable within the case, so a reminder of the same deadline is given once */
  ref: string;
}

const minusDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/**
 * Every dated thing a case asks the team to do: the pathway deadlines (each with the reminder
 * day its rule sets), the end of permits no rule renews, the safety plan's actions not done, and
 * consents that end. Past ones too:
 * the caller picks the window.
 */
export function deadlinesOf(content: CaseContent, today: string, reminderDays: number): Deadline[] {
  const found: Deadline[] = [];
  for (const deadline of assessPathways(content.pathwayFacts, today).deadlines) {
    found.push({
      kind: deadline.kind,
      due: deadline.due,
      remindOn: deadline.remindOn,
      what: deadlineWords[deadline.kind],
      confirmed: deadline.rule.confirmed,
      source: deadline.rule.source,
      ref: `${deadline.kind}:${deadline.due}`,
    });
  }
  for (const permit of content.pathwayFacts.permits ?? []) {
    const words = permitEnds[permit.type ?? 'trp'];
    if (words)
      found.push({
        kind: 'permit-expires',
        due: permit.expiresOn,
        remindOn: minusDays(permit.expiresOn, reminderDays),
        what: words,
        confirmed: true,
        source: null,
        ref: `permit-expires:${permit.type}:${permit.expiresOn}`,
      });
  }
  for (const [heading, section] of Object.entries(content.safetyPlan)) {
    (section?.actions ?? []).forEach((action, index) => {
      if (action.due && action.progress !== 'done')
        found.push({
          kind: 'plan-action',
          due: action.due,
          remindOn: minusDays(action.due, reminderDays),
          what: { en: action.what, fr: action.what },
          confirmed: true,
          source: null,
          ref: `plan-action:${heading}:${index}:${action.due}`,
        });
    });
  }
  content.consents.forEach((consent, index) => {
    if (consent.until && !consent.withdrawnOn) {
      const words = deadlineWords['consent-ends'];
      found.push({
        kind: 'consent-ends',
        due: consent.until,
        remindOn: minusDays(consent.until, reminderDays),
        what: { en: words.en + consent.what, fr: words.fr + consent.what },
        confirmed: true,
        source: null,
        ref: `consent-ends:${index}:${consent.until}`,
      });
    }
  });
  return found;
}
