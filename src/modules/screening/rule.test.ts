import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScreeningData } from './data.js';
import { assess, dimensionIsPositive, placeOnSpectrum, resolveLists, whatWouldMakePositive } from './rule.js';

const counts = (strong: number, medium: number, weak: number) => ({ strong, medium, weak });

describe('the Delphi combination rule for one dimension', () => {
  it.each([
    ['two strong', counts(2, 0, 0), true],
    ['one strong and one medium', counts(1, 1, 0), true],
    ['one strong and one weak', counts(1, 0, 1), true],
    ['three medium', counts(0, 3, 0), true],
    ['two medium and one weak', counts(0, 2, 1), true],
    ['one strong alone', counts(1, 0, 0), false],
    ['two medium alone', counts(0, 2, 0), false],
    ['one medium and two weak', counts(0, 1, 2), false],
    ['three weak', counts(0, 0, 3), false],
    ['nothing', counts(0, 0, 0), false],
  ])('%s → %s', (_name, given, positive) => {
    expect(dimensionIsPositive(given)).toBe(positive);
  });

  it('says the fewest further indicators that would make a dimension positive, and of which strength', () => {
    const plenty = counts(5, 5, 5);
    expect(whatWouldMakePositive(counts(1, 0, 0), plenty)).toEqual({
      needed: 1,
      mixes: [counts(1, 0, 0), counts(0, 1, 0), counts(0, 0, 1)],
    });
    expect(whatWouldMakePositive(counts(0, 2, 0), plenty)?.mixes).toEqual([counts(1, 0, 0), counts(0, 1, 0), counts(0, 0, 1)]);
    expect(whatWouldMakePositive(counts(0, 1, 0), plenty)).toEqual({ needed: 1, mixes: [counts(1, 0, 0)] });
    expect(whatWouldMakePositive(counts(0, 0, 0), plenty)).toEqual({
      needed: 2,
      mixes: [counts(2, 0, 0), counts(1, 1, 0), counts(1, 0, 1)],
    });
    // A dimension with no strong indicator left needs the medium route.
    expect(whatWouldMakePositive(counts(0, 1, 0), counts(0, 3, 1))).toEqual({ needed: 2, mixes: [counts(0, 2, 0), counts(0, 1, 1)] });
    expect(whatWouldMakePositive(counts(0, 0, 0), counts(0, 1, 1))).toBeNull();
  });
});

const data = loadScreeningData();
const adult = data.lists.find((list) => list.id === 'ilo-2009-adult-labour')!;
const child = data.lists.find((list) => list.id === 'ilo-2009-child-labour')!;

// Deceived about the job (strong) + wages (medium); excessive hours (strong) + low pay (medium);
// documents confiscated (strong) + debt bondage (strong).
const fullPicture = ['DR1', 'DR2', 'EC1', 'EC2', 'CD1', 'CD2'];

