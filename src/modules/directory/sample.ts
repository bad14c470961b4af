import fs from 'node:fs';
import path from 'node:path';
import type { Deps } from '../../platform/context.js';
import { commandLine } from '../../platform/policy.js';
import { projectRoot } from '../../platform/project.js';
import { agencyIdBySlug } from './repo.js';
import type { NewService, NewServicePoint } from './schema.js';
import { newService } from './schema.js';
import { createOrganization, createService, createServicePoint } from './service.js';

interface SampleDirectory {
  organizations: Array<{
    name: string;
    agency?: string;
    source: string;
    point?: Omit<NewServicePoint, 'organizationId'>;
    services: Array<Omit<NewService, 'organizationId'>>;
  }>;
}

/** The organizations the source documents name, with only what the documents say about them. */
export async function loadSampleDirectory(deps: Deps): Promise<number> {
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
