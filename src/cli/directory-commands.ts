import fs from 'node:fs';
import { describeProblem, exportDirectory, importDirectory, importReport } from '../modules/directory/index.js';
import { AppError } from '../platform/errors.js';
import type { Command } from './commands.js';
import { positional, say } from './helpers.js';
import { progressBar } from './progress.js';

/** `harbour` commands: the directory exchanged as Open Referral HSDS. */
export const directoryCommands: Record<string, Command> = {
  'directory import': {
    summary: 'import an Open Referral HSDS package (3.0 or 2.0 CSV tables, or HSDS JSON) into the directory',
    usage: 'PATH [--agency SLUG] [--skip-invalid] [--report FILE]',
    help: [
      'PATH is a folder of HSDS CSV files (with or without datapackage.json), its datapackage.json, or an HSDS .json file.',
      'All or nothing: if any row is wrong, every problem is listed by file, line and field and nothing is imported.',
      '--skip-invalid imports the good rows and writes every problem to the report (default harbour-import-report.txt).',
      '--agency SLUG makes that agency the keeper of every imported organization.',
      'Rows whose ids are already in the directory are updated. See docs/directory.md for the columns read.',
    ].join('\n'),
    options: { agency: { type: 'string' }, 'skip-invalid': { type: 'boolean' }, report: { type: 'string' } },
    run: async (runtime, values, positionals) => {
      const source = positional(positionals, 'PATH (a folder of HSDS CSV files, its datapackage.json or an HSDS .json file)');
      let bar: ((done: number) => void) | undefined;
      const result = await importDirectory(runtime.deps, source, {
        skipInvalid: values['skip-invalid'] === true,
        ...(typeof values.agency === 'string' ? { agency: values.agency } : {}),
        onProgress: (done, total) => {
          if (total >= 2000) bar ??= progressBar('rows', total);
          bar?.(done);
        },
      });
      const reportFile =
        typeof values.report === 'string' ? values.report : values['skip-invalid'] ? 'harbour-import-report.txt' : undefined;
      if (reportFile) fs.writeFileSync(reportFile, importReport(source, result, runtime.deps.now()));
      for (const problem of result.problems.slice(0, 50)) process.stderr.write(`  ${describeProblem(problem)}\n`);
      if (result.problems.length > 50)
        process.stderr.write(
          `  … and ${result.problems.length - 50} more${reportFile ? ` in ${reportFile}` : ' (--report FILE lists them all)'}\n`,
        );
      if (!result.imported) {
        throw new AppError(
          'bad_request',
          `nothing imported: ${result.problems.length} problem(s) in ${source}; fix them, or use --skip-invalid to import the rest`,
        );
      }
      for (const note of result.notes) say(`not kept: ${note}`);
      say(
        `imported ${result.organizations} organizations, ${result.servicePoints} locations and ${result.services} services from ${source} (${result.layout})`,
      );
      if (result.toReview > 0)
        say(
          `${result.toReview} service(s) had no category Harbour knows: kept "to review", listed for their keepers, not searchable until they choose one`,
        );
      if (result.problems.length > 0) say(`${result.problems.length} row(s) left out; see ${reportFile}`);
    },
  },
  'directory export': {
    summary: 'export the directory as an Open Referral HSDS 3.0 package (a folder of CSV files, or a .json file)',
    usage: 'PATH',
    help: 'PATH is a new or empty folder for the CSV tables and datapackage.json, or a file ending in .json for HSDS JSON. Confidential street addresses are never exported.',
    run: async (runtime, _values, positionals) => {
      const target = positional(positionals, 'PATH (a new folder, or a file ending in .json)');
      const result = await exportDirectory(runtime.deps, target);
      say(`exported ${result.organizations} organizations, ${result.servicePoints} locations and ${result.services} services to ${target}`);
    },
  },
};
