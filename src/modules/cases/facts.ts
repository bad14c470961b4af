import type { CaseContent } from './schema.js';

/** The de-identified fact row of a case: bands and categories only, nothing that leads back. */
export interface CaseFact {
  year: number;
  province: string;
  ageBand: string;
  gender: string;
  citizenshipRegion: string;
  exploitation: string[];
  sector: string;
  cameThrough: string;
  pathways: Record<string, string>;
  needs: string[];
  needsMet: string[];
  services: string[];
}

const bands: Array<[number, string]> = [
  [18, 'under-18'],
  [25, '18-24'],
  [35, '25-34'],
  [45, '35-44'],
  [55, '45-54'],
];

/** Age in whole years on a day, as a band; the date of birth itself never leaves the case. */
export function ageBand(dateOfBirth: string | undefined, on: string): string {
  if (!dateOfBirth) return 'unknown';
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  if (age < 0) return 'unknown';
  return bands.find(([below]) => age < below)?.[1] ?? '55-plus';
}

export function factOf(content: CaseContent, opened: { on: string; province: string }): CaseFact {
  const claim = content.pathwayFacts.refugeeClaim;
  const permitTypes = new Set((content.pathwayFacts.permits ?? []).map((permit) => permit.type ?? 'trp'));
  const plan = Object.entries(content.safetyPlan).filter(([, section]) => section && (section.goal || section.actions.length > 0));
  return {
    year: Number(opened.on.slice(0, 4)),
    province: opened.province,
    ageBand: ageBand(content.person.dateOfBirth, opened.on),
    gender: content.person.gender ?? 'unknown',
    citizenshipRegion: content.person.citizenshipRegion ?? 'unknown',
    exploitation: [...(content.situation.exploitation ?? [])].sort(),
    sector: content.situation.sector ?? 'unknown',
    cameThrough: content.situation.cameThrough ?? 'unknown',
    pathways: {
      ...(permitTypes.has('trp') ? { trp: 'granted' } : {}),
      ...(permitTypes.has('owp-vulnerable') ? { 'owp-vulnerable': 'granted' } : {}),
      ...(claim ? { 'refugee-claim': claim.decision ?? 'pending' } : {}),
      ...(content.pathwayFacts.prraDecidedOn ? { prra: 'decided' } : {}),
    },
    needs: plan.map(([heading]) => heading).sort(),
    needsMet: plan
      .filter(([, section]) => (section?.actions.length ?? 0) > 0 && section?.actions.every((a) => a.progress === 'done'))
      .map(([heading]) => heading)
      .sort(),
    services: [...new Set(content.services.map((service) => service.heading))].sort(),
  };
}
