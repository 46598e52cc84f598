/**
 * @module The end of a run (or of a shard merge): the report goes to every reporter, and the exit code
 * counts a reporter that failed as a harness problem (exit 2), since a missing report is not a finding.
 */
import type { Multiplexer } from '../../reports/index.js';
import type { RunReport } from '../../reports/types.js';
import { exitCodeFor } from './exit-code.js';

/** A finished run: the report as written, the exit code it stands for, and the files written. */
export interface ExecuteResult {
  report: RunReport;
  exitCode: number;
  files: readonly string[];
}

/** Writes `report` (already as reporters may see it) through every reporter. */
export async function finishRun(reporters: Multiplexer, report: RunReport): Promise<ExecuteResult> {
  const files = await reporters.onRunEnd(report);
  return { report, exitCode: exitCodeFor(report, reporters.failures.length > 0), files };
}
