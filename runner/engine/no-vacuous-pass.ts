/**
 * @module The no-vacuous-pass rule: a refusal is a `pass` only when the SP, in the same flow and signing
 * configuration, signs the baseline user in (the calibration gate says so). Otherwise the result is
 * `skipped` as not applicable, never `pass`: an SP that refuses everything proves nothing by refusing.
 */
import type { Flow, ScenarioResult, SigningOption } from '../../reports/types.js';
import type { Scenario } from '../../scenarios/types.js';
import { SP_INITIATED_ONLY_TAG } from '../run/plan.js';
import type { RunEnvironment } from './run-environment.js';
import { PORTAL_LABEL, flowOptionFor, judgedOption } from './signing-options.js';

/**
 * The flow whose baseline a verdict leans on. The checks that an SP which takes only SP-initiated
 * sign-in refuses unsolicited responses lean on its SP-initiated baseline: its IdP-initiated one is
 * refused by design.
 */
export function referenceFlow(scenario: Scenario, flow: Flow): Flow {
  return flow === 'idp-initiated' && scenario.tags?.includes(SP_INITIATED_ONLY_TAG) ? 'sp-initiated' : flow;
}

/** Whether a refusal of this scenario proves anything: the SP must accept the same configuration's baseline. */
export async function applicability(
  scenario: Scenario,
  flow: Flow,
  env: RunEnvironment,
): Promise<{ applies: boolean; option?: SigningOption; why?: string }> {
  const gate = env.baseline;
  if (!gate || scenario.expect === 'accept' || scenario.lifecycle) return { applies: true };
  const refFlow = referenceFlow(scenario, flow);
  const flowOption = gate.optionFor(refFlow);
  if (!flowOption)
    return { applies: false, why: `the SP was never seen to sign the baseline user in (${refFlow})` };
  const option = judgedOption(scenario.response, flowOptionFor(scenario, flowOption));
  if (await gate.accepts(refFlow, option)) return { applies: true, option };
  return {
    applies: false,
    option,
    why: `the SP refuses even the baseline signed "${PORTAL_LABEL[option]}" (${refFlow}; the run uses "${PORTAL_LABEL[flowOption]}"), so a refusal here proves nothing`,
  };
}

/** A `pass` kept only where the scenario applies; otherwise `skipped`, saying why. */
export async function guardPass(
  result: ScenarioResult,
  scenario: Scenario,
  flow: Flow,
  env: RunEnvironment,
): Promise<ScenarioResult> {
  if (result.outcome !== 'pass') return result;
  const { applies, why } = await applicability(scenario, flow, env);
  if (applies) return result;
  return { ...result, outcome: 'skipped', actual: `not applicable to this SP: ${why}` };
}
