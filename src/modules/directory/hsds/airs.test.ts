import { describe, expect, it } from 'vitest';
import airs from '../../../../data/taxonomy/airs-codes.json' with { type: 'json' };
import { taxonomy } from '../taxonomy.js';
import { airsCategories } from './airs.js';

describe('211/AIRS codes', () => {
  it('are matched by the longest listed prefix along their levels', () => {
    expect(airsCategories('BH-1800.1500-100')).toEqual(['safe-housing']);
    expect(airsCategories('FT-3200')).toEqual(['legal-aid']);
    expect(airsCategories('FT-3600.6500')).toEqual(['immigration-legal-help']);
    expect(airsCategories('FT-4150')).toEqual(['labour-rights']);
    expect(airsCategories('RP-1500.1400-300')).toEqual(['help-lines']);
    expect(airsCategories('RP-1400.8000-020.21')).toEqual(['mental-health']);
    expect(airsCategories('LN-1500')).toEqual(['health']);
    expect(airsCategories(' nd-2000 ')).toEqual(['employment-skills']);
  });

  it('leave alone what is not such a code, or what no listed prefix covers', () => {
    for (const code of ['', 'LR-1', 'XX-9', 'legal-aid', 'BH.1500', 'BH-18001', 'FT-3200.1', 'L', 'BM-3000.0500', 'BD-1800.2000']) {
      expect(airsCategories(code), code).toBeUndefined();
    }
    // A prefix must end at a level: BH-1800 does not cover BH-1850.
    expect(airsCategories('BH-1850')).toBeUndefined();
  });

  it('name only Harbour categories, each row with its source', () => {
    const known = new Set(taxonomy().categories.map((category) => category.id));
    for (const [code, row] of Object.entries(airs.codes)) {
      expect(code).toMatch(/^[A-Z]{2}(-\d{4}(\.\d{4}(-\d{3}(\.\d{2})?)?)?)?$/);
      for (const category of row.categories) expect(known, `${code}: ${category}`).toContain(category);
      expect(Object.keys(airs.sources)).toContain(row.source);
      expect(row.seen).not.toBe('');
    }
  });
});
