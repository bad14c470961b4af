import type { ParseArgsConfig } from 'node:util';
import type { Runtime } from '../runtime.js';
import { accountCommands } from './account-commands.js';
import { auditCommands } from './audit-commands.js';
import { dataCommands } from './data-commands.js';
import { directoryCommands } from './directory-commands.js';
import { jobCommands } from './job-commands.js';
import { setupCommands } from './setup-commands.js';

export type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;

export interface Command {
  summary: string;
  usage?: string;
  help?: string;
  options?: ParseArgsConfig['options'];
  run(runtime: Runtime, values: Values, positionals: string[]): Promise<'keep-open' | undefined>;
}

/** Every `harbour` command, by area; `harbour --help` lists them in this order. */
export const commands: Record<string, Command> = {
  ...setupCommands,
  ...directoryCommands,
  ...accountCommands,
  ...dataCommands,
  ...jobCommands,
  ...auditCommands,
};
