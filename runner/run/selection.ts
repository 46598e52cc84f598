/**
 * @module Which scenarios a command selects — id prefixes, `--grep`, `--tag` — with one error for
 * `run`, `demo` and `list` when nothing matches, naming what was asked (and any tag the catalog does not
 * have, the likeliest typo).
 */
import { catalogTags, selectScenarios } from '../../scenarios/index.js';
import type { Scenario } from '../../scenarios/types.js';
import { HarnessError } from '../errors.js';

export interface Selection {
  scenarios: readonly string[];
  grep?: string | undefined;
  tags?: readonly string[] | undefined;
}

/** The selected scenarios in catalog order; none is a configuration error (exit 2). */
export function selectOrFail(selection: Selection): Scenario[] {
  const tags = selection.tags ?? [];
  const unknown = tags.filter((tag) => !catalogTags().includes(tag));
  if (unknown.length > 0 && unknown.length === tags.length)
    throw new HarnessError(
      'BAD_CONFIG',
      `no scenario has the tag ${unknown.join(', ')} (tags: ${catalogTags().join(', ')})`,
    );
  try {
    if (selection.grep !== undefined) new RegExp(selection.grep, 'i');
  } catch (error) {
    throw new HarnessError('BAD_CONFIG', `--grep ${selection.grep}: ${(error as Error).message}`);
  }
  const found = selectScenarios(selection.scenarios, { grep: selection.grep, tags });
  if (found.length === 0)
    throw new HarnessError(
      'BAD_CONFIG',
      `no scenario matches ${describeSelection(selection)} (see samlspec list)`,
    );
  return found;
}

export function describeSelection(selection: Selection): string {
  const parts = [
    ...(selection.scenarios.length > 0 ? [selection.scenarios.join(', ')] : []),
    ...(selection.grep !== undefined ? [`--grep ${selection.grep}`] : []),
    ...(selection.tags ?? []).map((tag) => `--tag ${tag}`),
  ];
  return parts.length > 0 ? parts.join(' ') : 'the catalog';
}
