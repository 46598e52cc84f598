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

/** Filters beside id prefixes (Playwright's --grep, tags): each one given must match. */
export interface ScenarioFilter {
  /** A regular expression (case-insensitive) tested against the id and the title. */
  grep?: string | undefined;
  /** Any of these tags. */
  tags?: readonly string[] | undefined;
}

/**
 * Scenarios whose id starts with any of the prefixes (all when none are given), h2spec-style, that
 * also match the filter's grep and carry one of its tags; in catalog order.
 */
export function selectScenarios(prefixes: readonly string[], filter: ScenarioFilter = {}): Scenario[] {
  const grep = filter.grep ? new RegExp(filter.grep, 'i') : undefined;
  const tags = filter.tags ?? [];
  return scenarios.filter(
    (s) =>
      (prefixes.length === 0 || prefixes.some((p) => s.id.startsWith(p))) &&
      (!grep || grep.test(s.id) || grep.test(s.title)) &&
      (tags.length === 0 || tags.some((tag) => (s.tags ?? []).includes(tag))),
  );
}

/** Every tag the catalog uses, sorted: what `--tag` accepts. */
export function catalogTags(): string[] {
  return [...new Set(scenarios.flatMap((s) => s.tags ?? []))].sort();
}
