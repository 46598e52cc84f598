/**
 * @module One scenario in one flow: start the login (SP-initiated: capture and check the SP's
 * AuthnRequest as Entra would), build the scenario's response, deliver it (twice for replays, into
 * another session for cross-session cases), ask the oracle, decide the outcome, keep the evidence.
 * Scenarios tagged `interactive-sign-in` (browser mode only) instead sign in on the mock IdP's own page,
 * and the IdP's real response is what the SP gets. A target that records evidence (the browser) adds
 * files (screenshot, trace) and notes (e.g. a cookie the browser withheld) to the result.
 * This is the entry point; the parts are variant-runs.ts (variants, the worst outcome), guarded-run.ts
 * and no-vacuous-pass.ts (the signing option, the baseline guard), run-once.ts (one run into a result,
 * with result-builders.ts), and judge-scenario.ts (the scenario's own way to the SP).
 */
import type { Flow, ScenarioResult, SpReplyEvidence } from '../../reports/types.js';
import type { Scenario } from '../../scenarios/types.js';
import { runGuarded } from './guarded-run.js';
import type { RunEnvironment } from './run-environment.js';
import { runVariants } from './variant-runs.js';

export { errorResult } from './result-builders.js';
export type { SpReplyEvidence };

/**
 * One scenario in one flow, under the no-vacuous-pass rule: a refusal is a `pass` only when the SP,
 * in the same flow and signing configuration, signs the baseline user in. A scenario with attack
 * variants delivers each, and passes only if every variant that applies to the SP is refused.
 */
export async function runScenario(
  scenario: Scenario,
  flow: Flow,
  env: RunEnvironment,
): Promise<ScenarioResult> {
  const result =
    scenario.variants && scenario.expect !== 'accept'
      ? await runVariants(scenario, scenario.variants, flow, env)
      : await runGuarded(scenario, flow, env);
  return scenario.fix ? { ...result, fix: scenario.fix } : result;
}
