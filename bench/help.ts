/**
 * The help form on a phone: what it weighs, and how long a person waits between pressing Send and
 * seeing the receipt — proof of work, the receipt's Argon2id, sealing to two keys and the request —
 * in Chromium with its CPU slowed 1×, 4× and 6× (DevTools' "low-end mobile" is 6×). Also the
 * proof of work alone in Node, over many challenges, since its cost is random by design.
 *
 *   npm run build:web && npx tsx bench/help.ts
 */
import crypto from 'node:crypto';
import path from 'node:path';
import zlib from 'node:zlib';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { newKeyPair, sealShare, toBase64, wrapWithPassphrase } from '../src/modules/help/envelope.js';
import { ProofOfWork } from '../src/modules/help/pow.js';
import { createIntakeKey, setStaffKey } from '../src/modules/help/service.js';
import { rightsContent } from '../src/modules/rights/index.js';
import { buildApp } from '../src/server.js';
import { launch } from '../test/support/browser.js';
import { openTestDb, TEST_AUDIT_KEY, testDeps, withRealClock } from '../test/support/db.js';
import { asActor, makeAccount, makeAgency } from '../test/support/factories.js';
import { say } from './engines.js';
import { percentile } from './figures.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

// The proof of work alone, in Node: how many hashes and how long, over 200 challenges.
const pow = new ProofOfWork(TEST_AUDIT_KEY);
const solveMs: number[] = [];
const counters: number[] = [];
for (let i = 0; i < 200; i++) {
  const challenge = await pow.challenge();
  const start = performance.now();
  const solution = await solveChallenge({ challenge, deriveKey });
  solveMs.push(performance.now() - start);
  counters.push(solution?.counter ?? 0);
}
say(
  'help: proof of work in Node (200 challenges)',
  `hashes median ${percentile(counters, 50)}, max ${Math.max(...counters)}; time median ${percentile(solveMs, 50).toFixed(0)} ms, p95 ${percentile(solveMs, 95).toFixed(0)} ms`,
);

const db = await openTestDb('embedded');
const deps = withRealClock(testDeps(db, { HARBOUR_MFA: 'optional' }));
const agencyId = (await makeAgency(deps, 'Bench agency')).id;
const admin = asActor(await makeAccount(deps, agencyId, ['agency_admin']));
const own = await newKeyPair();
await setStaffKey(deps, admin, {
  publicKey: toBase64(own.publicKey),
  wrappedPrivate: await wrapWithPassphrase(own.privateKey, 'bench passphrase'),
});
const intake = await newKeyPair();
const keyId = crypto.randomUUID();
await createIntakeKey(deps, admin, {
  id: keyId,
  inbox: 'agency',
  publicKey: toBase64(intake.publicKey),
  share: await sealShare(keyId, admin.accountId, toBase64(own.publicKey), intake.privateKey),
  replace: false,
});

const app = await buildApp(deps, { webDir: path.resolve(import.meta.dirname, '..', 'web', 'dist') });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const body = async (url: string) => (await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } })).rawPayload;

const script = await body('/help-form/help.js');
const style = await body('/rights/assets/rights.css');
const exit = await body('/rights/assets/exit.js');
const brotli = (bytes: Buffer) => zlib.brotliCompressSync(bytes).length;
const gzip = (bytes: Buffer) => zlib.gzipSync(bytes).length;
say('help: form script (help.js), gzip / brotli', `${kb(gzip(script))} / ${kb(brotli(script))} (${kb(script.length)} raw)`);
for (const { code } of rightsContent().languages) {
  const page = await body(`/help/${code}`);
  const all = [page, style, exit, script];
  say(
    `help: /help/${code} with its style, exit and form scripts, gzip / brotli`,
    `${kb(all.reduce((n, b) => n + gzip(b), 0))} / ${kb(all.reduce((n, b) => n + brotli(b), 0))}`,
  );
}

const browser = await launch();
for (const rate of [1, 4, 6]) {
  const waits: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // The bench sends more than a person may in an hour: its own counter starts again each run.
    await deps.attempts.clear('help.submit', ['127.0.0.1']);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.goto(`${base}/help/es`);
    await page.locator('#show-places').click();
    await page.locator(`input[name="agency"][value="${agencyId}"]`).check();
    await page.locator('#reach-at').fill('519-555-0100');
    await page.locator('#message').fill('Necesito ayuda');
    const start = performance.now();
    await page.locator('#send').click();
    await page.locator('#sent').waitFor({ timeout: 60_000 });
    waits.push(performance.now() - start);
    await context.close();
  }
  say(
    `help: Send to receipt in Chromium, CPU ${rate}× slower (${RUNS} runs)`,
    `median ${percentile(waits, 50).toFixed(0)} ms, max ${Math.max(...waits).toFixed(0)} ms`,
  );
}
await browser.close();
await app.close();
await db.close();
