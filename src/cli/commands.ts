import fs from 'node:fs';
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { restoreBackup, writeBackup } from '../db/backup.js';
import { type Role, roles } from '../db/tables.js';
import { isEmpty, loadSampleNetwork, readSampleSignIn } from '../modules/accounts/sample.js';
import * as accounts from '../modules/accounts/service.js';
import * as cases from '../modules/cases/service.js';
import { describeProblem, exportDirectory, importDirectory, importReport, seedSynthetic } from '../modules/directory/service.js';
import * as notifications from '../modules/notifications/service.js';
import * as referrals from '../modules/referrals/service.js';
import { recordAudit } from '../platform/audit.js';
import { rewrapAllDataKeys } from '../platform/crypto.js';
import { AppError } from '../platform/errors.js';
import { generateMasterKey, writeKeyFile } from '../platform/keyring.js';
import type { Runtime } from '../runtime.js';
import { auditCommands } from './audit-commands.js';
import { progressBar } from './progress.js';
import { serve } from './serve.js';

type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;

export interface Command {
  summary: string;
  usage?: string;
  help?: string;
  options?: ParseArgsConfig['options'];
  run(runtime: Runtime, values: Values, positionals: string[]): Promise<'keep-open' | undefined>;
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const listCounts = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');

function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new AppError('bad_request', `--${name} is required`);
  return value.trim();
}

function positional(positionals: string[], what: string): string {
  const value = positionals[0];
  if (!value) throw new AppError('bad_request', `${what} is required`);
  return value;
}

function parseRoles(values: Values): Role[] {
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
}

