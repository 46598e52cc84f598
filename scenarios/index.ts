/** @module The whole catalog: every group, in report order. */
import type { ScenarioGroup } from './define.js';
import type { Scenario } from './types.js';
import { groups as core } from './core/index.js';
import { groups as profiles } from './profiles/index.js';
import { groups as bindings } from './bindings/index.js';
import { groups as entra } from './entra/index.js';
import { groups as attacks } from './attacks/index.js';
import { groups as browser } from './browser/index.js';
import { groups as lifecycle } from './lifecycle/index.js';

export const groups: readonly ScenarioGroup[] = [
  ...core,
  ...profiles,
  ...bindings,
  ...entra,
  ...attacks,
  ...lifecycle,
  ...browser,
];

export const scenarios: readonly Scenario[] = groups.flatMap((g) => g.scenarios);

/** Scenarios whose id starts with any of the prefixes (all when none are given), h2spec-style. */
export function selectScenarios(prefixes: readonly string[]): Scenario[] {
  if (prefixes.length === 0) return [...scenarios];
  return scenarios.filter((s) => prefixes.some((p) => s.id.startsWith(p)));
}
