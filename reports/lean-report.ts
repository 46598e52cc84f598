/**
 * @module How much evidence a report keeps. A pass or a skip proves nothing the reader needs to dig into,
 * yet its XML and HTTP transcripts were 90 % of a catalog run's JSON (5 MB for 388 runs). By default
 * (`--evidence failures`) those results keep a compact record: what was tested, the outcome, the timing and
 * the oracle's reading, without the transcripts (artifact paths stay: they are a line each and the files
 * exist). Findings, errors, inconclusive and info results keep everything; `--evidence all` keeps
 * everything for every result.
 */
import type { Outcome, RunReport, ScenarioResult } from './types.js';

export type EvidencePolicy = NonNullable<RunReport['evidence']>;
export const EVIDENCE_POLICIES: readonly EvidencePolicy[] = ['failures', 'all'];
export const DEFAULT_EVIDENCE_POLICY: EvidencePolicy = 'failures';

/** The outcomes whose evidence is left out under `failures`: nothing to investigate. */
const COMPACT_OUTCOMES: ReadonlySet<Outcome> = new Set<Outcome>(['pass', 'skipped']);

export function isEvidencePolicy(value: string): value is EvidencePolicy {
  return (EVIDENCE_POLICIES as readonly string[]).includes(value);
}

/** The result as the policy keeps it: the same object when nothing is left out. */
export function leanResult(result: ScenarioResult, policy: EvidencePolicy): ScenarioResult {
  if (policy === 'all' || result.compact || !COMPACT_OUTCOMES.has(result.outcome)) return result;
  const { artifacts } = result.evidence;
  return { ...result, evidence: artifacts && artifacts.length > 0 ? { artifacts } : {}, compact: true };
}

/**
 * Leaves out, in place, what the policy would leave out of `result` in the report. A run holds its
 * results until the reports are written, and the transcripts of passes were most of a catalog run's
 * memory; a final result (no later step changes it) can drop them at once.
 */
export function leanInPlace(result: ScenarioResult, policy: EvidencePolicy): void {
  const lean = leanResult(result, policy);
  if (lean === result) return;
  result.evidence = lean.evidence;
  result.compact = true;
}

/**
 * The report as the policy keeps it, stamped with the policy so that readers (merge-reports) know
 * whether passes carry their evidence. A report already compact stays compact: `all` cannot bring
 * evidence back, so it is stamped `failures` then.
 */
export function leanReport(report: RunReport, policy: EvidencePolicy): RunReport {
  const results = report.results.map((r) => leanResult(r, policy));
  const kept: EvidencePolicy = results.some((r) => r.compact) ? 'failures' : policy;
  return { ...report, evidence: kept, results };
}
