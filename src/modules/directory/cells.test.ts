import { describe, expect, it } from 'vitest';
import { CELL_LEVELS, cellsCovering, cellWord, EARTH_KM, radians } from './cells.js';
import { seededRandom } from './synthetic.js';

const degrees = (value: number) => (value * 180) / Math.PI;

/** The point `km` away from a start on a bearing, on earthdistance's sphere. */
function destination(latitude: number, longitude: number, bearing: number, km: number): [number, number] {
  const angle = km / EARTH_KM;
  const [lat, lon, theta] = [radians(latitude), radians(longitude), radians(bearing)];
  const lat2 = Math.asin(Math.sin(lat) * Math.cos(angle) + Math.cos(lat) * Math.sin(angle) * Math.cos(theta));
  const lon2 = lon + Math.atan2(Math.sin(theta) * Math.sin(angle) * Math.cos(lat), Math.cos(angle) - Math.sin(lat) * Math.sin(lat2));
  return [degrees(lat2), degrees(lon2)];
}

describe('the cells that say where a service is', () => {
  it('cover every point of the circle, at every radius a search allows, with no more than 64 cells', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 400; trial++) {
      const [latitude, longitude] = [42 + random() * 40, -141 + random() * 88];
      const radiusKm = [1, 5, 25, 50, 100, 300, 1000, 5000][trial % 8] as number;
      const cells = new Set(cellsCovering(latitude, longitude, radiusKm));
      expect(cells.size).toBeGreaterThan(0);
      expect(cells.size).toBeLessThanOrEqual(64);
      const level = Number([...cells][0]?.split(' ')[1]);
      for (let sample = 0; sample < 60; sample++) {
        // The edge of the circle is where a cell is most easily missed; the inside, the rest.
        const km = sample < 30 ? radiusKm : random() * radiusKm;
        const [lat, lon] = destination(latitude, longitude, random() * 360, km);
        if (lat > 84 || lat < 41) continue;
        expect(cells.has(cellWord(level, lat, lon)), `${latitude},${longitude} ${radiusKm} km: ${lat},${lon}`).toBe(true);
      }
    }
  });

  it('are fine near a point and coarse across the country', () => {
    const level = (radiusKm: number) => Number(cellsCovering(43.65, -79.38, radiusKm)[0]?.split(' ')[1]);
    expect(level(5)).toBe(0);
    expect(level(50)).toBeLessThanOrEqual(2);
    expect(level(5000)).toBeLessThan(CELL_LEVELS);
    expect(level(5000)).toBeGreaterThan(level(1000));
  });

  it('name a cell the same way at its edges, where rounding could differ', () => {
    expect(cellWord(0, 45, -75)).toBe('cell 0 360 -600');
    expect(cellWord(3, 44.999999, -75.000001)).toBe('cell 3 44 -76');
    expect(cellWord(8, 83.9, -141.9)).toBe('cell 8 2 -5');
  });
});
