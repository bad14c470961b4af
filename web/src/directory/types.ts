export interface ServiceResult {
  id: string;
  name: { en: string; fr: string };
  description: { en: string; fr: string };
  organization: { id: string; name: string; isSample: boolean };
  takesReferrals: boolean;
  location: { city: string; province: string; address: string | null; confidential: boolean } | null;
  areaProvinces: string[];
  categories: string[];
  populations: string[];
  languages: string[];
  servesWithoutStatus: boolean;
  traffickingTrained: boolean;
  servesRemoteCommunities: boolean;
  accessibility: string;
  fees: string;
  eligibility: string;
  intake: string;
  hours: { timezone?: string; alwaysOpen?: boolean; weekly?: Record<string, Array<[string, string]>> } | null;
  openNow: boolean;
  capacity: { beds: number; updatedAt: string } | null;
  needsVerification: boolean;
  distanceKm: number | null;
}

export interface SearchAnswer {
  total: number;
  page: number;
  pageSize: number;
  results: ServiceResult[];
}

export interface Criteria {
  q: string;
  category: string;
  population: string;
  language: string;
  province: string;
  near: string;
  radiusKm: string;
  openNow: boolean;
}
