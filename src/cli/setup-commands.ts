import { isEmpty } from '../modules/accounts/index.js';
import { seedSynthetic } from '../modules/directory/index.js';
import { AppError } from '../platform/errors.js';
import type { Command } from './commands.js';
import { loadSample, printSampleSignIn, say } from './helpers.js';
import { progressBar } from './progress.js';
import { serve } from './serve.js';

/** `harbour` commands: serve, migrate and seed: what starts an installation. */
export const setupCommands: Record<string, Command> = {
  serve: {
    summary: 'migrate, load the sample network into an empty embedded database, and serve Harbour',
    run: async (runtime) => {
      await serve(runtime);
      return 'keep-open';
    },
  },
  migrate: {
    summary: 'bring the database schema up to date (serve does this too)',
    run: async (runtime) => {
      say(runtime.migrated.length ? `applied: ${runtime.migrated.join(', ')}` : 'the schema is up to date');
    },
  },
  seed: {
    summary: 'load the sample network into an empty database, or --synthetic N service points for load tests',
    usage: '[--synthetic N]',
    help: 'Synthetic service points are named "Synthetic …", marked as sample data, and can be added to any database.',
    options: { synthetic: { type: 'string' } },
    run: async (runtime, values) => {
      if (values.synthetic !== undefined) {
        const count = Number(values.synthetic);
        if (!Number.isInteger(count) || count < 1 || count > 1_000_000)
          throw new AppError('bad_request', '--synthetic: a whole number from 1 to 1000000');
        await seedSynthetic(runtime.deps, count, { onProgress: progressBar('service points', count) });
        say(`added ${count} synthetic service points`);
        return;
      }
      if (!(await isEmpty(runtime.deps)))
        throw new AppError('conflict', 'the database already holds agencies; the sample network goes into an empty one');
      await loadSample(runtime.deps);
      printSampleSignIn(runtime);
    },
  },
};
