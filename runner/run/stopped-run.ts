/**
 * @module A run that stopped as a whole (before or between scenarios: the SP unreachable, Entra refusing
 * the AuthnRequest, bad config, the harness failing): CI still gets every report, holding what finished
 * and the reason as the run's error, and the caller still gets the error (exit 2).
 */
import type { Multiplexer } from '../../reports/index.js';
import type { FlowCalibration, ReportShard, RunError, ScenarioResult } from '../../reports/types.js';
import { MockIdpError } from '../../mock-idp/internal.js';
import { HarnessError } from '../errors.js';
import { buildReport, markShard } from './build-report.js';
import type { PreparedIdp } from './prepare-idp.js';
import type { ReportView } from './run-reporters.js';
import type { RunConfig } from './run-config.js';

/** What a run had got to when it stopped. */
export interface RunSoFar {
  startedAt: Date;
  /** Results the reporters were given, in the order they finished. */
  finished: readonly ScenarioResult[];
  idp?: PreparedIdp | undefined;
  calibration?: readonly FlowCalibration[] | undefined;
  shard?: ReportShard | undefined;
}

export interface StoppedRunOptions {
  describeTarget?: string | undefined;
  notes?: readonly string[] | undefined;
  log?: ((line: string) => void) | undefined;
}

/** Writes every report for a run stopped by `error`; the caller rethrows it. */
export async function reportStoppedRun(
  error: unknown,
  config: RunConfig,
  reporters: Multiplexer,
  view: ReportView,
  run: RunSoFar,
  options: StoppedRunOptions,
): Promise<void> {
  const { idp } = run;
  const stopped = buildReport(config, {
    description: options.describeTarget ?? (idp ? `SP ${idp.sp.entityId}` : describeSp(config)),
    idp,
    startedAt: run.startedAt,
    results: [...run.finished],
    interrupted: false,
    notes: [...(idp?.notes ?? []), ...(options.notes ?? [])],
    runError: runErrorOf(error),
  });
  if (run.calibration && run.calibration.length > 0) stopped.calibration = [...run.calibration];
  markShard(stopped, run.shard);
  const files = await reporters.onRunEnd(view.report(stopped));
  for (const file of files) options.log?.(`samlspec: wrote ${file}`);
}

/** The run-level error as reports show it: harness codes as they are; anything else is the harness's own fault. */
function runErrorOf(error: unknown): RunError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof HarnessError) return { code: error.code, message };
  if (error instanceof MockIdpError) return { code: 'IDP_FAILED', message };
  return { code: 'INTERNAL', message };
}

function describeSp(config: RunConfig): string {
  return `SP ${config.sp.entityId ?? config.sp.metadata ?? config.sp.loginUrl ?? '(not configured)'}`;
}
