import { type Role, roles } from '../db/tables.js';
import { findAgencyIdBySlug, loadSampleNetwork, readSampleSignIn } from '../modules/accounts/index.js';
import { loadSampleGroups } from '../modules/groups/index.js';
import { loadSampleHelpKeys } from '../modules/help/index.js';
import { loadSampleApplication } from '../modules/membership/index.js';
import type { Deps } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import type { Runtime } from '../runtime.js';
import type { Values } from './commands.js';

export const say = (line: string) => process.stdout.write(`${line}\n`);
export const listCounts = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');

export function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new AppError('bad_request', `--${name} is required`);
  return value.trim();
}

export function positional(positionals: string[], what: string): string {
  const value = positionals[0];
  if (!value) throw new AppError('bad_request', `${what} is required`);
  return value;
}

export function parseRoles(values: Values): Role[] {
  const given = (Array.isArray(values.role) ? values.role : [values.role]).filter((v): v is string => typeof v === 'string');
  const list = given
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  if (list.length === 0) throw new AppError('bad_request', `--role is required (one of ${roles.join(', ')})`);
  for (const role of list) {
    if (!roles.includes(role as Role)) throw new AppError('bad_request', `--role: "${role}" is not one of ${roles.join(', ')}`);
  }
  return list as Role[];
}

export function printSampleSignIn(runtime: Runtime): void {
  const sample = readSampleSignIn(runtime.deps.config.dataDir);
  if (!sample) return;
  say('Sample network accounts (sample data; the password is in sample-accounts.json in the data directory):');
  for (const account of sample.accounts) say(`  ${account.email.padEnd(42)} ${account.roles.join(', ')} — ${account.agency}`);
  say(`  password for all: ${sample.password}`);
  say('  Help requests (/help, read at /staff/help): the same password is each account’s passphrase there.');
}

/**
 * The sample network, then its help inboxes' keys (made here for a trial; a real network makes
 * them in browsers), an application to join waiting for review, and working groups with a meeting.
 */
export async function loadSample(deps: Deps): Promise<void> {
  const signIn = await loadSampleNetwork(deps);
  const slugs = [...new Set(signIn.accounts.map((account) => account.agency))];
  const agencyIds = await Promise.all(slugs.map((slug) => findAgencyIdBySlug(deps.kysely, slug)));
  await loadSampleHelpKeys(deps, signIn.password, agencyIds);
  await loadSampleApplication(deps);
  await loadSampleGroups(deps);
}
