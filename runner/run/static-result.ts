/**
 * @module Results for planned runs that never reached the SP: skipped (not applicable, or the profile or
 * mode rules them out), inconclusive (calibration found nothing to judge them against), or timed out.
 */
import type { ScenarioResult } from '../../reports/types.js';
import type { PlannedRun } from './plan.js';

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
  const s = run.scenario;
  return {
    id: s.id,
    flow: run.flow,
    level: s.level,
    expect: s.expect,
    outcome,
    title: s.title,
    requirement: s.requirement,
    refs: [...s.refs],
    tags: [...(s.tags ?? [])],
    durationMs: 0,
    expected: [],
    actual: reason,
    ...(code ? { error: { code, message: reason } } : {}),
    evidence: {},
  };
}
