import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../platform/project.js';

/** One rule of data/pathways/rules.json: what it says, from when, its source, and whether it is confirmed. */
export interface PathwayRule {
  id: string;
  pathway: 'trp' | 'owp-vulnerable' | 'permanent-residence' | 'refugee-claim' | 'prra' | 'humanitarian';
  kind: 'initial-length' | 'renewal' | 'continuous-permits' | 'bar' | 'deadline' | 'fee' | 'pending' | 'eligibility';
  appliesFrom?: string;
  appliesUntil?: string;
  precision?: 'day' | 'month' | 'year';
  days?: number;
  daysIfOutsideCanada?: number;
  months?: number;
  monthsIfDesignated?: number;
  years?: number;
  yearsIfHealthOnly?: number;
  extensionRequestWorkingDaysBefore?: number;
  onlyIf?: string;
  exceptions?: string[];
  amountCad?: number;
  confirmed: boolean;
  en: string;
  fr: string;
  source: string;
}

let loaded: PathwayRule[] | undefined;

export function pathwayRules(): PathwayRule[] {
  loaded ??= (JSON.parse(fs.readFileSync(path.join(projectRoot(), 'data', 'pathways', 'rules.json'), 'utf8')) as { rules: PathwayRule[] })
    .rules;
  return loaded;
}

const rule = (id: string) => {
  const found = pathwayRules().find((r) => r.id === id);
  if (!found) throw new Error(`data/pathways/rules.json has no rule ${id}`);
  return found;
};

/** Whether a rule was in force on a date (ISO dates compare as strings). */
const inForce = (r: PathwayRule, on: string) => (!r.appliesFrom || r.appliesFrom <= on) && (!r.appliesUntil || on < r.appliesUntil);

// Dates are calendar days, 'YYYY-MM-DD', computed in UTC so no time zone moves them.
const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const toIso = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(iso: string, days: number): string {
  const date = toDate(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return toIso(date);
}

/** Months later, on the same day of the month or, when that month is shorter, its last day. */
export function addMonths(iso: string, months: number): string {
  const date = toDate(iso);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return toIso(date);
}

/** Working days before a date: weekends are skipped (public holidays are not known and are not). */
export function workingDaysBefore(iso: string, count: number): string {
  const date = toDate(iso);
  let left = count;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() - 1);
    if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6) left--;
  }
  return toIso(date);
}

/** The first temporary resident permit's length for a permit issued on a date, and the rule that set it. */
export function initialPermitRule(issuedOn: string): PathwayRule | undefined {
  return pathwayRules().find((r) => r.kind === 'initial-length' && inForce(r, issuedOn));
}

export function initialPermitEnds(issuedOn: string): string | undefined {
  const found = initialPermitRule(issuedOn);
  if (!found) return undefined;
  return found.months ? addMonths(issuedOn, found.months) : addDays(issuedOn, found.days ?? 0);
}

/**
 * What a permit is decides the rules it drives: a temporary resident permit is renewed and counts
 * toward permanent residence; an employer-specific work permit opens the open work permit for
 * vulnerable workers; the others (study permit, visitor record) are kept for their dates — no rule
 * of Harbour's sources is about them. The closed list is data/cases/vocabulary.json's permitTypes.
 */
export type PermitType = 'trp' | 'owp-vulnerable' | 'employer-specific' | (string & {});

export interface Permit {
  /** A permit recorded before permits had a type was a temporary resident permit. */
  type?: PermitType;
  issuedOn: string;
  expiresOn: string;
  /** When the application for this permit was made (a renewal made before the last one expired keeps continuity). */
  appliedOn?: string;
}

export interface PathwayFacts {
  permits?: Permit[];
  /** Inadmissible on health grounds only: permanent residence after 3 years on permits instead of 5. */
  healthInadmissibleOnly?: boolean;
  refugeeClaim?: {
    referredOn?: string;
    decision?: 'accepted' | 'rejected' | 'withdrawn' | 'abandoned';
    decidedOn?: string;
    designatedForeignNational?: boolean;
    designatedCountryOfOrigin?: boolean;
    /** A rejected claim: the day its written reasons were received (the RAD deadlines count from it). */
    reasonsReceivedOn?: string;
    /** A rejected claim with no appeal to the Refugee Appeal Division (manifestly unfounded, no credible basis, …). */
    noRadAppeal?: boolean;
    /** The day the person was notified that the Refugee Appeal Division dismissed the appeal. */
    radRefusalNotifiedOn?: string;
  };
  prraDecidedOn?: string;
  /** The day the person was notified that a pre-removal risk assessment was refused. */
  prraRefusalNotifiedOn?: string;
  /** The day the person was notified that a humanitarian and compassionate application was refused. */
  humanitarianRefusalNotifiedOn?: string;
  humanitarianExceptions?: Array<'best-interests-of-a-child' | 'medical-risk'>;
}

