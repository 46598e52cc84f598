/**
 * @module Test helper: an attack variant as the single scenario the engine delivers for it (the
 * variant's overrides merged over the scenario's, its mutations instead of the scenario's), so mutation
 * and control tests build exactly what a run sends for that variant.
 */
import type { AttackVariant, Scenario } from '../types.js';

export function asScenario(scenario: Scenario, variant: AttackVariant): Scenario {
  const { variants: _variants, ...rest } = scenario;
  return {
    ...rest,
    response: { ...scenario.response, ...variant.response },
    mutations: variant.mutations ?? scenario.mutations ?? [],
  };
}

/** The scenario for the variant named `name` (throws if the scenario has no such variant). */
export function variantOf(scenario: Scenario, name: string): Scenario {
  const variant = scenario.variants?.find((v) => v.name === name);
  if (!variant) throw new Error(`${scenario.id} has no variant "${name}"`);
  return asScenario(scenario, variant);
}

/** Every variant's name and scenario, in order ([] for a scenario without variants). */
export function variantsOf(scenario: Scenario): Array<[string, Scenario]> {
  return (scenario.variants ?? []).map((v) => [v.name, asScenario(scenario, v)]);
}
