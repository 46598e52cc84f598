/**
 * @module `samlspec merge-reports <dirs...>`: the shard reports of a `--shard i/n` run (one directory
 * per CI job) joined into one set of reports, exiting as the whole run would have: 0, 1 for findings,
 * 2 when the harness could not judge — or when the shards do not belong together.
 */
import type { Command } from 'commander';
import { RUN_DEFAULTS } from '../run/run-config.js';
import { mergeReports } from '../run/merge-reports.js';
import { list } from '../options.js';
import { addOptionTable, type OptionSpec } from './option-table.js';

/** The reporting flags of `run`, for the merged run (their defaults are the run config's). */
export const MERGE_REPORTS_OPTIONS: readonly OptionSpec[] = [
  {
    flags: '--reporter <names>',
    description: `reporters for the merged run (repeatable or comma-separated; default ${RUN_DEFAULTS.reporters.join(',')})`,
    parse: list,
  },
  {
    flags: '--output-dir <dir>',
    description: `where the merged reports are written (default ${RUN_DEFAULTS.outputDir})`,
  },
  { flags: '--quiet', description: 'console: only the summary' },
];

export function registerMergeReportsCommand(program: Command): void {
  addOptionTable(
    program
      .command('merge-reports')
      .description(
        "join the JSON reports of a sharded run (--shard i/n) into one set of reports, with the whole run's exit code",
      )
      .argument(
        '<dirs...>',
        "the shards' report directories (each holding samlspec-report.json), or the JSON files",
      ),
    MERGE_REPORTS_OPTIONS,
  ).action(async (dirs: string[], flags: { reporter?: string[]; outputDir?: string; quiet?: boolean }) => {
    const log = (line: string): void => console.error(line);
    const result = await mergeReports(dirs, {
      reporters: flags.reporter ?? [...RUN_DEFAULTS.reporters],
      outputDir: flags.outputDir ?? RUN_DEFAULTS.outputDir,
      ...(flags.quiet ? { quiet: true } : {}),
      log,
    });
    for (const file of result.files) log(`samlspec: wrote ${file}`);
    process.exitCode = result.exitCode;
  });
}
