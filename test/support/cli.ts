import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `harbour ...` from the sources, as `npm run harbour --` would from the build. */
export function harbour(args: string[], env: Record<string, string>, stdin?: string): Promise<CliResult> {
  const child = start(args, env);
  if (stdin !== undefined) child.stdin?.end(stdin);
  else child.stdin?.end();
  return finished(child);
}

export function start(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'cli.ts'), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Resolves with everything printed once `text` has appeared on stdout. */
export function waitFor(child: ChildProcess, text: string, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`"${text}" not seen in ${timeoutMs} ms; got: ${seen}`)), timeoutMs);
    child.stdout?.on('data', (chunk) => {
      seen += chunk;
      if (seen.includes(text)) {
        clearTimeout(timer);
        resolve(seen);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before "${text}": ${seen}`));
    });
  });
}
