/**
 * @module What a run says besides its results, worded once for every reporter: the calibration summary
 * per flow, the times the SP stopped answering, and why scenarios were skipped. Reporters decorate these
 * plain-text lines their own way, so console, JUnit, Markdown and HTML never tell different stories.
 */
import type { RunReport, ScenarioResult, SigningOption, SpDownEvent } from './types.js';

/** Entra's portal labels for the Signing Option, as a vendor reads them. */
export const SIGNING_OPTION_LABEL: Readonly<Record<SigningOption, string>> = {
  assertion: 'Sign SAML assertion',
  response: 'Sign SAML response',
  both: 'Sign SAML response and assertion',
};

/** One line per calibrated flow: the summary the runner wrote (it names the flow itself). */
export function calibrationLines(report: RunReport): string[] {
  return (report.calibration ?? []).map((c) => c.summary);
}

/** Results that were never run because the SP had stopped answering. */
export function notRunResults(report: RunReport): ScenarioResult[] {
  return report.results.filter((r) => r.outcome === 'skipped' && r.notRun === 'sp-down');
}

/**
 * One line per time the SP stopped answering: "SP stopped answering after <id@flow>: N scenario runs not
 * run". Runs skipped as not run without a recorded event (an older runner) still get a line.
 */
export function spDownLines(report: RunReport): string[] {
  const events = report.liveness?.spDown ?? [];
  const lines = events.map(spDownLine);
  const notRun = notRunResults(report).length;
  const counted = events.reduce((n, e) => n + e.notRun, 0);
  if (notRun > counted) lines.push(`SP stopped answering: ${runs(notRun - counted)} not run`);
  return lines;
}

export function spDownLine(event: SpDownEvent): string {
  const after = event.after.length > 0 ? ` after ${event.after.join(', ')}` : '';
  if (event.recovered && event.notRun === 0)
    return `SP stopped answering${after}; it came back and the run went on`;
  return `SP stopped answering${after}: ${runs(event.notRun)} not run`;
}

export interface SkipReason {
  reason: string;
  count: number;
}

/**
 * Ordinary skips (the target lacks a capability, a flow it does not offer) grouped by their reason,
 * most frequent first; runs not run because the SP was down are counted by spDownLines instead.
 */
export function skipReasons(report: RunReport): SkipReason[] {
  const counts = new Map<string, number>();
  for (const r of report.results) {
    if (r.outcome !== 'skipped' || r.notRun) continue;
    const reason = r.actual.replace(/^skipped:\s*/i, '') || 'no reason given';
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
}

/** Outcomes that prove something about the SP, so a fix line helps; errors and inconclusive prove nothing. */
export function showsFix(result: ScenarioResult): boolean {
  return Boolean(result.fix) && (result.outcome === 'fail' || result.outcome === 'non-strict');
}

function runs(n: number): string {
  return `${n} scenario run${n === 1 ? '' : 's'}`;
}
