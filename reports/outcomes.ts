/**
 * @module The outcome grades as every reporter shows them: one label, symbol and legend sentence each
 * (Autobahn's report defines its grades; so do we), and which results count as findings.
 */
import type { Outcome, RunReport, ScenarioResult } from './types.js';

export interface OutcomeInfo {
  label: string;
  /** A plain-text symbol that survives terminals without Unicode fonts and Markdown alike. */
  symbol: string;
  legend: string;
}

/** Worst first: the order findings are listed in everywhere. */
export const OUTCOME_ORDER: readonly Outcome[] = [
  'fail',
  'non-strict',
  'error',
  'inconclusive',
  'info',
  'pass',
  'skipped',
];

export const OUTCOMES: Readonly<Record<Outcome, OutcomeInfo>> = {
  fail: { label: 'Failed', symbol: '✗', legend: 'The SP broke a MUST requirement (a finding).' },
  'non-strict': {
    label: 'Non-strict',
    symbol: '!',
    legend: 'The SP broke a SHOULD requirement; a finding only with --strict.',
  },
  error: {
    label: 'Error',
    symbol: '‼',
    legend: 'The harness could not reach a verdict. Nothing is claimed about the SP.',
  },
  inconclusive: {
    label: 'Inconclusive',
    symbol: '?',
    legend:
      'Not judged: the SP was not seen to sign the baseline user in with this flow and signing option, so a refusal proves nothing.',
  },
  info: { label: 'Info', symbol: 'i', legend: 'Observed behaviour; no requirement is checked.' },
  pass: { label: 'Passed', symbol: '✓', legend: 'The SP did what the requirement demands.' },
  skipped: {
    label: 'Skipped',
    symbol: '-',
    legend: 'Not run: the target lacks a capability, or the run stopped.',
  },
};

/** Whether a result makes the run fail. `non-strict` counts only under --strict, as in the CLI's exit code. */
export function isFailing(result: ScenarioResult, strict: boolean): boolean {
  return result.outcome === 'fail' || (strict && result.outcome === 'non-strict');
}

/** Fail first, then non-strict, then harness errors; run order within each group. */
export function findings(report: RunReport): ScenarioResult[] {
  const wanted: readonly Outcome[] = ['fail', 'non-strict', 'error', 'inconclusive'];
  return wanted.flatMap((o) => report.results.filter((r) => r.outcome === o));
}
