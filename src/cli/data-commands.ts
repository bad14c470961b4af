import path from 'node:path';
import { restoreBackup, writeBackup } from '../db/backup.js';
import { recordAudit } from '../platform/audit.js';
import { AppError } from '../platform/errors.js';
import { rotateMasterKey } from '../platform/keyring.js';
import type { Command } from './commands.js';
import { listCounts, positional, say } from './helpers.js';

/** `harbour` commands: backups, restores and key rotation. */
export const dataCommands: Record<string, Command> = {
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
      const { keyring } = runtime.deps;
      const { rewrapped, added } = await rotateMasterKey(runtime.deps, { dataKeys: Boolean(values['data-keys']) });
      say(`master key version ${keyring.current} now wraps ${rewrapped} data keys${added ? `; ${added} agencies got a new data key` : ''}`);
    },
  },
};
