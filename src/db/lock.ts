import fs from 'node:fs';
import path from 'node:path';
import { isAlive } from './processes.js';

export class LockedError extends Error {}

/**
 * One `harbour serve` per data directory: it owns the embedded PostgreSQL there (other commands
 * join it). The lock file holds the owner's pid; a lock left by a process that is gone is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'harbour.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new LockedError(
          `the data directory ${dataDir} is served by another harbour serve (pid ${owner}); ` +
            'stop it first (other harbour commands run alongside it), or give this one its own HARBOUR_DATA_DIR',
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new LockedError(`could not lock the data directory ${dataDir}`);
}
