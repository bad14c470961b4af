import type { OpeningHours } from '../../db/tables.js';
import type { SearchRow } from './repo.js';

const YEAR_MS = 365 * 24 * 3_600_000;

/** A listing not verified for twelve months is flagged, to its agency and to the public. */
export const needsVerification = (lastVerifiedAt: Date | string, now: Date) =>
  now.getTime() - new Date(lastVerifiedAt).getTime() >= YEAR_MS;

/** A service as the public sees it: a confidential location shows its city, never its address. */
export function presentService(row: SearchRow, now: Date) {
  return {
    id: row.id,
    name: { en: row.nameEn, fr: row.nameFr },
    description: { en: row.descriptionEn, fr: row.descriptionFr },
    organization: { id: row.organizationId, name: row.organizationName, isSample: row.isSample },
    takesReferrals: Boolean(row.takesReferrals),
    location:
      row.city && row.province
        ? {
            city: row.city,
            province: row.province,
            address: row.isConfidential ? null : row.address,
            confidential: Boolean(row.isConfidential),
          }
        : null,
    areaProvinces: row.areaProvinces,
    categories: row.categories,
    populations: row.populations,
    languages: row.languages,
    servesWithoutStatus: row.servesWithoutStatus,
    traffickingTrained: row.traffickingTrained,
    servesRemoteCommunities: row.servesRemoteCommunities,
    accessibility: row.accessibility,
    fees: row.fees,
    eligibility: row.eligibility,
    intake: row.intake,
    hours: (row.hours as OpeningHours | null) ?? null,
    phones: row.phones,
    email: row.email,
    website: row.website,
    openNow: row.openNow,
    capacity:
      row.capacityBeds !== null && row.capacityUpdatedAt
        ? { beds: row.capacityBeds, updatedAt: new Date(row.capacityUpdatedAt).toISOString() }
        : null,
    lastVerifiedAt: new Date(row.lastVerifiedAt).toISOString(),
    needsVerification: needsVerification(row.lastVerifiedAt, now),
    distanceKm: row.distanceKm === null ? null : Math.round(Number(row.distanceKm) * 10) / 10,
  };
}
