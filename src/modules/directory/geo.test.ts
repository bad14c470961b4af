import { describe, expect, it } from 'vitest';
import geonames from '../../../data/geo/geonames-places.json' with { type: 'json' };
import { AppError } from '../../platform/errors.js';
import { resolveNear } from './geo.js';
import { taxonomy } from './taxonomy.js';

describe('places a worker may type', () => {
  it.each([
    ['Niagara-on-the-Lake', 'ON'],
    ['niagara on the lake', 'ON'],
    ['Leamington, Ontario', 'ON'],
    ['saint remi', 'QC'],
    ['Iqaluit', 'NU'],
    ['Inuvik', 'NT'],
    ['Dawson City', 'YT'],
    ['Gander', 'NL'],
    ['Summerside, PE', 'PE'],
    ['Thompson, MB', 'MB'],
  ])('knows %s, in %s, offline', (typed, province) => {
    const place = resolveNear(typed);
    expect(place.province).toBe(province);
    expect(place.latitude).toBeGreaterThan(41);
  });

  it('keeps the hand-kept place, with its postal-code areas, before GeoNames’ of the same name', () => {
    const montreal = resolveNear('Montreal');
    expect(resolveNear('H2X')).toEqual(montreal);
    expect(montreal.label).toBe('Montréal, QC');
  });

  it('tells a name in one province from the same name in another', () => {
    expect(resolveNear('London, ON').province).toBe('ON');
    expect(() => resolveNear('London, NU')).toThrow(AppError);
  });

  it('ships places in every province and territory, with their source and licence', () => {
    for (const { code } of taxonomy().provinces)
      expect(geonames.places.filter((place) => place.province === code).length, code).toBeGreaterThanOrEqual(5);
    expect(geonames.licence).toMatch(/Creative Commons Attribution 4\.0/);
    expect(geonames.places.length).toBeGreaterThan(1300);
  });

  it('names the field for a place it does not know', () => {
    expect(() => resolveNear('Atlantis')).toThrow(/^near: no place called "Atlantis"/);
  });
});
