/**
 * @module Reading a scenario's negative control (NegativeControl, scenarios/types.ts): the controls
 * that fail it, or the reason none can. The catalog page and the control lists of fixtures/ read it
 * through these two functions only.
 */
import type { ControlRef, NegativeControl, Scenario } from './types.js';

type NoControl = Exclude<NegativeControl, readonly ControlRef[]>;

function isNoControl(control: NegativeControl): control is NoControl {
  return 'none' in control;
}

/** The controls a scenario names (none for an info scenario or one that no control can fail). */
export function controlRefs(scenario: Pick<Scenario, 'control'>): readonly ControlRef[] {
  const control = scenario.control;
  return control === undefined || isNoControl(control) ? [] : control;
}

/** Why no control can fail the scenario and what would give it one, when it says so. */
export function noControl(scenario: Pick<Scenario, 'control'>): NoControl | undefined {
  const control = scenario.control;
  return control !== undefined && isNoControl(control) ? control : undefined;
}
