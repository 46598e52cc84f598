/**
 * @module One scenario (no variants) run once and held to the no-vacuous-pass rule, signed with the
 * flow's calibrated option unless the scenario chooses its own; the result names the option used.
 */
import type { Flow, ScenarioResult, SigningOption } from '../../reports/types.js';
import type { Scenario } from '../../scenarios/types.js';
import { guardPass, referenceFlow } from './no-vacuous-pass.js';
import type { RunEnvironment } from './run-environment.js';
import { runOnce } from './run-once.js';
import { AS_CONFIGURED_TAG, flowOptionFor } from './signing-options.js';

export async function runGuarded(
  scenario: Scenario,
  flow: Flow,
  env: RunEnvironment,
): Promise<ScenarioResult> {
  const option = signingOptionFor(scenario, flow, env);
  const result = await runOnce(scenario, flow, env, option);
  const judged = await guardPass(result, scenario, flow, env);
  const signed = scenario.response?.sign;
  const used = signed && signed !== 'none' ? signed : option;
  return used ? { ...judged, signingOption: used } : judged;
}

/** The option the response is signed with when the scenario does not choose one: the flow's calibrated one. */
function signingOptionFor(scenario: Scenario, flow: Flow, env: RunEnvironment): SigningOption | undefined {
  if (scenario.tags?.includes(AS_CONFIGURED_TAG)) return undefined;
  const option = env.baseline?.optionFor(referenceFlow(scenario, flow));
  return option && flowOptionFor(scenario, option);
}
