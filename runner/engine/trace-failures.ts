/**
 * @module Playwright traces for the scenarios that fail, at the price of those alone. A trace cannot be
 * started after the fact, and recording one for every scenario (to keep it only on a failure) cost a
 * browser-mode scenario about as much as its own steps. So scenarios run untraced, and one that ends fail
 * or error runs once more, right after, on a target that traces: the same scenario, inputs and flow
 * (fresh ids and instants, as any delivery has). Its trace joins the first run's evidence; its outcome
 * does not replace the first one's verdict, and when it differs the result says so (a flaky SP, or one
 * whose state the first run changed).
 */
import type { Flow, ScenarioResult } from '../../reports/types.js';
import type { Scenario } from '../../scenarios/types.js';
import type { RunEnvironment } from './run-environment.js';
import { runScenario } from './run-scenario.js';
import { TRACED_OUTCOMES } from '../targets/browser/evidence.js';

export async function runScenarioTracingFailures(
  scenario: Scenario,
  flow: Flow,
  env: RunEnvironment,
): Promise<ScenarioResult> {
  const result = await runScenario(scenario, flow, env);
  if (!env.createTracedTarget || !TRACED_OUTCOMES.has(result.outcome)) return result;
  const repeat = await runScenario(scenario, flow, { ...env, createTarget: env.createTracedTarget });
  const traces = (repeat.evidence.artifacts ?? []).filter((path) => path.endsWith('.zip'));
  const artifacts = [...(result.evidence.artifacts ?? []), ...traces];
  const because =
    repeat.outcome === result.outcome
      ? ''
      : `; the traced repeat of this scenario ended ${repeat.outcome} (${repeat.actual})`;
  return {
    ...result,
    actual: `${result.actual}${because}`,
    evidence: artifacts.length > 0 ? { ...result.evidence, artifacts } : result.evidence,
  };
}
