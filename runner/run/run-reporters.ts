/**
 * @module The reporters a run (or a shard merge) writes through: every selected reporter behind one
 * Multiplexer, each failure logged as it happens, and what they are given redacted unless the run keeps
 * secrets (the SP's session cookies stay out of reports unless asked for).
 */
import { createReporters, Multiplexer } from '../../reports/index.js';
import type { RunReport, ScenarioResult } from '../../reports/types.js';
import { redactReport, redactResult } from './redact-secrets.js';

type ReporterOptions = Parameters<typeof createReporters>[1];

/** The selected reporters behind one Multiplexer; a reporter's failure is logged, and the others go on. */
export function openReporters(
  names: readonly string[],
  options: ReporterOptions,
  log: ((line: string) => void) | undefined,
): Multiplexer {
  return new Multiplexer(createReporters(names, options), {
    onReporterError: (f) => log?.(`samlspec: reporter ${f.reporter} failed in ${f.hook}: ${f.message}`),
  });
}

/** What reporters may see of a run: as it is with keepSecrets, otherwise with secrets redacted. */
export interface ReportView {
  result(result: ScenarioResult): ScenarioResult;
  report(report: RunReport): RunReport;
}

export function reportView(keepSecrets: boolean): ReportView {
  return keepSecrets
    ? { result: (r) => r, report: (r) => r }
    : { result: redactResult, report: redactReport };
}
