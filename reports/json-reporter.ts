/**
 * @module The JSON report, the source of truth (docs/contributing.md §3): the RunReport as it is, pretty-printed.
 * The other file reporters render the same object, so anything a CI job needs can be read from here.
 */
import { outputPath, writeReportFile, type FileReporterOptions } from './output-file.js';
import type { Reporter, RunReport } from './types.js';

export const JSON_REPORT_FILE = 'samlspec-report.json';

export type JsonReporterOptions = FileReporterOptions;

export class JsonReporter implements Reporter {
  readonly name = 'json';
  readonly #path: string;

  constructor(options: JsonReporterOptions) {
    this.#path = outputPath(options, JSON_REPORT_FILE);
  }

  async onRunEnd(report: RunReport): Promise<string[]> {
    return [await writeReportFile(this.#path, `${JSON.stringify(report, null, 2)}\n`)];
  }
}
