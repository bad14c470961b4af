import type { Engine } from '../src/db/connect.js';

/**
 * What every benchmark shares: the PostgreSQL server to measure as well (BENCH_DATABASE_URL or
 * TEST_DATABASE_URL; each run makes its own database there), the engines to run on
 * (BENCH_ENGINES=postgres for the server alone), and one figure a line.
 */
export const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (serverUrl) process.env.TEST_DATABASE_URL = serverUrl;

const only = process.env.BENCH_ENGINES?.split(',');
export const engines: Engine[] = (['pglite', ...(serverUrl ? (['postgres'] as const) : [])] as Engine[]).filter(
  (engine) => !only || only.includes(engine),
);

export const say = (name: string, value: string, width = 64) => process.stdout.write(`${name.padEnd(width)} ${value}\n`);
