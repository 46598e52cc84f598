/**
 * @module What every phase after the main catalog (certificate rollover, single logout) is given by the
 * run: its planned runs, the time limit and stop signal, how a run that is not run or times out is
 * recorded, and where each result goes (the run's reporters and --max-failures count).
 */
import type { ScenarioResult } from '../../reports/types.js';
import type { PlannedRun } from './plan.js';
import { runPlan, type RunPlanOutcome } from './scheduler.js';

export interface PhaseContext {
  /** The phase's runs, planned and calibrated with the main plan (skips and inconclusive already set). */
  runs: readonly PlannedRun[];
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  skipped(run: PlannedRun): ScenarioResult;
  timedOut(run: PlannedRun, ms: number): ScenarioResult;
  onResult(result: ScenarioResult): Promise<void>;
}

/**
 * Runs `runs` one at a time: a phase's deliveries change state the next one's verdict leans on (the app's
 * certificates, the SP's sessions). Results go to `onResult` only when given: a step may hold them back.
 */
export function runPhasePlan(
  ctx: PhaseContext,
  runs: readonly PlannedRun[],
  execute: (run: PlannedRun) => Promise<ScenarioResult>,
  onResult: (result: ScenarioResult) => Promise<void> = () => Promise.resolve(),
): Promise<Pick<RunPlanOutcome, 'results' | 'interrupted'>> {
  return runPlan(runs, {
    workers: 1,
    timeoutMs: ctx.timeoutMs,
    signal: ctx.signal,
    execute,
    skipped: ctx.skipped,
    timedOut: ctx.timedOut,
    onResult,
  });
}
