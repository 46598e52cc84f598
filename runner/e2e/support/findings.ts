/**
 * @module A run's findings as `<scenario id>@<flow>` keys, and the difference from an expectation in a
 * form a failing test can print: each unexpected or missing finding with what the SP actually did.
 */
import type { RunReport, ScenarioResult } from '../../../reports/types.js';

export function resultKey(result: Pick<ScenarioResult, 'id' | 'flow'>): string {
  return `${result.id}@${result.flow}`;
}

/** The results that are findings: `fail` (a broken must) and `non-strict` (a broken should). */
export function findingKeys(report: RunReport): string[] {
  return report.results.filter((r) => r.outcome === 'fail' || r.outcome === 'non-strict').map(resultKey);
}

/** The harness errors and inconclusive runs, each with its message: there must be none. */
export function harnessErrors(report: RunReport): string[] {
  return report.results
    .filter((r) => r.outcome === 'error' || r.outcome === 'inconclusive')
    .map((r) => `${resultKey(r)}: ${r.error?.code ?? 'ERROR'} ${r.actual}`);
}

export interface FindingsDiff {
  /** Findings the expectation does not list: `key — outcome: what happened`. */
  unexpected: string[];
  /** Expected findings that did not happen (or did not run): `key — outcome: what happened`. */
  missing: string[];
}

/** Compares a run's findings with the expected keys; both lists empty means "exactly". */
export function diffFindings(report: RunReport, expected: readonly string[]): FindingsDiff {
  const byKey = new Map(report.results.map((r) => [resultKey(r), r]));
  const actual = new Set(findingKeys(report));
  const wanted = new Set(expected);
  const describe = (key: string): string => {
    const result = byKey.get(key);
    return result ? `${key} — ${result.outcome}: ${result.actual}` : `${key} — not run`;
  };
  return {
    unexpected: [...actual].filter((k) => !wanted.has(k)).map(describe),
    missing: [...wanted].filter((k) => !actual.has(k)).map(describe),
  };
}