describe('the overall assessment', () => {
  it('points to trafficking when recruitment, exploitation and coercion at destination all count', () => {
    const result = assess(adult, fullPicture);
    expect(result.indicatesTrafficking).toBe(true);
    expect(result.elements.map((e) => [e.id, e.met, e.positiveDimensions])).toEqual([
      ['recruitment', true, ['deceptive_recruitment']],
      ['exploitation', true, ['exploitative_conditions']],
      ['coercion', true, ['coercion_at_destination']],
    ]);
    expect(result.dimensions.find((d) => d.id === 'coercion_at_destination')?.indicators).toEqual(['CD1', 'CD2']);
  });

  it('accepts any one of the recruitment dimensions, and abuse of vulnerability in place of coercion', () => {
    // Three medium in recruitment by abuse of vulnerability; two medium and a weak at destination.
    const result = assess(adult, ['RV1', 'RV2', 'RV3', 'EC1', 'EC2', 'DV1', 'DV2', 'DV6']);
    expect(result.indicatesTrafficking).toBe(true);
    expect(result.elements.find((e) => e.id === 'recruitment')?.positiveDimensions).toEqual(['recruitment_abuse_vulnerability']);
    expect(result.elements.find((e) => e.id === 'coercion')?.positiveDimensions).toEqual(['abuse_vulnerability_destination']);
  });

  it('does not point to trafficking when one element is missing, and says what is missing', () => {
    const result = assess(adult, ['DR1', 'DR2', 'EC1', 'EC2', 'CD1']);
    expect(result.indicatesTrafficking).toBe(false);
    expect(result.elements.find((e) => e.id === 'coercion')).toEqual({ id: 'coercion', met: false, positiveDimensions: [] });
    const coercion = result.dimensions.find((d) => d.id === 'coercion_at_destination');
    expect(coercion?.missing?.needed).toBe(1);
    expect(coercion?.missing?.examples.length).toBeGreaterThan(0);
    expect(coercion?.missing?.examples).not.toContain('CD1');
  });

  it('does not count medium indicators that are too few', () => {
    const result = assess(adult, ['DR2', 'DR3', 'EC2', 'EC3', 'CD5', 'CD6']);
    expect(result.dimensions.every((d) => !d.positive)).toBe(true);
    expect(result.indicatesTrafficking).toBe(false);
  });

  it('needs no means element for a child: recruitment and exploitation suffice', () => {
    const withoutCoercion = ['DR1', 'DR2', 'EC1', 'EC2'];
    expect(assess(adult, withoutCoercion).indicatesTrafficking).toBe(false);
    const forChild = assess(child, withoutCoercion);
    expect(forChild.indicatesTrafficking).toBe(true);
    expect(forChild.elements.map((e) => e.id)).toEqual(['recruitment', 'exploitation']);
    expect(assess(child, ['EC1', 'EC2']).indicatesTrafficking).toBe(false);
  });

  it('reports indicator ids it does not know instead of counting them', () => {
    expect(assess(adult, ['DR1', 'NOPE1']).unknownIndicators).toEqual(['NOPE1']);
  });
});

describe('the spectrum of exploitation', () => {
  it('places wage theft at employment standards, threats at the Criminal Code, and a met rule at trafficking', () => {
    const wages = ['EC2', 'EC3'];
    expect(placeOnSpectrum(data.spectrum, assess(adult, wages), wages).level).toBe('employment_standards');
    const threats = ['EC2', 'CD5'];
    const placed = placeOnSpectrum(data.spectrum, assess(adult, threats), threats);
    expect(placed.level).toBe('criminal_code');
    expect(placed.reached.map((r) => r.level)).toEqual(['employment_standards', 'criminal_code']);
    expect(placeOnSpectrum(data.spectrum, assess(adult, fullPicture), fullPicture).level).toBe('trafficking');
    expect(placeOnSpectrum(data.spectrum, assess(adult, []), []).level).toBeNull();
  });
});

describe('indicator list files', () => {
  it('match the reference transcription row for row: dimension, strength and English wording', () => {
    const psv = fs.readFileSync(
      path.join(import.meta.dirname, '../../../data/indicators/sources/delphi-indicators-adult-labour.psv'),
      'utf8',
    );
    const rows = psv.split('\n').filter((line) => line && !line.startsWith('#'));
    const strength: Record<string, string> = { S: 'strong', M: 'medium', 'M?': 'medium', W: 'weak' };
    expect(adult.indicators.map((i) => `${i.dimension}|${i.strength}|${i.text.en}|${Boolean(i.uncertain)}`)).toEqual(
      rows.map((row) => {
        const [dimension, s, text] = row.split('|');
        return `${dimension}|${strength[s as string]}|${text}|${s === 'M?'}`;
      }),
    );
    const perDimension = adult.dimensions.map((d) => adult.indicators.filter((i) => i.dimension === d.id).length);
    expect(perDimension).toEqual([10, 10, 16, 9, 15, 7]);
  });

  it('let a list extend another and replace only what it names', () => {
    const [, resolved] = resolveLists([
      { ...adult, id: 'base' },
      { id: 'derived', extends: 'base', population: 'child' },
    ]);
    expect(resolved?.indicators).toBe(adult.indicators);
    expect(resolved?.population).toBe('child');
    expect(() => resolveLists([{ id: 'a', extends: 'missing' }])).toThrow(/extends unknown list missing/);
  });
});
