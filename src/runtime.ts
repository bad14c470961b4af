import type { Config } from './config.js';
import { connect, connectServer, type Db } from './db/connect.js';
import { openEmbedded } from './db/embedded.js';
import { lockDataDir } from './db/lock.js';
import { migrate } from './db/migrate.js';
import { keyAuditChain } from './platform/audit-upgrade.js';
import { type Deps, makeDeps } from './platform/context.js';
import { loadAuditKey, loadKeyring } from './platform/keyring.js';

export interface Runtime {
  deps: Deps;
  migrated: string[];
  close(): Promise<void>;
}

export type Say = (line: string) => void;

/**
 * Opens the database the configuration names: the server in DATABASE_URL, or Harbour's own
 * embedded PostgreSQL — owned by `serve` (one per data directory), joined by any other command.
 */
export async function openDatabase(config: Config, mode: 'serve' | 'command' = 'command', say: Say = () => {}): Promise<Db> {
  if (config.DATABASE_URL) return connectServer(config.DATABASE_URL);
  const release = mode === 'serve' ? lockDataDir(config.dataDir) : () => {};
  try {
    const server = await openEmbedded({ dataDir: config.dataDir, mode, say });
    return connect(server.url, 'embedded', {
      onClose: async () => {
        await server.close();
        release();
      },
    });
  } catch (error) {
    release();
    throw error;
  }
}

export async function openRuntime(config: Config, warn: Say = console.warn, mode: 'serve' | 'command' = 'command'): Promise<Runtime> {
  const db = await openDatabase(config, mode, warn);
  try {
    const migrated = await migrate(db);
    const keyring = loadKeyring({
      masterKey: config.HARBOUR_MASTER_KEY,
      dataDir: config.dataDir,
      onCreate: (file) =>
        warn(
          `WARNING: created a new master key at ${file}. Anyone who has this file and the database can read ` +
            'every encrypted field. Move the key off the data disk: put its value in HARBOUR_MASTER_KEY and keep it in a secret store.',
        ),
    });
    const auditKey = loadAuditKey({
      auditKey: config.HARBOUR_AUDIT_KEY,
      dataDir: config.dataDir,
      onCreate: (file) =>
        warn(
          `WARNING: created a new audit key at ${file}. Whoever holds it and the database can rewrite the audit trail undetected. ` +
            'Keep it like the master key: put its value in HARBOUR_AUDIT_KEY and keep it in a secret store.',
        ),
    });
    await keyAuditChain({ kysely: db.kysely, auditKey }, warn);
    const deps = makeDeps(db, config, keyring, auditKey);
    return {
      deps,
      migrated,
      close: () => db.close(),
    };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}
