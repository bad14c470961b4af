import { describe, expect, it } from 'vitest';
import { type FactRecord, kAnonymise, microdataFields } from './microdata.js';

const base: FactRecord = {
  year: 2025,
  province: 'ON',
  ageBand: '25-34',
  gender: 'woman',
  citizenshipRegion: 'asia',
  exploitation: ['labour'],
  sector: 'agriculture',
  cameThrough: 'self',
};
const many = (count: number, changes: Partial<FactRecord> = {}) => Array.from({ length: count }, () => ({ ...base, ...changes }));
const groupSizes = (rows: Array<Record<string, string>>) => {
  const sizes = new Map<string, number>();
  for (const row of rows) {
    const key = microdataFields.map((field) => row[field]).join('|');
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  return [...sizes.values()];
};

describe('k-anonymised microdata', () => {
  it('keeps rows as they are when every group already holds k', () => {
    const result = kAnonymise([...many(12), ...many(11, { sector: 'construction' })], 11);
    expect(result.coarsened).toEqual([]);
    expect(result.leftOut).toBe(0);
    expect(result.rows[0]).toEqual(
      expect.objectContaining({ provinceOfRegistration: 'ON', typeOfLabour: 'agriculture', isForcedLabour: '1' }),
    );
  });

  it('coarsens detail for everyone until small groups are few, then leaves those out', () => {
    const records = [
      ...many(20),
      ...many(6, { cameThrough: 'police' }),
      ...many(6, { cameThrough: 'hotline' }),
      ...many(1, { province: 'NU', gender: 'man' }),
    ];
    const result = kAnonymise(records, 11);
    expect(result.coarsened[0]).toBe('referredBy withheld');
    expect(Math.min(...groupSizes(result.rows))).toBeGreaterThanOrEqual(11);
    expect(result.rows.length + result.leftOut).toBe(records.length);
    expect(result.leftOut).toBeLessThanOrEqual(1);
    expect(result.rows.every((row) => row.referredBy === '')).toBe(true);
  });

  it('never releases a group smaller than k, whatever the records', () => {
    const provinces = ['ON', 'QC', 'NU', 'BC', 'PE'];
    const records = Array.from({ length: 400 }, (_, i) => ({
      ...base,
      year: 2018 + (i % 7),
      province: provinces[i % provinces.length] as string,
      ageBand: i % 9 === 0 ? 'under-18' : '25-34',
      gender: i % 4 === 0 ? 'man' : 'woman',
      exploitation: i % 3 === 0 ? ['sexual'] : ['labour'],
    }));
    const result = kAnonymise(records, 11);
    expect(Math.min(...groupSizes(result.rows))).toBeGreaterThanOrEqual(11);
    expect(result.rows.every((row) => !('id' in row))).toBe(true);
  });
});
