import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { recordAudit } from './audit.js';
import type { Deps } from './context.js';
import { rewrapAllDataKeys } from './crypto.js';
import { allAgencyIds } from './repo.js';

/** Master keys by version; the highest version wraps new data keys. */
export interface Keyring {
  current: number;
  keys: Map<number, Buffer>;
  source: 'environment' | 'key file';
  file?: string;
}

export class KeyringError extends Error {}

function decodeKey(base64: string, where: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new KeyringError(`${where}: a key must be 32 bytes`);
  return key;
}

function fromEntries(entries: Array<[number, Buffer]>, source: Keyring['source'], file?: string): Keyring {
  if (entries.length === 0) throw new KeyringError(`${file ?? 'HARBOUR_MASTER_KEY'}: no master key`);
  const keys = new Map(entries);
  return { current: Math.max(...keys.keys()), keys, source, ...(file ? { file } : {}) };
}

export function parseMasterKeyVariable(value: string): Keyring {
  const entries = value.split(',').map((part): [number, Buffer] => {
    const match = /^(?:(\d+):)?(.+)$/.exec(part.trim());
    const version = match?.[1] ? Number(match[1]) : 1;
    return [version, decodeKey(match?.[2] ?? '', `HARBOUR_MASTER_KEY version ${version}`)];
  });
  return fromEntries(entries, 'environment');
}

interface KeyFile {
  keys: Record<string, string>;
}

function readKeyFile(file: string): Keyring {
  let parsed: KeyFile;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  } catch (error) {
    throw new KeyringError(`${file}: not a Harbour key file (${(error as Error).message})`);
  }
  const entries = Object.entries(parsed.keys ?? {}).map(([version, key]): [number, Buffer] => [
    Number(version),
    decodeKey(key, `${file} version ${version}`),
  ]);
  return fromEntries(entries, 'key file', file);
}

export function writeKeyFile(file: string, keys: Map<number, Buffer>): void {
  const body: KeyFile = { keys: {} };
  for (const [version, key] of keys) body.keys[String(version)] = key.toString('base64');
  const temporary = `${file}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

/**
 * The master key comes from HARBOUR_MASTER_KEY, or from `master.key` in the data directory,
 * created on first start. `onCreate` is told so the caller can warn loudly: a key on the same
 * disk as the database protects nothing if the disk is taken.
 */
export function loadKeyring(options: { masterKey?: string | undefined; dataDir: string; onCreate?: (file: string) => void }): Keyring {
  if (options.masterKey) return parseMasterKeyVariable(options.masterKey);
  const file = path.join(options.dataDir, 'master.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    writeKeyFile(file, new Map([[1, crypto.randomBytes(32)]]));
    options.onCreate?.(file);
  }
  return readKeyFile(file);
}

export function generateMasterKey(): string {
  return crypto.randomBytes(32).toString('base64');
}

/**
 * The audit chain's key (HMAC-SHA-256): from HARBOUR_AUDIT_KEY, or `audit.key` in the data
 * directory, created on first start. Held like the master key and never in the database, so
 * whoever controls the database alone cannot rewrite the chain and make it verify again.
 */
export function loadAuditKey(options: { auditKey?: string | undefined; dataDir: string; onCreate?: (file: string) => void }): Buffer {
  if (options.auditKey) return decodeKey(options.auditKey, 'HARBOUR_AUDIT_KEY');
  const file = path.join(options.dataDir, 'audit.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, `${crypto.randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    options.onCreate?.(file);
  }
  return decodeKey(fs.readFileSync(file, 'utf8').trim(), file);
}

/**
 * Starts using the newest master key: with the key file a new version is made first; every
 * agency data key is re-wrapped with the newest; with the key file the older versions are then
 * dropped. `dataKeys` also gives each agency a new data key for new values. Audited.
 */
export async function rotateMasterKey(deps: Deps, options: { dataKeys: boolean }): Promise<{ rewrapped: number; added: number }> {
  const { keyring, kysely } = deps;
  if (keyring.source === 'key file' && keyring.file) {
    const next = keyring.current + 1;
    keyring.keys.set(next, Buffer.from(generateMasterKey(), 'base64'));
    keyring.current = next;
    writeKeyFile(keyring.file, keyring.keys);
  }
  const rewrapped = await rewrapAllDataKeys(kysely, keyring);
  if (keyring.source === 'key file' && keyring.file) {
    writeKeyFile(keyring.file, new Map([[keyring.current, keyring.keys.get(keyring.current) as Buffer]]));
  }
  let added = 0;
  if (options.dataKeys) {
    const agencies = await allAgencyIds(kysely);
    for (const id of agencies) await deps.crypto.createAgencyKey(id);
    added = agencies.length;
  }
  await recordAudit(deps, {
    action: 'system.keys_rotate',
    outcome: 'ok',
    details: { masterVersion: keyring.current, rewrapped, newDataKeys: added },
  });
  return { rewrapped, added };
}
