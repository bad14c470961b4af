#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { type Command, commands } from './cli/commands.js';
import { ConfigError, describeSettings, loadConfig } from './config.js';
import { openRuntime, type Runtime } from './runtime.js';

const usage = `Harbour — the shared platform of the anti-trafficking network

Usage: harbour <command> [options]        (also: npm run harbour -- <command>)

Commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(22)} ${command.summary}`)
  .join('\n')}

Every command reads the same settings as the server, from the environment:
${describeSettings()}

Run "harbour <command> --help" for a command's options.`;

function fail(message: string): never {
  process.stderr.write(`harbour: ${message}\n`);
  process.exit(1);
}

async function main(argv: string[]): Promise<void> {
  const words = argv.filter((word) => !word.startsWith('-'));
  if (words.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const name = [words[0], words[1]].join(' ') in commands ? `${words[0]} ${words[1]}` : String(words[0]);
  const command: Command | undefined = commands[name];
  if (!command) fail(`unknown command "${words[0]}"; run "harbour --help" for the list`);
  const rest = argv.slice(argv.indexOf(name.split(' ').at(-1) as string) + 1);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (error) {
    fail(`${name}: ${(error as Error).message}`);
  }
  if (parsed.values.help) {
    process.stdout.write(`Usage: harbour ${name} ${command.usage ?? ''}\n\n${command.summary}\n${command.help ?? ''}\n`);
    return;
  }
  const config = loadConfig();
  const mode = name === 'serve' ? 'serve' : 'command';
  const runtime: Runtime = await openRuntime(config, (line) => process.stderr.write(`${line}\n`), mode);
  let keepOpen = false;
  try {
    keepOpen = (await command.run(runtime, parsed.values, parsed.positionals)) === 'keep-open';
  } finally {
    if (!keepOpen) await runtime.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) fail(error.message);
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  fail(message ?? 'failed');
});
