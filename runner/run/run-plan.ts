/**
 * @module Runs a plan with a bounded number of concurrent workers, a time limit per scenario, and a
 * stop signal (Ctrl-C, a dying SP): whatever finished is kept, in plan order, and reporters hear
 * about each result as it ends.
 */
import type { ScenarioResult } from '../../reports/types.js';
import type { PlannedRun } from './plan.js';

export interface RunPlanOptions {
  workers: number;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  execute(run: PlannedRun): Promise<ScenarioResult>;
  skipped(run: PlannedRun): ScenarioResult;
  timedOut(run: PlannedRun, ms: number): ScenarioResult;
  onResult?(result: ScenarioResult): void | Promise<void>;
}

export interface RunPlanOutcome {
  results: ScenarioResult[];
  interrupted: boolean;
}

export async function runPlan(plan: readonly PlannedRun[], options: RunPlanOptions): Promise<RunPlanOutcome> {
  const results: (ScenarioResult | undefined)[] = new Array(plan.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plan.length && !options.signal?.aborted) {
      const index = next++;
      const run = plan[index]!;
      const result = run.skip ? options.skipped(run) : await withTimeout(run, options);
      results[index] = result;
      await options.onResult?.(result);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(options.workers, plan.length)) }, worker);
  await Promise.race([Promise.all(workers), aborted(options.signal)]);
  const done = results.filter((r): r is ScenarioResult => r !== undefined);
  return { results: done, interrupted: done.length < plan.length };
}

async function withTimeout(run: PlannedRun, options: RunPlanOptions): Promise<ScenarioResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ScenarioResult>((resolve) => {
    timer = setTimeout(() => resolve(options.timedOut(run, options.timeoutMs)), options.timeoutMs);
  });
  try {
    return await Promise.race([options.execute(run), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function aborted(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise(() => undefined);
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
