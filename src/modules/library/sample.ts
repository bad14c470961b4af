import fs from 'node:fs';
import path from 'node:path';
import type { Deps } from '../../platform/context.js';
import { commandLine } from '../../platform/policy.js';
import { projectRoot } from '../../platform/project.js';
import { newCollection, newResource } from './schema.js';
import { createCollection, createResource, setCollectionItems } from './service.js';

interface SampleLibrary {
  collections: Array<Record<string, unknown> & { slug: string }>;
  resources: Array<Record<string, unknown> & { collections?: string[] }>;
}

/** The sample library: Harbour's own tools, in the start-up toolkit the source documents ask for. */
export async function loadSampleLibrary(deps: Deps): Promise<number> {
  const sample = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'data', 'sample-library.json'), 'utf8')) as SampleLibrary;
  const members = new Map<string, string[]>();
  for (const collection of sample.collections) {
    await createCollection(deps, commandLine, newCollection.parse(collection));
    members.set(collection.slug, []);
  }
  for (const { collections = [], ...resource } of sample.resources) {
    const { id } = await createResource(deps, commandLine, { ...newResource.parse(resource), isSample: true });
    for (const slug of collections) members.get(slug)?.push(id);
  }
  for (const [slug, ids] of members) await setCollectionItems(deps, commandLine, slug, ids);
  return sample.resources.length;
}