export const commands: Record<string, Command> = {
  serve: {
    summary: 'migrate, load the sample network into an empty embedded database, and serve Harbour',
    run: async (runtime) => {
      await serve(runtime);
      return 'keep-open';
    },
  },
  migrate: {
    summary: 'bring the database schema up to date (serve does this too)',
    run: async (runtime) => {
      say(runtime.migrated.length ? `applied: ${runtime.migrated.join(', ')}` : 'the schema is up to date');
    },
  },
  seed: {
    summary: 'load the sample network into an empty database, or --synthetic N service points for load tests',
    usage: '[--synthetic N]',
    help: 'Synthetic service points are named "Synthetic …", marked as sample data, and can be added to any database.',
    options: { synthetic: { type: 'string' } },
    run: async (runtime, values) => {
      if (values.synthetic !== undefined) {
        const count = Number(values.synthetic);
        if (!Number.isInteger(count) || count < 1 || count > 1_000_000)
          throw new AppError('bad_request', '--synthetic: a whole number from 1 to 1000000');
        await seedSynthetic(runtime.deps, count, { onProgress: progressBar('service points', count) });
        say(`added ${count} synthetic service points`);
        return;
      }
      if (!(await isEmpty(runtime.deps)))
        throw new AppError('conflict', 'the database already holds agencies; the sample network goes into an empty one');
      await loadSampleNetwork(runtime.deps);
      printSampleSignIn(runtime);
    },
  },
  'directory import': {
    summary: 'import an Open Referral HSDS package (3.0 or 2.0 CSV tables, or HSDS JSON) into the directory',
    usage: 'PATH [--agency SLUG] [--skip-invalid] [--report FILE]',
    help: [
      'PATH is a folder of HSDS CSV files (with or without datapackage.json), its datapackage.json, or an HSDS .json file.',
      'All or nothing: if any row is wrong, every problem is listed by file, line and field and nothing is imported.',
      '--skip-invalid imports the good rows and writes every problem to the report (default harbour-import-report.txt).',
      '--agency SLUG makes that agency the keeper of every imported organization.',
      'Rows whose ids are already in the directory are updated. See docs/directory.md for the columns read.',
    ].join('\n'),
    options: { agency: { type: 'string' }, 'skip-invalid': { type: 'boolean' }, report: { type: 'string' } },
    run: async (runtime, values, positionals) => {
      const source = positional(positionals, 'PATH (a folder of HSDS CSV files, its datapackage.json or an HSDS .json file)');
      let bar: ((done: number) => void) | undefined;
      const result = await importDirectory(runtime.deps, source, {
        skipInvalid: values['skip-invalid'] === true,
        ...(typeof values.agency === 'string' ? { agency: values.agency } : {}),
        onProgress: (done, total) => {
          if (total >= 2000) bar ??= progressBar('rows', total);
          bar?.(done);
        },
      });
      const reportFile =
        typeof values.report === 'string' ? values.report : values['skip-invalid'] ? 'harbour-import-report.txt' : undefined;
      if (reportFile) fs.writeFileSync(reportFile, importReport(source, result, runtime.deps.now()));
      for (const problem of result.problems.slice(0, 50)) process.stderr.write(`  ${describeProblem(problem)}\n`);
      if (result.problems.length > 50)
        process.stderr.write(
          `  … and ${result.problems.length - 50} more${reportFile ? ` in ${reportFile}` : ' (--report FILE lists them all)'}\n`,
        );
      if (!result.imported) {
        throw new AppError(
          'bad_request',
          `nothing imported: ${result.problems.length} problem(s) in ${source}; fix them, or use --skip-invalid to import the rest`,
        );
      }
      for (const note of result.notes) say(`not kept: ${note}`);
      say(
        `imported ${result.organizations} organizations, ${result.servicePoints} locations and ${result.services} services from ${source} (${result.layout})`,
      );
      if (result.problems.length > 0) say(`${result.problems.length} row(s) left out; see ${reportFile}`);
    },
  },
  'directory export': {
    summary: 'export the directory as an Open Referral HSDS 3.0 package (a folder of CSV files, or a .json file)',
    usage: 'PATH',
    help: 'PATH is a new or empty folder for the CSV tables and datapackage.json, or a file ending in .json for HSDS JSON. Confidential street addresses are never exported.',
    run: async (runtime, _values, positionals) => {
      const target = positional(positionals, 'PATH (a new folder, or a file ending in .json)');
      const result = await exportDirectory(runtime.deps, target);
      say(`exported ${result.organizations} organizations, ${result.servicePoints} locations and ${result.services} services to ${target}`);
    },
  },
  'agency add': {
    summary: 'add a member agency',
    usage: '--slug SLUG --name NAME --province CODE',
    help: 'CODE is a two-letter province or territory code (ON, QC, ...), or CA for a national body.',
    options: { slug: { type: 'string' }, name: { type: 'string' }, province: { type: 'string' } },
    run: async (runtime, values) => {
      const { newAgencyBody } = await import('../modules/accounts/schema.js');
      const parsed = newAgencyBody.safeParse({ slug: values.slug, name: values.name, province: values.province });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AppError('bad_request', `--${String(issue?.path[0])}: ${issue?.message}`);
      }
      const agency = await accounts.createAgency(runtime.deps, 'cli', parsed.data);
      say(`added agency ${agency.slug} (${agency.id})`);
    },
  },
  'user add': {
    summary: 'invite someone into an agency: they set their own password through a one-time link (72 hours)',
    usage: '--email EMAIL --agency SLUG --role ROLE [--role ROLE] [--name NAME]',
    help: [
      `ROLE is one of ${roles.join(', ')}; repeat --role or separate roles with commas.`,
      'The link is emailed to the person (through the outbox) and printed here: hand it over only to them.',
    ].join('\n'),
    options: {
      email: { type: 'string' },
      agency: { type: 'string' },
      role: { type: 'string', multiple: true },
      name: { type: 'string' },
    },
    run: async (runtime, values) => {
      const email = required(values, 'email');
      const agencyId = await accounts.findAgencyIdBySlug(runtime.deps.kysely, required(values, 'agency'));
      const { account, link } = await accounts.inviteAccount(runtime.deps, 'cli', {
        agencyId,
        email,
        displayName: typeof values.name === 'string' ? values.name : email,
        roles: parseRoles(values),
      });
      say(`invited ${account.email} (${account.roles.join(', ')}); the invitation link, good once for 72 hours:`);
      say(`  ${link}`);
    },
  },
  'user disable': {
    summary: 'disable an account; its sessions end at once',
    usage: '--email EMAIL',
    options: { email: { type: 'string' } },
    run: async (runtime, values) => {
      const id = await accounts.findAccountIdByEmail(runtime.deps, required(values, 'email'));
      await accounts.disableAccount(runtime.deps, 'cli', id);
      say(`disabled ${values.email}`);
    },
  },
  'user reset-password': {
    summary: 'reset an account: its password stops working, its sessions end, and the person gets a new invitation',
    usage: '--email EMAIL [--second-factor]',
    help: '--second-factor also clears the authenticator app (a lost phone); the person sets a new one after their password.',
    options: { email: { type: 'string' }, 'second-factor': { type: 'boolean' } },
    run: async (runtime, values) => {
      const id = await accounts.findAccountIdByEmail(runtime.deps, required(values, 'email'));
      const { link } = await accounts.reinvite(runtime.deps, 'cli', id, { resetSecondFactor: Boolean(values['second-factor']) });
      say(`reset ${values.email}; a new invitation link, good once for 72 hours:`);
      say(`  ${link}`);
    },
  },
  backup: {
    summary:
      'write a logical backup FILE (gzip JSON lines) that restores into the embedded PostgreSQL or a server, and its case keys apart',
    usage: 'FILE [--case-keys KEYFILE]',
    help: [
      'Encrypted fields stay encrypted in the file; keep the master key elsewhere, a restore needs it.',
      'Case and referral keys go to KEYFILE (FILE.case-keys unless named): store it apart from FILE and keep',
      'key files for a short time only. A case erased or purged, or a referral whose consent was withdrawn,',
      'is then unreadable in every older data backup.',
    ].join('\n'),
    options: { 'case-keys': { type: 'string' } },
    run: async (runtime, values, positionals) => {
      const file = positional(positionals, 'FILE');
      const keysFile = typeof values['case-keys'] === 'string' ? values['case-keys'] : `${file}.case-keys`;
      if (path.resolve(keysFile) === path.resolve(file)) throw new AppError('bad_request', '--case-keys: name a file other than FILE');
      await recordAudit(runtime.deps, { action: 'system.backup', outcome: 'ok', details: { via: 'cli' } });
      const counts = await writeBackup(runtime.deps.kysely, file);
      const keys = await writeBackup(runtime.deps.kysely, keysFile, 'case-keys');
      say(`wrote ${file}: ${listCounts(counts)}`);
      say(`wrote ${keysFile}: ${keys.case_key ?? 0} case keys — keep it apart from ${path.basename(file)}, and not for long`);
    },
  },
  restore: {
    summary: 'restore a backup FILE into an empty database (the one the settings name), its cases opened by KEYFILE',
    usage: 'FILE (--case-keys KEYFILE | --without-cases)',
    help: 'Use the newest case-key file: it holds the key of every case not erased or purged. Cases it cannot open are left out.',
    options: { 'case-keys': { type: 'string' }, 'without-cases': { type: 'boolean' } },
    run: async (runtime, values, positionals) => {
      const file = positional(positionals, 'FILE');
      const keysFile = typeof values['case-keys'] === 'string' ? values['case-keys'] : undefined;
      if (!keysFile && !values['without-cases'])
        throw new AppError(
          'bad_request',
          '--case-keys KEYFILE is required to restore cases (written by `harbour backup` beside or apart from FILE); --without-cases restores everything else',
        );
      const { counts, casesLeftOut } = await restoreBackup(runtime.deps.kysely, file, keysFile);
      await recordAudit(runtime.deps, { action: 'system.restore', outcome: 'ok', details: { via: 'cli', casesLeftOut } });
      say(`restored: ${listCounts(counts)}`);
      if (casesLeftOut > 0) say(`${casesLeftOut} cases left out: no key opens them (erased or purged since, or no key file given)`);
    },
  },
  'cases purge': {
    summary: 'purge closed cases whose retention period has ended (the server also does it every hour)',
    run: async (runtime) => {
      say(`purged ${await cases.purgeDueCases(runtime.deps)} cases (retention ${runtime.deps.config.HARBOUR_CASE_RETENTION_DAYS} days)`);
    },
  },
  'referrals purge': {
    summary: 'destroy finished referrals whose retention period has ended (the server also does it every hour)',
    run: async (runtime) => {
      const count = await referrals.purgeFinishedReferrals(runtime.deps);
      say(`purged ${count} referrals (retention ${runtime.deps.config.HARBOUR_REFERRAL_RETENTION_DAYS} days)`);
    },
  },
  'cases refresh-facts': {
    summary: "recompute every case's de-identified fact row from the case (after an upgrade; the server does it when needed)",
    run: async (runtime) => {
      say(`${await cases.refreshCaseFacts(runtime.deps)} fact rows recomputed`);
    },
  },
  'cases remind': {
    summary: 'give the reminders of deadlines that have come due (the server also does it every hour)',
    run: async (runtime) => {
      const { cases: count, reminders } = await cases.remindDeadlines(runtime.deps);
      say(`${reminders} reminders given, from ${count} open cases`);
    },
  },
  outbox: {
    summary: 'show the emails waiting to be sent; --send sends them through HARBOUR_SMTP_URL',
    usage: '[--send]',
    options: { send: { type: 'boolean' } },
    run: async (runtime, values) => {
      if (values.send) {
        if (!runtime.deps.config.HARBOUR_SMTP_URL) throw new AppError('bad_request', '--send: set HARBOUR_SMTP_URL first');
        const { sent, failed } = await notifications.deliverOutbox(runtime.deps);
        say(`sent ${sent}, failed ${failed}`);
        return undefined;
      }
      const waiting = await notifications.pendingEmails(runtime.deps);
      for (const message of waiting) {
        say(
          `--- to ${message.toAddress}, ${new Date(message.createdAt).toISOString()}${message.lastError ? ` (last try: ${message.lastError})` : ''}`,
        );
        say(`Subject: ${message.subject}`);
        say(message.body);
      }
      say(`${waiting.length} emails waiting`);
    },
  },
  'keys rotate': {
    summary: 'start using the newest master key: re-wrap every agency data key with it',
    help: [
      'With the key file (no HARBOUR_MASTER_KEY), a new master key version is made, every data key is',
      're-wrapped with it, and older versions are then dropped from the file.',
      'With HARBOUR_MASTER_KEY, first list the old and the new key ("1:OLD,2:NEW"); after this command',
      'succeeds, keep only the new one. --data-keys also gives each agency a new data key for new values.',
    ].join('\n'),
    options: { 'data-keys': { type: 'boolean' } },
    run: async (runtime, values) => {
      const { keyring, kysely } = runtime.deps;
      if (keyring.source === 'key file' && keyring.file) {
        const next = keyring.current + 1;
        keyring.keys.set(next, Buffer.from(generateMasterKey(), 'base64'));
        keyring.current = next;
        writeKeyFile(keyring.file, keyring.keys);
      }
      const rewrapped = await rewrapAllDataKeys(kysely, keyring);
      if (keyring.source === 'key file' && keyring.file) {
        writeKeyFile(keyring.file, new Map([[keyring.current, keyring.keys.get(keyring.current) as Buffer]]));
      }
      let added = 0;
      if (values['data-keys']) {
        const agencies = await kysely.selectFrom('agency').select('id').execute();
        for (const { id } of agencies) await runtime.deps.crypto.createAgencyKey(id);
        added = agencies.length;
      }
      await recordAudit(runtime.deps, {
        action: 'system.keys_rotate',
        outcome: 'ok',
        details: { masterVersion: keyring.current, rewrapped, newDataKeys: added },
      });
      say(`master key version ${keyring.current} now wraps ${rewrapped} data keys${added ? `; ${added} agencies got a new data key` : ''}`);
    },
  },
  ...auditCommands,
};