export interface RuleRef {
  id: string;
  source: string;
  confirmed: boolean;
  en: string;
  fr: string;
}

export const deadlineKinds = [
  'trp-renewal',
  'basis-of-claim',
  'basis-of-claim-extension',
  'rad-appeal-notice',
  'rad-appeal-perfect',
  'judicial-review-rad',
  'judicial-review-prra',
  'judicial-review-humanitarian',
] as const;

export interface Deadline {
  kind: (typeof deadlineKinds)[number];
  pathway: PathwayRule['pathway'];
  due: string;
  remindOn: string;
  rule: RuleRef;
}

export interface PathwayState {
  pathway: PathwayRule['pathway'];
  state: 'open' | 'barred' | 'holding' | 'not-yet' | 'lapsed';
  /** For barred: open again on this date; for not-yet: may apply from this date. */
  from?: string;
  rules: RuleRef[];
  notes: Array<{ en: string; fr: string }>;
}

export interface Assessment {
  pathways: PathwayState[];
  deadlines: Deadline[];
  /** What the dates call for that Harbour's sources do not answer: said, rather than guessed. */
  notes: Array<{ en: string; fr: string }>;
}

const ref = (r: PathwayRule): RuleRef => ({ id: r.id, source: r.source, confirmed: r.confirmed, en: r.en, fr: r.fr });
const negative = (decision: string | undefined) => decision === 'rejected' || decision === 'withdrawn' || decision === 'abandoned';

/**
 * The continuous run of permits up to the last one: a permit applied for (or, failing that,
 * issued) after the one before it expired breaks continuity, and the run starts again.
 */
export function continuousSince(permits: Permit[]): { since: string; broken: boolean } | undefined {
  const sorted = [...permits].sort((a, b) => a.issuedOn.localeCompare(b.issuedOn));
  const first = sorted[0];
  if (!first) return undefined;
  let since = first.issuedOn;
  let broken = false;
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1] as Permit;
    const next = sorted[i] as Permit;
    if ((next.appliedOn ?? next.issuedOn) > before.expiresOn) {
      since = next.issuedOn;
      broken = true;
    }
  }
  return { since, broken };
}

/**
 * For one person's dates, on a given day: which pathways are open, barred until when, or not
 * yet open, and every deadline that follows, each with the rule and its source. An aid to the
 * coordinator and the person's lawyer, never legal advice.
 */
