import { describe, expect, it } from 'vitest';
import { deadlinesOf } from './deadlines.js';
import { ageBand, factOf } from './facts.js';
import { caseContent } from './schema.js';

describe('a case’s de-identified fact', () => {
  it('gives an age band on the day the case opened, never the date of birth', () => {
    expect(ageBand('2008-11-24', '2026-11-23')).toBe('under-18');
    expect(ageBand('2008-11-23', '2026-11-23')).toBe('18-24');
    expect(ageBand('1994-07-23', '2026-01-15')).toBe('25-34');
    expect(ageBand('1960-01-01', '2026-01-15')).toBe('55-plus');
    expect(ageBand(undefined, '2026-01-15')).toBe('unknown');
  });

  it('holds categories only: no name, date, contact or free text', () => {
    const content = caseContent.parse({
      person: { names: ['Rosa'], dateOfBirth: '1990-05-05', contact: '+1 555 0100', gender: 'woman', citizenshipRegion: 'americas' },
      situation: { exploitation: ['sexual', 'labour'], sector: 'hospitality', cameThrough: 'hotline' },
      pathwayFacts: { permits: [{ issuedOn: '2025-03-01', expiresOn: '2026-03-01' }], refugeeClaim: { referredOn: '2025-01-01' } },
      safetyPlan: {
        'safe-housing': { goal: 'A room', actions: [{ what: 'Call the shelter at 555-0100', progress: 'done' }] },
        legal: { goal: 'See a lawyer', actions: [{ what: 'Book legal aid' }] },
      },
      services: [
        { on: '2026-01-20', heading: 'health-care', what: 'Dental care at the clinic on Rue Rosa', provider: 'Clinique 555' },
        { on: '2026-01-21', heading: 'health-care', what: 'Follow-up' },
        { on: '2026-01-22', heading: 'legal', what: 'First meeting with a lawyer', by: 'referral' },
      ],
    });
    const fact = factOf(content, { on: '2026-01-15', province: 'QC' });
    expect(fact).toEqual({
      year: 2026,
      province: 'QC',
      ageBand: '35-44',
      gender: 'woman',
      citizenshipRegion: 'americas',
      exploitation: ['labour', 'sexual'],
      sector: 'hospitality',
      cameThrough: 'hotline',
      pathways: { trp: 'granted', 'refugee-claim': 'pending' },
      needs: ['legal', 'safe-housing'],
      needsMet: ['safe-housing'],
      services: ['health-care', 'legal'],
    });
    expect(JSON.stringify(fact)).not.toMatch(/Rosa|1990|555|shelter|lawyer/);
  });

  it('counts a temporary resident permit and an open work permit for vulnerable workers, not other permits', () => {
    const content = caseContent.parse({
      person: { names: ['Ana'] },
      pathwayFacts: {
        permits: [
          { type: 'employer-specific', issuedOn: '2025-03-01', expiresOn: '2026-03-01' },
          { type: 'owp-vulnerable', issuedOn: '2026-02-01', expiresOn: '2027-02-01' },
        ],
      },
    });
    expect(factOf(content, { on: '2026-01-15', province: 'ON' }).pathways).toEqual({ 'owp-vulnerable': 'granted' });
    expect(() =>
      caseContent.parse({
        person: { names: ['Ana'] },
        pathwayFacts: { permits: [{ type: 'tourist', issuedOn: '2025-03-01', expiresOn: '2026-03-01' }] },
      }),
    ).toThrow(/one of trp, owp-vulnerable, employer-specific, study, visitor-record/);
  });

  it('keeps the end of a permit no rule renews on the deadline list, and the renewal of a temporary resident permit', () => {
    const content = caseContent.parse({
      person: { names: ['Ana'] },
      pathwayFacts: {
        permits: [
          { type: 'study', issuedOn: '2026-01-10', expiresOn: '2027-01-10' },
          { issuedOn: '2026-02-01', expiresOn: '2027-02-01' },
        ],
      },
    });
    expect(deadlinesOf(content, '2026-12-01', 30).map((d) => [d.kind, d.due, d.what.en, d.source])).toEqual([
      [
        'trp-renewal',
        '2027-02-01',
        'Apply to renew the temporary resident permit',
        'House of Commons committee testimony (44th Parliament); IRPR s. 65',
      ],
      ['permit-expires', '2027-01-10', 'The study permit expires', null],
    ]);
  });
});
