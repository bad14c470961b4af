import type { Deps } from '../../platform/context.js';
import { applicationBody } from './schema.js';
import { apply } from './service.js';

/**
 * One application waiting in the sample network, so a network admin trying Harbour sees the review
 * at work. The organization is fictional and says so; its address is at example.org.
 */
export const sampleApplication = {
  organizationName: 'Annapolis Valley Farmworker Circle (sample)',
  province: 'NS',
  city: 'Kentville',
  website: 'https://example.org/valley-circle',
  criteria: { canadian: true, nonGovernmental: true, worksInCanada: true },
  work: ['awareness', 'services'],
  whatItDoes:
    'A volunteer circle that visits seasonal farm workers, explains their rights at work, and goes with them to appointments. (Sample data: this organization does not exist.)',
  howItMeetsCriteria:
    'A Nova Scotia non-profit society run by volunteers, with no government members; it works in the Annapolis Valley. (Sample data.)',
  contact: { name: 'Sample Contact', email: 'valley-circle@example.org', role: 'Volunteer coordinator' },
  language: 'en',
} as const;

export async function loadSampleApplication(deps: Deps) {
  return apply(deps, applicationBody.parse(sampleApplication), 'sample-network');
}
