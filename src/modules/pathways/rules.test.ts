import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  assessPathways,
  continuousSince,
  initialPermitEnds,
  initialPermitRule,
  pathwayRules,
  workingDaysBefore,
} from './rules.js';

const state = (assessment: ReturnType<typeof assessPathways>, pathway: string) => assessment.pathways.find((p) => p.pathway === pathway);

describe('the pathway rules data', () => {
  it('gives every rule a source and says whether it is confirmed', () => {
    for (const rule of pathwayRules()) {
      expect(rule.source, rule.id).toMatch(/\S/);
      expect(typeof rule.confirmed, rule.id).toBe('boolean');
      expect(rule.en && rule.fr, rule.id).toBeTruthy();
      if (rule.appliesFrom) expect(rule.appliesFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(
      pathwayRules()
        .filter((r) => !r.confirmed)
        .map((r) => r.id),
    ).toEqual(expect.arrayContaining(['pr-as-permit-holder', 'prra-bar-designated-countries', 'hc-fee-570', 'bill-c12-one-year-bar']));
  });
});

describe('the first temporary resident permit', () => {
  it('was up to 120 days in 2006, 180 days in 2010, and is at least 12 months from 2025-02-04', () => {
    expect(initialPermitRule('2006-06-15')?.id).toBe('trp-initial-120-days');
    expect(initialPermitEnds('2006-06-15')).toBe('2006-10-13');
    expect(initialPermitRule('2010-03-01')?.id).toBe('trp-initial-180-days');
    expect(initialPermitEnds('2010-03-01')).toBe('2010-08-28');
    expect(initialPermitRule('2025-02-03')?.id).toBe('trp-initial-180-days');
    expect(initialPermitRule('2025-02-04')?.id).toBe('trp-initial-12-months');
    expect(initialPermitEnds('2025-03-01')).toBe('2026-03-01');
    expect(initialPermitRule('2005-12-31')).toBeUndefined();
  });
});

describe('dates', () => {
  it('adds months to the last day of a shorter month, and counts working days back over weekends', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    // Due Monday 2026-11-30: three working days before is Wednesday 2026-11-25.
    expect(workingDaysBefore('2026-11-30', 3)).toBe('2026-11-25');
  });
});

describe('continuity of permits', () => {
  it('holds when each renewal was applied for before the last permit expired, and breaks when one was missed', () => {
    const kept = [
      { issuedOn: '2020-01-10', expiresOn: '2020-07-08' },
      { issuedOn: '2020-07-20', expiresOn: '2021-07-20', appliedOn: '2020-06-15' },
    ];
    expect(continuousSince(kept)).toEqual({ since: '2020-01-10', broken: false });
    const missed = [...kept, { issuedOn: '2021-09-01', expiresOn: '2022-09-01', appliedOn: '2021-08-01' }];
    expect(continuousSince(missed)).toEqual({ since: '2021-09-01', broken: true });
  });
});

describe('assessing a person’s pathways', () => {
  it('holds a permit: renewal due at expiry with a reminder, permanent residence counted from the unbroken start', () => {
    const result = assessPathways({ permits: [{ issuedOn: '2025-03-01', expiresOn: '2026-03-01' }] }, '2026-01-15', 30);
    expect(state(result, 'trp')).toMatchObject({ state: 'holding' });
    expect(result.deadlines).toEqual([
      expect.objectContaining({
        kind: 'trp-renewal',
        due: '2026-03-01',
        remindOn: '2026-01-30',
        rule: expect.objectContaining({ id: 'trp-renewal-before-expiry' }),
      }),
    ]);
    expect(state(result, 'permanent-residence')).toMatchObject({ state: 'not-yet', from: '2030-03-01' });
    const healthOnly = assessPathways(
      { permits: [{ issuedOn: '2025-03-01', expiresOn: '2026-03-01' }], healthInadmissibleOnly: true },
      '2026-01-15',
    );
    expect(state(healthOnly, 'permanent-residence')).toMatchObject({
      from: '2028-03-01',
      rules: [expect.objectContaining({ confirmed: false })],
    });
  });

  it('counts permanent residence again from the permit after a missed renewal, and says so', () => {
    const result = assessPathways(
      {
        permits: [
          { issuedOn: '2020-01-10', expiresOn: '2021-01-10' },
          { issuedOn: '2021-03-01', expiresOn: '2027-03-01', appliedOn: '2021-02-01' },
        ],
      },
      '2026-06-01',
    );
    // Without the gap, five years would have been reached on 2025-01-10.
    expect(state(result, 'permanent-residence')).toMatchObject({ state: 'open', from: '2026-03-01' });
    expect(state(result, 'permanent-residence')?.notes[0]?.en).toContain('Continuity was broken');
  });

  it('says a permit that expired without renewal has lapsed', () => {
    const result = assessPathways({ permits: [{ issuedOn: '2024-01-01', expiresOn: '2024-06-29' }] }, '2024-08-01');
    expect(state(result, 'trp')).toMatchObject({ state: 'lapsed' });
    expect(state(result, 'trp')?.notes[0]?.en).toContain('continuity is broken');
    expect(state(result, 'permanent-residence')).toBeUndefined();
  });

  it('bars a permit, a PRRA and an H&C application after a rejected claim, each for its own time', () => {
    const rejected = { refugeeClaim: { referredOn: '2024-01-10', decision: 'rejected' as const, decidedOn: '2025-05-20' } };
    const result = assessPathways(rejected, '2025-09-01');
    expect(state(result, 'trp')).toMatchObject({ state: 'barred', from: '2026-05-20' });
    expect(state(result, 'trp')?.notes[0]?.en).toContain('own initiative');
    expect(state(result, 'prra')).toMatchObject({ state: 'barred', from: '2026-05-20' });
    expect(state(result, 'humanitarian')).toMatchObject({ state: 'barred', from: '2026-05-20' });
    expect(state(result, 'humanitarian')?.rules.map((r) => r.id)).toContain('hc-fee-570');

    const designated = assessPathways(
      { refugeeClaim: { ...rejected.refugeeClaim, designatedForeignNational: true, designatedCountryOfOrigin: true } },
      '2025-09-01',
    );
    expect(state(designated, 'trp')).toMatchObject({ state: 'barred', from: '2030-05-20' });
    expect(state(designated, 'prra')).toMatchObject({ state: 'barred', from: '2028-05-20' });
    expect(state(designated, 'prra')?.rules.find((r) => r.id === 'prra-bar-designated-countries')?.confirmed).toBe(false);

    const child = assessPathways({ ...rejected, humanitarianExceptions: ['best-interests-of-a-child'] }, '2025-09-01');
    expect(state(child, 'humanitarian')).toMatchObject({ state: 'open' });
    expect(state(child, 'humanitarian')?.notes[0]?.en).toContain('exception');

    const later = assessPathways(rejected, '2026-05-20');
    expect(state(later, 'trp')?.state).toBe('open');
    expect(state(later, 'prra')?.state).toBe('open');
  });

  it('gives the Basis of Claim deadline and the last day to ask for more time while a claim waits', () => {
    const result = assessPathways({ refugeeClaim: { referredOn: '2026-11-15' } }, '2026-11-16');
    expect(result.deadlines.map((d) => [d.kind, d.due])).toEqual([
      ['basis-of-claim-extension', '2026-11-25'],
      ['basis-of-claim', '2026-11-30'],
    ]);
    expect(assessPathways({ refugeeClaim: { referredOn: '2026-11-15' } }, '2026-12-01').deadlines).toEqual([]);
  });

  it('gives the H&C fee in force on the day', () => {
    const fee = (today: string) => state(assessPathways({}, today), 'humanitarian')?.rules.find((r) => r.id.startsWith('hc-fee'))?.id;
    expect(fee('2018-06-01')).toBe('hc-fee-550');
    expect(fee('2022-04-30')).toBe('hc-fee-570');
  });
});

describe('after a refusal', () => {
  const rejected = { decision: 'rejected' as const, decidedOn: '2026-10-20' };
  const kinds = (assessment: ReturnType<typeof assessPathways>) => assessment.deadlines.map((d) => [d.kind, d.due, d.rule.id]);

  it('gives the RAD appeal’s notice (15 days) and perfecting (30 days) from the day the written reasons came, with their source', () => {
    const assessment = assessPathways({ refugeeClaim: { ...rejected, reasonsReceivedOn: '2026-11-02' } }, '2026-11-05');
    expect(kinds(assessment)).toEqual([
      ['rad-appeal-notice', '2026-11-17', 'rad-appeal-notice-15-days'],
      ['rad-appeal-perfect', '2026-12-02', 'rad-appeal-perfect-30-days'],
    ]);
    expect(assessment.deadlines[0]?.rule.source).toBe('IRPA s. 110; Refugee Appeal Division Rules; IRPR s. 159.91');
    // Reminded from the day the reasons came: so short a time is not left for a reminder 30 days ahead.
    expect(assessment.deadlines[0]?.remindOn).toBe('2026-11-02');
    // The 12-month bars still show beside them.
    expect(state(assessment, 'humanitarian')?.state).toBe('barred');
  });

  it('drops a deadline once it has passed, and gives none for a claim decided before the RAD existed', () => {
    expect(kinds(assessPathways({ refugeeClaim: { ...rejected, reasonsReceivedOn: '2026-11-02' } }, '2026-11-20'))).toEqual([
      ['rad-appeal-perfect', '2026-12-02', 'rad-appeal-perfect-30-days'],
    ]);
    const before = { decision: 'rejected' as const, decidedOn: '2012-12-01', reasonsReceivedOn: '2012-12-10' };
    expect(assessPathways({ refugeeClaim: before }, '2012-12-11').deadlines).toEqual([]);
  });

  it('says plainly that its sources do not cover a rejected claim with no RAD appeal, instead of inventing a deadline', () => {
    const assessment = assessPathways({ refugeeClaim: { ...rejected, reasonsReceivedOn: '2026-11-02', noRadAppeal: true } }, '2026-11-05');
    expect(assessment.deadlines).toEqual([]);
    expect(assessment.notes[0]?.en).toMatch(/not in Harbour’s sources: ask the person’s lawyer now/);
    expect(assessPathways({ refugeeClaim: { decision: 'accepted', reasonsReceivedOn: '2026-11-02' } }, '2026-11-05').deadlines).toEqual([]);
  });

  it('gives 15 days for leave for judicial review after the RAD, a PRRA or an H&C application says no', () => {
    const assessment = assessPathways(
      {
        refugeeClaim: { ...rejected, radRefusalNotifiedOn: '2026-11-03' },
        prraRefusalNotifiedOn: '2026-11-10',
        humanitarianRefusalNotifiedOn: '2026-11-30',
      },
      '2026-11-04',
    );
    expect(kinds(assessment)).toEqual([
      ['judicial-review-rad', '2026-11-18', 'judicial-review-leave-15-days'],
      ['judicial-review-prra', '2026-11-25', 'judicial-review-leave-15-days'],
      ['judicial-review-humanitarian', '2026-12-15', 'judicial-review-leave-15-days'],
    ]);
    expect(assessment.deadlines.map((d) => d.pathway)).toEqual(['refugee-claim', 'prra', 'humanitarian']);
    expect(assessment.deadlines[0]?.rule.source).toBe('IRPA s. 72(2)(b)');
  });
});

describe('permit types', () => {
  const today = '2026-12-01';
  it('counts only temporary resident permits (or permits with no type, as before) toward renewal and permanent residence', () => {
    const workOnly = assessPathways({ permits: [{ type: 'employer-specific', issuedOn: '2026-03-01', expiresOn: '2027-03-01' }] }, today);
    expect(state(workOnly, 'trp')?.state).toBe('open');
    expect(workOnly.deadlines).toEqual([]);
    expect(state(workOnly, 'permanent-residence')).toBeUndefined();
    const untyped = assessPathways({ permits: [{ issuedOn: '2026-03-01', expiresOn: '2027-03-01' }] }, today);
    expect(state(untyped, 'trp')?.state).toBe('holding');
    expect(untyped.deadlines.map((d) => d.kind)).toEqual(['trp-renewal']);
  });

  it('opens the open work permit for vulnerable workers to someone on an employer-specific permit, and says when it is held', () => {
    const tied = assessPathways({ permits: [{ type: 'employer-specific', issuedOn: '2026-03-01', expiresOn: '2027-03-01' }] }, today);
    expect(state(tied, 'owp-vulnerable')).toEqual(
      expect.objectContaining({
        state: 'open',
        rules: [expect.objectContaining({ source: 'IRPR s. 207.1; IRCC program delivery instructions' })],
      }),
    );
    const held = assessPathways(
      {
        permits: [
          { type: 'employer-specific', issuedOn: '2025-03-01', expiresOn: '2026-03-01' },
          { type: 'owp-vulnerable', issuedOn: '2026-02-01', expiresOn: '2027-02-01' },
        ],
      },
      today,
    );
    expect(state(held, 'owp-vulnerable')?.state).toBe('holding');
    // Before the program began, and with no employer-specific permit, it is not offered.
    expect(
      state(
        assessPathways({ permits: [{ type: 'employer-specific', issuedOn: '2019-01-01', expiresOn: '2020-01-01' }] }, '2019-05-01'),
        'owp-vulnerable',
      ),
    ).toBeUndefined();
    expect(
      state(assessPathways({ permits: [{ type: 'study', issuedOn: '2026-01-01', expiresOn: '2027-01-01' }] }, today), 'owp-vulnerable'),
    ).toBeUndefined();
  });
});
