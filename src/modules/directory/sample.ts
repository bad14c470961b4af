import fs from 'node:fs';
import path from 'node:path';
import type { Deps } from '../../platform/context.js';
import { commandLine } from '../../platform/policy.js';
import { projectRoot } from '../../platform/project.js';
import { foldWords } from '../../platform/text.js';
import { agencyIdBySlug } from './repo.js';
import type { NewService, NewServicePoint } from './schema.js';
import { newService } from './schema.js';
import { createOrganization, createService, createServicePoint } from './service.js';
import { findProvince } from './taxonomy.js';

interface SampleDirectory {
  organizations: Array<{
    name: string;
    agency?: string;
    source: string;
    point?: Omit<NewServicePoint, 'organizationId'>;
    services: Array<Omit<NewService, 'organizationId'>>;
  }>;
}

/**
 * The sample directory: the organizations the source documents name, with only what the
 * documents say about them, then a fictional network that answers a worker's first questions in
 * every province and territory (data/sample-network-directory.json).
 */
export async function loadSampleDirectory(deps: Deps): Promise<number> {
  return (await loadNamedOrganizations(deps)) + (await loadFictionalNetwork(deps));
}

async function loadNamedOrganizations(deps: Deps): Promise<number> {
  const file = path.join(projectRoot(), 'data', 'sample-directory.json');
  const sample = JSON.parse(fs.readFileSync(file, 'utf8')) as SampleDirectory;
  let services = 0;
  for (const entry of sample.organizations) {
    const agencyId = entry.agency ? await agencyIdBySlug(deps.kysely, entry.agency) : undefined;
    const organization = await createOrganization(deps, commandLine, {
      name: entry.name,
      agencyId: agencyId ?? null,
      isMember: Boolean(agencyId),
      isSample: true,
      source: entry.source,
    });
    const point = entry.point
      ? await createServicePoint(deps, commandLine, { ...entry.point, organizationId: organization.id })
      : undefined;
    for (const service of entry.services) {
      await createService(
        deps,
        commandLine,
        newService.parse({ ...service, organizationId: organization.id, servicePointId: point?.id ?? null }),
      );
      services++;
    }
  }
  return services;
}

interface FictionalService extends Omit<NewService, 'organizationId' | 'hours' | 'phones'> {
  key: string;
  alwaysOpen?: boolean;
  beds?: number;
  interpreters?: boolean;
  noPoint?: boolean;
}

interface FictionalNetwork {
  provinces: Array<{ code: string; languages: string[]; also: string[]; main: string; second: string; branches: string[] }>;
  organizations: Array<{
    key: string;
    nameEn: string;
    nameFr: string;
    in: Array<'main' | 'second'>;
    outreach?: boolean;
    confidential?: boolean;
    services: FictionalService[];
  }>;
}

const slug = (text: string) => foldWords(text).replaceAll(' ', '-');

/**
 * Expands data/sample-network-directory.json: each organization in a province's largest city
 * (and second city where the file says), its outreach points in the province's other towns, and
 * contact details that are fictional by construction (555-01xx numbers, example.org).
 */
async function loadFictionalNetwork(deps: Deps): Promise<number> {
  const file = path.join(projectRoot(), 'data', 'sample-network-directory.json');
  const network = JSON.parse(fs.readFileSync(file, 'utf8')) as FictionalNetwork;
  let phoneNumber = 0;
  const nextPhone = () => `555-01${String(phoneNumber++ % 100).padStart(2, '0')}`;
  let services = 0;
  for (const province of network.provinces) {
    const { timezone } = findProvince(province.code) ?? { timezone: 'America/Toronto' };
    const weekdays: [string, string][] = [['09:00', '17:00']];
    const officeHours = { timezone, weekly: { '1': weekdays, '2': weekdays, '3': weekdays, '4': weekdays, '5': weekdays } };
    for (const template of network.organizations) {
      for (const tier of template.in) {
        const city = province[tier];
        const name =
          province.languages[0] === 'fr'
            ? `${template.nameFr.replace('{city}', city)} (exemple)`
            : `${template.nameEn.replace('{city}', city)} (sample)`;
        const host = `${slug(city)}-${template.key}.example.org`;
        const organization = await createOrganization(deps, commandLine, {
          name,
          website: `https://${host}`,
          isSample: true,
          source: 'data/sample-network-directory.json: fictional',
        });
        const pointAt = async (town: string) =>
          (
            await createServicePoint(deps, commandLine, {
              organizationId: organization.id,
              name: `${name} — ${town}`,
              city: town,
              province: province.code as NewServicePoint['province'],
              // No street address is given at all: a sealed one needs a member agency's key.
              isConfidential: false,
            })
          ).id;
        const main = template.services.some((service) => !service.noPoint) ? await pointAt(city) : null;
        const add = async (service: FictionalService, servicePointId: string | null, suffix = '') => {
          const { key, alwaysOpen, beds, interpreters, noPoint: _, ...fields } = service;
          const languages = interpreters
            ? [...province.languages, ...province.also, 'es', 'ar', 'zh', 'pa', 'tl']
            : [...province.languages, ...province.also.slice(0, 2)];
          await createService(
            deps,
            commandLine,
            newService.parse({
              ...fields,
              nameEn: `${fields.nameEn}${suffix}`,
              nameFr: `${fields.nameFr}${suffix}`,
              organizationId: organization.id,
              servicePointId,
              languages: [...new Set(languages)],
              areaProvinces: [province.code],
              hours: alwaysOpen ? { timezone, alwaysOpen: true } : officeHours,
              capacityBeds: beds ?? null,
              phones: [
                { number: nextPhone(), kind: 'voice', ...(alwaysOpen ? { description: '24/7' } : {}) },
                ...(template.confidential ? [{ number: nextPhone(), kind: 'text' as const }] : []),
              ],
              email: `${key}@${host}`,
            }),
          );
          services++;
        };
        for (const service of template.services) await add(service, service.noPoint ? null : main);
        if (template.outreach && tier === 'main') {
          const [first] = template.services;
          for (const town of province.branches) if (first) await add(first, await pointAt(town), ` — ${town}`);
        }
      }
    }
  }
  return services;
}
