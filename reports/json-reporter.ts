/**
 * @module The JSON report, the source of truth (docs/contributing.md §3): the RunReport, pretty-printed,
 * with the evidence the policy keeps (lean-report.ts: by default passes and skips are compact records).
 * The other file reporters render the same object, so anything a CI job needs can be read from here.
 */
import { DEFAULT_EVIDENCE_POLICY, leanReport, type EvidencePolicy } from './lean-report.js';
import { outputPath, writeReportFile, type FileReporterOptions } from './output-file.js';
import type { Reporter, RunReport } from './types.js';

export const JSON_REPORT_FILE = 'samlspec-report.json';

export interface JsonReporterOptions extends FileReporterOptions {
  /** `failures` (default): passes and skips without their transcripts; `all`: every result's evidence. */
  evidence?: EvidencePolicy;
}

export class JsonReporter implements Reporter {
  readonly name = 'json';
  readonly #path: string;
  readonly #evidence: EvidencePolicy;

  constructor(options: JsonReporterOptions) {
    this.#path = outputPath(options, JSON_REPORT_FILE);
    this.#evidence = options.evidence ?? DEFAULT_EVIDENCE_POLICY;
  }

  async onRunEnd(report: RunReport): Promise<string[]> {
    const kept = leanReport(report, this.#evidence);
    return [await writeReportFile(this.#path, `${JSON.stringify(kept, null, 2)}\n`)];
  }
}
