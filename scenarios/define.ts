/** @module defineScenarios(): gives each scenario of a themed file its id `<prefix>/<slug>`. */
import type { Scenario, ScenarioInput } from './types.js';

export interface ScenarioGroup {
  readonly prefix: string;
  readonly scenarios: readonly Scenario[];
}

export function defineScenarios(prefix: string, inputs: readonly ScenarioInput[]): ScenarioGroup {
  return {
    prefix,
    scenarios: inputs.map(({ slug, ...rest }) => ({
      ...rest,
      id: `${prefix}/${slug}`,
      flows: rest.flows ?? ['sp-initiated', 'idp-initiated'],
    })),
  };
}
