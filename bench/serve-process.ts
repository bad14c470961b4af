import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../src/db/processes.js';

/**
 * `harbour serve` as `npm start` runs it (the built server, the embedded PostgreSQL by default),
 * in a data directory of the benchmark's own, and a small client for its API.
 */
const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'dist', 'src', 'cli.js');

export { freePort };

export function requireBuild(): void {
  if (!fs.existsSync(cli)) throw new Error('dist/src/cli.js is missing: run "npm run build" (npm install does it)');
}

export interface Served {
  child: ChildProcess;
  base: string;
  exited: Promise<number | null>;
}

export function startServe(dataDir: string, port: number, env: Record<string, string> = {}): Served {
  const child = spawn(process.execPath, [cli, 'serve'], {
    cwd: root,
    env: { ...process.env, HARBOUR_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'silent', HARBOUR_MFA: 'optional', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  void exited.then((code) => {
    if (code && code !== 0 && stderr)
      process.stderr.write(`harbour serve exited ${code}: ${stderr.trim().split('\n').slice(-12).join('\n')}\n`);
  });
  return { child, base: `http://127.0.0.1:${port}`, exited };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the milliseconds until /api/health answered, or rejects after `limitMs`. */
export async function waitUp(served: Served, limitMs = 120_000): Promise<number> {
  const start = performance.now();
  let gone = false;
  void served.exited.then(() => {
    gone = true;
  });
  while (performance.now() - start < limitMs) {
    if (gone) throw new Error('harbour serve exited before answering');
    try {
      const response = await fetch(`${served.base}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return performance.now() - start;
    } catch {
      // not up yet
    }
    await sleep(50);
  }
  throw new Error(`harbour serve did not answer /api/health within ${limitMs} ms`);
}

export async function stopServe(served: Served, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  served.child.kill(signal);
  await served.exited;
}

/** A signed-in staff member (HARBOUR_MFA=optional): the session cookie and the CSRF token. */
export class Staff {
  private cookie = '';
  private csrf = '';
  constructor(private readonly base: string) {}

  async request(method: string, url: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.base}${url}`, {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(method !== 'GET' && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    const set = response.headers.getSetCookie().find((c) => c.startsWith('harbour_session=') || c.startsWith('__Host-harbour='));
    if (set) this.cookie = set.split(';')[0] as string;
    const json = response.headers.get('content-type')?.includes('json') ? ((await response.json()) as Record<string, unknown>) : {};
    if (typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
    return { status: response.status, body: json };
  }

  static async signIn(base: string, email: string, password: string): Promise<Staff> {
    const staff = new Staff(base);
    const answer = await staff.request('POST', '/api/auth/sign-in', { email, password });
    if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return staff;
  }
}

export function sampleAccount(dataDir: string, email: string): { email: string; password: string } {
  const sample = JSON.parse(fs.readFileSync(path.join(dataDir, 'sample-accounts.json'), 'utf8')) as { password: string };
  return { email, password: sample.password };
}

/** The resident memory of a process and its children, counting shared pages once (PSS, Linux). */
export function memoryOfTree(pid: number): { harbourMiB: number; postgresMiB: number } {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const pss = (p: number) => {
    try {
      const line = fs.readFileSync(`/proc/${p}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
      return line ? Number(line[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  };
  let postgres = 0;
  const walk = (p: number) => {
    for (const child of children.get(p) ?? []) {
      postgres += pss(child);
      walk(child);
    }
  };
  walk(pid);
  return { harbourMiB: pss(pid), postgresMiB: postgres };
}
