import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requireBuild } from './serve-process.js';

const cli = path.resolve(import.meta.dirname, '..', 'dist', 'src', 'cli.js');

/** Peak resident memory so far of a running process, from Linux's high-water mark. */
function highWaterMiB(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : 0;
  } catch {
    return 0; // gone
  }
}

/**
 * `harbour directory import PACKAGE` into the database at `url`, as a process of its own (its
 * data directory a temporary one), with the old space limited to `heapMiB` when given: seconds
 * taken and peak resident memory.
 */
export async function importInChild(url: string, pkg: string, heapMiB?: number): Promise<{ seconds: number; peakMiB: number }> {
  requireBuild();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-bench-import-'));
  const start = performance.now();
  const child = spawn(process.execPath, [...(heapMiB ? [`--max-old-space-size=${heapMiB}`] : []), cli, 'directory', 'import', pkg], {
    env: { ...process.env, DATABASE_URL: url, HARBOUR_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  let peakMiB = 0;
  const sampler = setInterval(() => {
    if (child.pid) peakMiB = Math.max(peakMiB, highWaterMiB(child.pid));
  }, 50);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`harbour directory import exited ${code}: ${stderr.trim().split('\n').slice(-5).join('\n')}`);
  return { seconds: (performance.now() - start) / 1000, peakMiB };
}
