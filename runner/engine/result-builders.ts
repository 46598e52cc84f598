/**
 * @module The pieces a scenario run's result is built from: the base every result of the run shares
 * (its scenario's fields and the evidence gathered), the skeleton of a result nothing was run for, and
 * a harness error as an outcome (`error`, with its code and an inconclusive verdict).
 */
import type { Evidence, Flow, ScenarioResult, Verdict } from '../../reports/types.js';
import type { Scenario } from '../../scenarios/types.js';
import { HarnessError } from '../errors.js';
import { scenarioFields } from './result-fields.js';

/** A result with nothing run: no time spent, nothing expected, no evidence. */
export function resultSkeleton(scenario: Scenario, flow: Flow): Omit<ScenarioResult, 'outcome' | 'actual'> {
  return { ...resultBase(scenario, flow, {}), durationMs: 0, expected: [] };
}

/** What every result of this scenario run says before it is judged. */
export function resultBase(
  scenario: Scenario,
  flow: Flow,
  evidence: Evidence,
): Omit<ScenarioResult, 'outcome' | 'durationMs' | 'expected' | 'actual'> {
  return { ...scenarioFields(scenario, flow), evidence };
}

export function errorResult(
  error: unknown,
): Pick<ScenarioResult, 'outcome' | 'expected' | 'actual' | 'error' | 'verdict'> {
  const code = error instanceof HarnessError ? error.code : 'SCENARIO_INVALID';
  const message = error instanceof Error ? error.message : String(error);
  const verdict: Verdict = { login: 'inconclusive', because: message };
  return {
    outcome: 'error',
    expected: [],
    actual: `harness error: ${message}`,
    error: { code, message },
    verdict,
  };
}
