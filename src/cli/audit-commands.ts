import fs from 'node:fs';
import { type Checkpoint, makeCheckpoint, parseCheckpoint, verifyAgainstCheckpoint, verifyAuditChain } from '../platform/audit.js';
import { AppError } from '../platform/errors.js';
import type { Command } from './commands.js';
import { say } from './helpers.js';

function readCheckpoint(file: string): Checkpoint {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError(
      'bad_request',
      `--checkpoint: ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  return parseCheckpoint(text, file);
}

export const auditCommands: Record<string, Command> = {
  'audit verify': {
    summary: 'check the audit chain (and, with --checkpoint FILE, that nothing was cut or rewritten since)',
    usage: '[--checkpoint FILE]',
    help: 'Exits 1 naming the first broken event. A checkpoint (harbour audit checkpoint) also catches events cut off the end.',
    options: { checkpoint: { type: 'string' } },
    run: async (runtime, values) => {
      const file = typeof values.checkpoint === 'string' ? values.checkpoint : undefined;
      const report = file ? await verifyAgainstCheckpoint(runtime.deps, readCheckpoint(file)) : await verifyAuditChain(runtime.deps);
      if (!report.ok) {
        const where = report.brokenAt !== undefined ? `at event ${report.brokenAt}: ` : '';
        throw new AppError('conflict', `audit chain broken ${where}${report.reason} (${report.events} events before it are intact)`);
      }
      say(`audit chain intact: ${report.events} events${file ? ', none cut or rewritten since the checkpoint' : ''}`);
      return undefined;
    },
  },
  'audit checkpoint': {
    summary: 'print (or write to FILE) a checkpoint of the audit chain: its length and last MAC; keep it off the server',
    usage: '[FILE]',
    run: async (runtime, _values, positionals) => {
      const checkpoint = await makeCheckpoint(runtime.deps, runtime.deps.now());
      const text = `${JSON.stringify(checkpoint, null, 2)}\n`;
      const file = positionals[0];
      if (file) {
        if (fs.existsSync(file)) throw new AppError('conflict', `${file} already exists: a checkpoint is never written over`);
        fs.writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
        say(`wrote ${file}: ${checkpoint.events} events`);
      } else process.stdout.write(text);
      return undefined;
    },
  },
};