export function assessPathways(facts: PathwayFacts, today: string, reminderDays = 30): Assessment {
  const pathways: PathwayState[] = [];
  const deadlines: Deadline[] = [];
  const claim = facts.refugeeClaim;
  const remind = (due: string, days: number) => (addDays(due, -days) < today ? today : addDays(due, -days));

  // Temporary resident permit: holding one (renew before it expires), lapsed, barred, or open.
  const permits = [...(facts.permits ?? [])]
    .filter((permit) => (permit.type ?? 'trp') === 'trp')
    .sort((a, b) => a.issuedOn.localeCompare(b.issuedOn));
  const current = permits.at(-1);
  const trpBar = rule('trp-bar-after-refugee-decision');
  const trpBarredUntil =
    claim && negative(claim.decision) && claim.decidedOn && inForce(trpBar, claim.decidedOn)
      ? addMonths(claim.decidedOn, claim.designatedForeignNational ? (trpBar.monthsIfDesignated ?? 60) : (trpBar.months ?? 12))
      : undefined;
  const renewal = rule('trp-renewal-before-expiry');
  if (current && current.expiresOn >= today) {
    pathways.push({ pathway: 'trp', state: 'holding', rules: [ref(renewal)], notes: [] });
    deadlines.push({
      kind: 'trp-renewal',
      pathway: 'trp',
      due: current.expiresOn,
      remindOn: remind(current.expiresOn, reminderDays),
      rule: ref(renewal),
    });
  } else if (trpBarredUntil && today < trpBarredUntil) {
    pathways.push({
      pathway: 'trp',
      state: 'barred',
      from: trpBarredUntil,
      rules: [ref(trpBar)],
      notes: [
        {
          en: 'An officer may still issue a permit on their own initiative (IRPA s. 24).',
          fr: 'Un agent peut tout de même délivrer un permis de sa propre initiative (LIPR, art. 24).',
        },
      ],
    });
  } else {
    const initial = initialPermitRule(today);
    pathways.push({
      pathway: 'trp',
      state: current ? 'lapsed' : 'open',
      rules: [...(initial ? [ref(initial)] : []), ref(renewal)],
      notes: current
        ? [
            {
              en: `The last permit expired on ${current.expiresOn}: continuity is broken.`,
              fr: `Le dernier permis a expiré le ${current.expiresOn} : la continuité est rompue.`,
            },
          ]
        : [],
    });
  }

  const vulnerable = openWorkPermitForVulnerableWorkers(facts.permits ?? [], today);
  if (vulnerable) pathways.push(vulnerable);

  // Permanent residence after 3 or 5 years of continuous permits.
  const run = continuousSince(permits);
  if (run && current && current.expiresOn >= today) {
    const pr = rule('pr-as-permit-holder');
    const eligibleOn = addMonths(run.since, 12 * (facts.healthInadmissibleOnly ? (pr.yearsIfHealthOnly ?? 3) : (pr.years ?? 5)));
    pathways.push({
      pathway: 'permanent-residence',
      state: today >= eligibleOn ? 'open' : 'not-yet',
      from: eligibleOn,
      rules: [ref(pr)],
      notes: run.broken
        ? [
            {
              en: `Continuity was broken; the years count from ${run.since}.`,
              fr: `La continuité a été rompue; les années comptent à partir du ${run.since}.`,
            },
          ]
        : [],
    });
  }

  // Refugee claim: the Basis of Claim form, and asking for more time.
  const boc = rule('refugee-basis-of-claim-15-days');
  if (claim?.referredOn && !claim.decision && inForce(boc, claim.referredOn)) {
    const due = addDays(claim.referredOn, boc.days ?? 15);
    if (due >= today) {
      deadlines.push({ kind: 'basis-of-claim', pathway: 'refugee-claim', due, remindOn: remind(due, 7), rule: ref(boc) });
      const ask = workingDaysBefore(due, boc.extensionRequestWorkingDaysBefore ?? 3);
      if (ask >= today)
        deadlines.push({ kind: 'basis-of-claim-extension', pathway: 'refugee-claim', due: ask, remindOn: remind(ask, 2), rule: ref(boc) });
    }
  }

  const afterRefusal = refusalDeadlines(facts, today);
  deadlines.push(...afterRefusal.deadlines);

  // Pre-removal risk assessment: barred for 12 months (36 for a designated country, unconfirmed) after a final decision.
  const finalOn = [claim && negative(claim.decision) ? claim.decidedOn : undefined, facts.prraDecidedOn]
    .filter((d): d is string => Boolean(d))
    .sort()
    .at(-1);
  if (finalOn) {
    const bars = [rule('prra-bar-12-months'), ...(claim?.designatedCountryOfOrigin ? [rule('prra-bar-designated-countries')] : [])].filter(
      (r) => inForce(r, finalOn),
    );
    const until = bars
      .map((r) => addMonths(finalOn, r.months ?? 12))
      .sort()
      .at(-1);
    pathways.push(
      until && today < until
        ? { pathway: 'prra', state: 'barred', from: until, rules: bars.map(ref), notes: [] }
        : { pathway: 'prra', state: 'open', rules: bars.map(ref), notes: [] },
    );
  }

  // Humanitarian and compassionate grounds: barred 12 months after a negative decision, with exceptions.
  const hc = rule('hc-bar-12-months');
  const fee = pathwayRules().find((r) => r.pathway === 'humanitarian' && r.kind === 'fee' && inForce(r, today));
  const hcRules = [hc, ...(fee ? [fee] : [])].map(ref);
  const hcUntil =
    claim && negative(claim.decision) && claim.decidedOn && inForce(hc, claim.decidedOn)
      ? addMonths(claim.decidedOn, hc.months ?? 12)
      : undefined;
  const excepted = (facts.humanitarianExceptions ?? []).length > 0;
  if (hcUntil && today < hcUntil && !excepted)
    pathways.push({ pathway: 'humanitarian', state: 'barred', from: hcUntil, rules: hcRules, notes: [] });
  else
    pathways.push({
      pathway: 'humanitarian',
      state: 'open',
      rules: hcRules,
      notes:
        hcUntil && today < hcUntil
          ? [
              {
                en: 'Open despite the 12-month bar: an exception applies.',
                fr: "Ouverte malgré l'interdiction de 12 mois : une exception s'applique.",
              },
            ]
          : [],
    });

  deadlines.sort((a, b) => a.due.localeCompare(b.due));
  return { pathways, deadlines, notes: afterRefusal.notes };
}

