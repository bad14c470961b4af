import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEmbedded, removeDataDir } from '../../src/db/embedded.js';
import { createMigratedTemplate, dropDatabase } from './templates.js';

export interface TestServers {
  /** The run's embedded PostgreSQL, its `postgres` database (to create others from). */
  embeddedUrl: string;
  /** A migrated database on each engine, copied for every test database. */
  templates: { embedded: string; postgres?: string };
}

/**
 * One embedded PostgreSQL for a whole run, and a migrated template database there and on the
 * TEST_DATABASE_URL server, so each test database is a copy made in milliseconds instead of a
 * run of every migration. Tests turn durability off (their data is thrown away); benchmarks keep it.
 */
export async function startTestServers(options: { durable: boolean }): Promise<{ servers: TestServers; close(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-test-pg-'));
  const server = await openEmbedded({ dataDir, mode: 'serve', durable: options.durable });
  const name = `harbour_template_${crypto.randomBytes(4).toString('hex')}`;
  const embeddedUrl = server.urlOf('postgres');
  const serverUrl = process.env.TEST_DATABASE_URL;
  const templates = {
    embedded: await createMigratedTemplate(embeddedUrl, name),
    ...(serverUrl ? { postgres: await createMigratedTemplate(serverUrl, name) } : {}),
  };
  return {
    servers: { embeddedUrl, templates },
    close: async () => {
      if (serverUrl) await dropDatabase(serverUrl, name).catch(() => {});
      await server.close();
      removeDataDir(dataDir);
    },
  };
}
