import path from 'node:path';
import type { Config } from './config.js';
import { connectServer, type Db, openPglite, pgliteDir } from './db/connect.js';
import { lockDataDir } from './db/lock.js';
import { migrate } from './db/migrate.js';
import { type Deps, makeDeps } from './platform/context.js';
import { loadKeyring } from './platform/keyring.js';

export interface Runtime {
  deps: Deps;
  migrated: string[];
  close(): Promise<void>;
}

export type Say = (line: string) => void;

/** Opens the database the configuration names, locked and migrated, with the keys to read it. */
export async function openDatabase(config: Config): Promise<{ db: Db; release: () => void }> {
  if (config.DATABASE_URL) return { db: connectServer(config.DATABASE_URL), release: () => {} };
  const release = lockDataDir(config.dataDir);
  try {
    return { db: await openPglite(pgliteDir(config.dataDir)), release };
  } catch (error) {
    release();
    throw error;
  }
}

export async function openRuntime(config: Config, warn: Say = console.warn): Promise<Runtime> {
  const { db, release } = await openDatabase(config);
  try {
    const migrated = await migrate(db, { snapshotDir: path.join(config.dataDir, 'snapshots') });
    const keyring = loadKeyring({
      masterKey: config.HARBOUR_MASTER_KEY,
      dataDir: config.dataDir,
      onCreate: (file) =>
        warn(
          `WARNING: created a new master key at ${file}. Anyone who has this file and the database can read ` +
            'every encrypted field. Move the key off the data disk: put its value in HARBOUR_MASTER_KEY and keep it in a secret store.',
        ),
    });
    const deps = makeDeps(db, config, keyring);
    return {
      deps,
      migrated,
      close: async () => {
        await db.close();
        release();
      },
    };
  } catch (error) {
    await db.close().catch(() => {});
    release();
    throw error;
  }
}
