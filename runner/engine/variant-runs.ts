/**
 * @module A forgery with attack variants: each variant runs as a scenario of its own (same flow, fresh
 * session), those that do not apply to the SP are skipped, and the worst outcome is the scenario's —
 * a failure names the variant that got through.
 */
import type { Flow, ScenarioResult } from '../../reports/types.js';
import type { AttackVariant, Scenario } from '../../scenarios/types.js';
import { runGuarded } from './guarded-run.js';
import { applicability } from './no-vacuous-pass.js';
import { resultSkeleton } from './result-builders.js';
import type { RunEnvironment } from './run-environment.js';

/**
 * Each variant is a scenario of its own (same flow, fresh session). The worst applicable outcome is
 * the scenario's; the variant that got through is named.
 */
export async function runVariants(
  scenario: Scenario,
  variants: readonly AttackVariant[],
  flow: Flow,
  env: RunEnvironment,
): Promise<ScenarioResult> {
  const tried: NonNullable<ScenarioResult['variants']> = [];
  let worst: { result: ScenarioResult; name: string } | undefined;
  for (const variant of variants) {
    const { variants: _all, ...rest } = scenario;
    const single: Scenario = {
      ...rest,
      response: { ...scenario.response, ...variant.response },
      mutations: variant.mutations ?? scenario.mutations ?? [],
    };
    const { applies, why } = await applicability(single, flow, env);
    if (!applies) {
      tried.push({ name: variant.name, outcome: 'skipped', actual: `not applicable: ${why}` });
      continue;
    }
    const result = await runGuarded(single, flow, env);
    tried.push({ name: variant.name, outcome: result.outcome, actual: result.actual });
    if (!worst || severity(result.outcome) > severity(worst.result.outcome))
      worst = { result, name: variant.name };
  }
  if (!worst) {
    const base = resultSkeleton(scenario, flow);
    return {
      ...base,
      outcome: 'skipped',
      actual: `not applicable to this SP: no variant applies (${tried.map((t) => `${t.name}: ${t.actual}`).join('; ')})`,
      variants: tried,
    };
  }
  const failed = worst.result.outcome === 'fail' || worst.result.outcome === 'non-strict';
  return {
    ...worst.result,
    variants: tried,
    ...(failed
      ? { variant: worst.name, actual: `variant "${worst.name}" got through: ${worst.result.actual}` }
      : {}),
  };
}

/** How bad an outcome is, to pick the worst variant: a failure outweighs an error, an error a pass. */
const SEVERITY: Readonly<Record<ScenarioResult['outcome'], number>> = {
  skipped: 0,
  pass: 1,
  info: 2,
  inconclusive: 3,
  error: 4,
  'non-strict': 5,
  fail: 6,
};
const severity = (o: ScenarioResult['outcome']): number => SEVERITY[o];
