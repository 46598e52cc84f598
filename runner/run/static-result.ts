/**
 * @module Results for planned runs that never reached the SP: skipped (not applicable, or the profile or
 * mode rules them out), inconclusive (calibration found nothing to judge them against), or timed out.
 */
import type { Outcome, ScenarioResult } from '../../reports/types.js';
import type { PlannedRun } from './plan.js';
import { scenarioFields } from '../engine/result-fields.js';

/** A planned run that is not run: inconclusive when calibration said so, otherwise skipped with its reason. */
export function skippedResult(run: PlannedRun): ScenarioResult {
  return run.inconclusive
    ? staticResult(run, 'inconclusive', run.inconclusive)
    : staticResult(run, 'skipped', run.skip ?? 'not applicable');
}

/** A run that did not finish within the scenario time limit: a harness error, never a verdict on the SP. */
export function timedOutResult(run: PlannedRun, ms: number): ScenarioResult {
  return staticResult(run, 'error', `the scenario did not finish within ${ms} ms`, 'TIMEOUT');
}

function staticResult(
  run: PlannedRun,
  outcome: 'skipped' | 'error' | 'inconclusive',
  reason: string,
  code?: string,
): ScenarioResult {
  return unrunResult(run, outcome, reason, code ? { error: { code, message: reason } } : {});
}

/** A result for a planned run that never reached the SP: the scenario's own fields, no evidence. */
export function unrunResult(
  run: PlannedRun,
  outcome: Outcome,
  actual: string,
  extra: Pick<ScenarioResult, 'notRun' | 'error'> = {},
): ScenarioResult {
  // Field order as reports have always written it: the outcome right after what the scenario expects.
  const { id, flow, level, expect, ...about } = scenarioFields(run.scenario, run.flow);
  return {
    id,
    flow,
    level,
    expect,
    outcome,
    ...(extra.notRun ? { notRun: extra.notRun } : {}),
    ...about,
    durationMs: 0,
    expected: [],
    actual,
    ...(extra.error ? { error: extra.error } : {}),
    evidence: {},
  };
}
