/**
 * @module The exit code a finished run stands for (docs: 0 no findings, 1 findings, 2 the harness could
 * not judge). Computed here for a single run and for merged shard reports alike; only the CLI exits.
 */
import type { RunReport } from '../../reports/types.js';
import { EXIT } from '../errors.js';

/** 1 for findings (a failed must; with --strict also a broken should); 2 when the harness could not judge. */
export function exitCodeFor(report: RunReport, reporterFailed: boolean): number {
  if (report.summary.runError) return EXIT.harness;
  // Stopped by --max-failures: what ran is judged as usual (the findings make it 1).
  const interrupted = report.interrupted && !report.interruptedBy;
  if (reporterFailed || interrupted || report.summary.errors > 0 || report.summary.inconclusive > 0)
    return EXIT.harness;
  if (report.summary.failed > 0 || (report.strict && report.summary.nonStrict > 0)) return EXIT.findings;
  return EXIT.ok;
}
