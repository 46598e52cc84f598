/**
 * @module `samlspec merge-reports <dirs...>`: the shard reports of a `--shard i/n` run (one directory
 * per CI job) joined into one set of reports, exiting as the whole run would have: 0, 1 for findings,
 * 2 when the harness could not judge — or when the shards do not belong together.
 */
import type { Command } from 'commander';
import { DEFAULT_REPORTERS } from '../run/run-config.js';
import { mergeReports } from '../run/merge-reports.js';
import { list } from '../options.js';

export function registerMergeReportsCommand(program: Command): void {
  program
    .command('merge-reports')
    .description(
      "join the JSON reports of a sharded run (--shard i/n) into one set of reports, with the whole run's exit code",
    )
    .argument(
      '<dirs...>',
      "the shards' report directories (each holding samlspec-report.json), or the JSON files",
    )
    .option(
      '--reporter <names>',
      `reporters for the merged run (repeatable or comma-separated; default ${DEFAULT_REPORTERS.join(',')})`,
      list,
    )
    .option('--output-dir <dir>', 'where the merged reports are written (default reports-out)')
    .option('--quiet', 'console: only the summary')
    .action(async (dirs: string[], flags: { reporter?: string[]; outputDir?: string; quiet?: boolean }) => {
      const log = (line: string): void => console.error(line);
      const result = await mergeReports(dirs, {
        reporters: flags.reporter ?? [...DEFAULT_REPORTERS],
        outputDir: flags.outputDir ?? 'reports-out',
        ...(flags.quiet ? { quiet: true } : {}),
        log,
      });
      for (const file of result.files) log(`samlspec: wrote ${file}`);
      process.exitCode = result.exitCode;
    });
}