/**
 * The open work permit for vulnerable workers: held, or open to someone holding an
 * employer-specific work permit (for abuse, or its risk, in that job). Said only when it applies.
 */
function openWorkPermitForVulnerableWorkers(permits: Permit[], today: string): PathwayState | undefined {
  const owp = rule('owp-vulnerable-workers');
  const live = (type: PermitType) =>
    permits.some((permit) => permit.type === type && permit.issuedOn <= today && today <= permit.expiresOn);
  if (live('owp-vulnerable')) return { pathway: 'owp-vulnerable', state: 'holding', rules: [ref(owp)], notes: [] };
  if (live('employer-specific') && inForce(owp, today)) return { pathway: 'owp-vulnerable', state: 'open', rules: [ref(owp)], notes: [] };
  return undefined;
}

/**
 * What follows a refusal, counted in calendar days from the day entered: the appeal to the
 * Refugee Appeal Division after a rejected claim (its notice, then perfecting it), and leave for
 * judicial review after the RAD, a PRRA or an H&C application says no. Only deadlines still ahead.
 */
function refusalDeadlines(facts: PathwayFacts, today: string): Pick<Assessment, 'deadlines' | 'notes'> {
  const deadlines: Deadline[] = [];
  const notes: Assessment['notes'] = [];
  const claim = facts.refugeeClaim;
  const add = (kind: Deadline['kind'], pathway: Deadline['pathway'], r: PathwayRule, from: string) => {
    const due = addDays(from, r.days ?? 15);
    // So short a time is reminded from the day it starts.
    if (due >= today) deadlines.push({ kind, pathway, due, remindOn: from, rule: ref(r) });
  };

  if (claim?.decision === 'rejected' && claim.noRadAppeal)
    notes.push({
      en: 'No appeal to the Refugee Appeal Division is recorded for this rejected claim. Which other remedy applies, and by when, is not in Harbour’s sources: ask the person’s lawyer now.',
      fr: 'Aucun appel à la Section d’appel des réfugiés n’est inscrit pour cette demande rejetée. Quel autre recours s’applique, et dans quel délai, ne figure pas dans les sources de Harbour : consultez sans tarder l’avocate ou l’avocat de la personne.',
    });
  else if (claim?.decision === 'rejected' && claim.reasonsReceivedOn) {
    const notice = rule('rad-appeal-notice-15-days');
    if (inForce(notice, claim.decidedOn ?? claim.reasonsReceivedOn)) {
      add('rad-appeal-notice', 'refugee-claim', notice, claim.reasonsReceivedOn);
      add('rad-appeal-perfect', 'refugee-claim', rule('rad-appeal-perfect-30-days'), claim.reasonsReceivedOn);
    }
  }
  const leave = rule('judicial-review-leave-15-days');
  if (claim?.radRefusalNotifiedOn) add('judicial-review-rad', 'refugee-claim', leave, claim.radRefusalNotifiedOn);
  if (facts.prraRefusalNotifiedOn) add('judicial-review-prra', 'prra', leave, facts.prraRefusalNotifiedOn);
  if (facts.humanitarianRefusalNotifiedOn) add('judicial-review-humanitarian', 'humanitarian', leave, facts.humanitarianRefusalNotifiedOn);
  return { deadlines, notes };
}
