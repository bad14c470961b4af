import type { Engine } from '../src/db/connect.js';
import { setTestServers } from '../test/support/db.js';
import { startTestServers } from '../test/support/servers.js';

/**
 * What every benchmark shares: the PostgreSQL server to measure as well (BENCH_DATABASE_URL or
 * TEST_DATABASE_URL; each run makes its own database there), an embedded PostgreSQL of its own
 * (durable, as `npm start` runs it), the engines to run on (BENCH_ENGINES=postgres for the
 * server alone), and one figure a line.
 */
export const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (serverUrl) process.env.TEST_DATABASE_URL = serverUrl;

const only = process.env.BENCH_ENGINES?.split(',');
export const engines: Engine[] = (['embedded', ...(serverUrl ? (['postgres'] as const) : [])] as Engine[]).filter(
  (engine) => !only || only.includes(engine),
);

const started = await startTestServers({ durable: true });
setTestServers(started.servers);
process.once('beforeExit', () => void started.close());

export { say } from './figures.js';
