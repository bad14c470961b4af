/**
 * Where a service is, as words its search document holds: one grid cell per level, from 1/8° to
 * 32° a side, each level twice the last. A search "near" a place asks for the cells that cover
 * its circle at the finest level where they are few, so one inverted index answers the words,
 * the filters and the place together; the exact distance then trims the corners.
 *
 * The migration `0013_search_document` writes the same cells in SQL (`harbour_search_document`);
 * both multiply by powers of two, which is exact in floating point, so they agree to the last bit.
 */
export const CELL_LEVELS = 9;
const FINEST = 3; // 2^-3 degrees
const MOST_CELLS = 16;
/** earthdistance's radius of the Earth, in km: the search's distance and the cells use the same sphere. */
export const EARTH_KM = 6378.168;
export const radians = (degrees: number) => (degrees * Math.PI) / 180;

const scaleOf = (level: number) => 2 ** (FINEST - level);

export function cellWord(level: number, latitude: number, longitude: number): string {
  const scale = scaleOf(level);
  return `cell ${level} ${Math.floor(latitude * scale)} ${Math.floor(longitude * scale)}`;
}

/** The distance in km between two points, by the haversine formula (the search's, in SQL, is the same). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const a =
    Math.sin(radians(lat2 - lat1) / 2) ** 2 + Math.cos(radians(lat1)) * Math.cos(radians(lat2)) * Math.sin(radians(lon2 - lon1) / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** The least distance from a point to a cell (a rectangle of latitude and longitude). */
function distanceToCell(latitude: number, longitude: number, south: number, north: number, west: number, east: number): number {
  if (longitude >= west && longitude <= east) return distanceKm(latitude, longitude, clamp(latitude, south, north), longitude);
  const edge = Math.abs(longitude - west) < Math.abs(longitude - east) ? west : east;
  // The nearest point of a meridian lies poleward of the point's own latitude; at the pole
  // itself once the meridian is more than a quarter turn away.
  const across = radians(Math.abs(edge - longitude));
  const nearest =
    across < Math.PI / 2 ? (Math.atan(Math.tan(radians(latitude)) / Math.cos(across)) * 180) / Math.PI : Math.sign(latitude) * 90;
  return distanceKm(latitude, longitude, clamp(nearest, south, north), edge);
}

/**
 * The cells that cover a circle, at the finest level where no more than 16 do (or at the
 * coarsest, for a circle the size of the country); rounding never leaves out a cell the circle
 * touches (the search checks the exact distance after). Fewer, larger cells would make the index
 * return more services outside the circle; more, smaller ones cost the index more to combine.
 */
export function cellsCovering(latitude: number, longitude: number, radiusKm: number): string[] {
  const reach = radiusKm * 1.001 + 0.5;
  const angle = reach / EARTH_KM;
  const latitudeSpan = (angle * 180) / Math.PI;
  const south = Math.max(-90, latitude - latitudeSpan);
  const north = Math.min(90, latitude + latitudeSpan);
  const ratio = Math.sin(angle) / Math.cos(radians(latitude));
  const longitudeSpan = north >= 90 || south <= -90 || ratio >= 1 ? 180 : (Math.asin(ratio) * 180) / Math.PI;
  const west = longitude - longitudeSpan;
  const east = longitude + longitudeSpan;
  for (let level = 0; level < CELL_LEVELS; level++) {
    const scale = scaleOf(level);
    const [rowFirst, rowLast] = [Math.floor(south * scale), Math.floor(north * scale)];
    const [columnFirst, columnLast] = [Math.floor(west * scale), Math.floor(east * scale)];
    const last = level === CELL_LEVELS - 1;
    if (!last && (rowLast - rowFirst + 1) * (columnLast - columnFirst + 1) > MOST_CELLS * 4) continue;
    const cells: string[] = [];
    for (let row = rowFirst; row <= rowLast; row++) {
      for (let column = columnFirst; column <= columnLast; column++) {
        const away = distanceToCell(latitude, longitude, row / scale, (row + 1) / scale, column / scale, (column + 1) / scale);
        if (away <= reach) cells.push(`cell ${level} ${row} ${column}`);
      }
    }
    if (cells.length <= MOST_CELLS || last) return cells;
  }
  throw new Error(`no cells cover ${radiusKm} km`);
}
