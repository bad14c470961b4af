import { isEmpty } from '../modules/accounts/index.js';
import { parseListen, startMailReceiver } from '../modules/groups/index.js';
import type { Runtime } from '../runtime.js';
import { buildApp } from '../server.js';
import { loadSample, printSampleSignIn, say } from './helpers.js';
import { startJobs } from './jobs.js';

export async function serve(runtime: Runtime): Promise<void> {
  const { deps } = runtime;
  const { config } = deps;
  const seedDefault = deps.db.engine === 'embedded' ? 'true' : 'false';
  if ((config.HARBOUR_SEED_SAMPLE ?? seedDefault) === 'true' && (await isEmpty(deps))) {
    await loadSample(deps);
    say('Loaded the sample network (sample data, marked as such).');
  }
  const app = await buildApp(deps, { logger: config.LOG_LEVEL !== 'silent' });
  await app.listen({ port: config.PORT, host: config.HOST });

  const where =
    deps.db.engine === 'embedded' ? `its embedded PostgreSQL (data in ${config.dataDir}/pg)` : 'the PostgreSQL server in DATABASE_URL';
  say('');
  say(`Harbour is serving at http://localhost:${config.PORT} (bound to ${config.HOST}:${config.PORT}) on ${where}.`);
  say(`Sign in at http://localhost:${config.PORT}/sign-in`);
  printSampleSignIn(runtime);
  if (config.HARBOUR_MFA === 'optional') {
    say('');
    say('!!! HARBOUR_MFA=optional: accounts that can see case data may sign in WITHOUT a second factor.');
    say('!!! This is for a local trial only. Never run a real network like this.');
  } else {
    say('Each of these accounts sets up an authenticator app at first sign-in (for a trial without one: HARBOUR_MFA=optional npm start).');
  }

  if (!config.HARBOUR_SMTP_URL)
    say('No HARBOUR_SMTP_URL: emails (reminders, referral notices) wait in the outbox (read it with `harbour outbox`).');
  const stopJobs = startJobs(deps, (line) => app.log.warn(line));
  const receiver = config.HARBOUR_MAIL_LISTEN
    ? await startMailReceiver(deps, parseListen(config.HARBOUR_MAIL_LISTEN), (line) => app.log.info(line))
    : undefined;
  if (receiver) say(`Receiving the working groups' mail by SMTP on port ${receiver.port}.`);

  const stop = async () => {
    stopJobs();
    await receiver?.close();
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  stopWhenOrphaned(stop);
}

/**
 * `npm start` runs Harbour under npm (and a shell); when those are killed without passing the
 * signal on, Harbour would go on serving — and holding the embedded database's lock — with no one
 * to stop it. It stops when its parent changes. Started directly by a service manager, the parent
 * never changes, and this never fires.
 */
function stopWhenOrphaned(stop: () => Promise<void>): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop();
  }, 2000).unref();
}
