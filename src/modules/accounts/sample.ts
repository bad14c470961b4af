import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '../../db/tables.js';
import { type Deps, unitOfWork } from '../../platform/context.js';
import { commandLine } from '../../platform/policy.js';
import { projectRoot } from '../../platform/project.js';
import { loadSampleDirectory } from '../directory/index.js';
import { loadSampleLibrary } from '../library/index.js';
import * as repo from './repo.js';
import { createAgency, findAgencyIdBySlug, seedAccount } from './service.js';

interface SampleNetwork {
  agencies: Array<{ slug: string; name: string; province: 'CA' }>;
  accounts: Array<{ email: string; displayName: string; agency: string; roles: Role[] }>;
}

export interface SampleSignIn {
  password: string;
  accounts: Array<{ email: string; roles: Role[]; agency: string }>;
}

const signInFile = (dataDir: string) => path.join(dataDir, 'sample-accounts.json');

export async function isEmpty(deps: Deps): Promise<boolean> {
  return (await repo.countAgencies(deps.kysely)) === 0;
}

/**
 * Loads the sample network into an empty database. The shared password is random, written to
 * a 0600 file in the data directory, and shown at each start — never a password known to all.
 */
export async function loadSampleNetwork(deps: Deps): Promise<SampleSignIn> {
  const file = path.join(projectRoot(), 'data', 'sample-network.json');
  const sample = JSON.parse(fs.readFileSync(file, 'utf8')) as SampleNetwork;
  const password = crypto.randomBytes(12).toString('base64url');
  // All or nothing: a sample network loaded half-way would make the next start skip it.
  await unitOfWork(deps, async (tx) => {
    for (const agency of sample.agencies) await createAgency(tx, commandLine, { ...agency, isSample: true });
    for (const account of sample.accounts) {
      const agencyId = await findAgencyIdBySlug(tx.kysely, account.agency);
      await seedAccount(tx, { ...account, agencyId, password });
    }
    await loadSampleDirectory(tx);
    await loadSampleLibrary(tx);
  });
  const signIn: SampleSignIn = {
    password,
    accounts: sample.accounts.map(({ email, roles, agency }) => ({ email, roles, agency })),
  };
  fs.mkdirSync(deps.config.dataDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(signInFile(deps.config.dataDir), JSON.stringify(signIn, null, 2), { mode: 0o600 });
  return signIn;
}

export function readSampleSignIn(dataDir: string): SampleSignIn | undefined {
  try {
    return JSON.parse(fs.readFileSync(signInFile(dataDir), 'utf8')) as SampleSignIn;
  } catch {
    return undefined;
  }
}
