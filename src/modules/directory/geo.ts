import geonames from '../../../data/geo/geonames-places.json' with { type: 'json' };
import { AppError } from '../../platform/errors.js';
import { foldWords } from '../../platform/text.js';
import { findProvince, fold, type Place, taxonomy } from './taxonomy.js';

export interface Point {
  latitude: number;
  longitude: number;
  label: string;
  /** Known when the point is a place: services with no address that serve it are near too. */
  province?: string;
}

const coordinates = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;
const postalArea = /^[A-Z]\d[A-Z]?(\s*\d[A-Z]\d)?$/;

function byPostalCode(code: string): Place | undefined {
  const compact = code.replace(/\s/g, '').toUpperCase();
  for (const length of [3, 2, 1]) {
    const prefix = compact.slice(0, length);
    const place = taxonomy().places.find((p) => p.postalPrefixes.includes(prefix));
    if (place) return place;
  }
  return undefined;
}

let gazetteer: Map<string, Place[]> | undefined;

/**
 * Every place by its folded name and spellings: first the hand-kept places (data/geo/places.json,
 * with their postal-code areas), then GeoNames' Canadian places of 500 people or more
 * (data/geo/geonames-places.json), largest first; a name already known in a province keeps the
 * hand-kept place.
 */
function placesNamed(name: string): Place[] {
  if (!gazetteer) {
    const index = new Map<string, Place[]>();
    const add = (place: Place) => {
      for (const spelling of new Set([place.name, ...place.aliases].map(foldWords))) {
        const known = index.get(spelling) ?? [];
        if (!known.some((other) => other.province === place.province)) index.set(spelling, [...known, place]);
      }
    };
    for (const place of taxonomy().places) add(place);
    for (const place of geonames.places) add({ ...place, postalPrefixes: [] });
    gazetteer = index;
  }
  return gazetteer.get(name) ?? [];
}

function byName(text: string): Place | undefined {
  const [namePart = '', provincePart] = text.split(',').map((part) => fold(part));
  const matches = placesNamed(foldWords(namePart));
  if (provincePart === undefined) return matches[0];
  const province = findProvince(provincePart)?.code;
  return matches.find((place) => place.province === province);
}

/**
 * "near" as a person types it — a city ("Montréal", "London, ON"), a postal code or its first
 * characters ("H2X", "H2X 1Y4"), or coordinates ("45.5,-73.6") — resolved from data shipped with
 * Harbour, never by asking another service.
 */
export function resolveNear(input: string): Point {
  const match = coordinates.exec(input);
  if (match) {
    const latitude = Number(match[1]);
    const longitude = Number(match[2]);
    if (latitude < 41 || latitude > 84 || longitude < -142 || longitude > -52) {
      throw new AppError('bad_request', 'near: those coordinates are not in Canada');
    }
    return { latitude, longitude, label: `${latitude}, ${longitude}` };
  }
  const trimmed = input.trim();
  const place = postalArea.test(trimmed.toUpperCase()) ? byPostalCode(trimmed) : byName(trimmed);
  if (!place) {
    throw new AppError('bad_request', `near: no place called "${trimmed}" is known; try a nearby city, a postal code, or coordinates`);
  }
  return { latitude: place.latitude, longitude: place.longitude, label: `${place.name}, ${place.province}`, province: place.province };
}

/**
 * Where a service point is put on the map: a confidential one (a safe house) and one given no
 * coordinates sit at their city's centre, so neither the public nor a copy of the database shows
 * where a safe house is.
 */
export function placeServicePoint(point: {
  city: string;
  province: string;
  isConfidential: boolean;
  latitude?: number | null | undefined;
  longitude?: number | null | undefined;
}): { latitude: number | null; longitude: number | null } {
  if (!point.isConfidential && point.latitude != null && point.longitude != null) {
    return { latitude: point.latitude, longitude: point.longitude };
  }
  try {
    const city = resolveNear(`${point.city}, ${point.province}`);
    return { latitude: city.latitude, longitude: city.longitude };
  } catch {
    return { latitude: null, longitude: null };
  }
}
