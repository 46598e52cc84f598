/**
 * @module The one-line verdict every report opens with. It follows the CLI's exit-code rules (docs/contributing.md §3:
 * MUST failures fail the run, SHOULD ones only under --strict, harness errors and inconclusive results
 * are reported apart and never read as a pass) so the headline never contradicts the exit status.
 */
import { notRunResults } from './run-notes.js';
import type { RunReport } from './types.js';

export type VerdictTone = 'fail' | 'error' | 'warn' | 'ok' | 'empty';

export interface RunVerdict {
  tone: VerdictTone;
  /** Plain text, no markup: each reporter decorates it its own way. */
  headline: string;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function runVerdict(report: RunReport): RunVerdict {
  const { failed, nonStrict, errors, inconclusive } = report.summary;
  const failing = failed + (report.strict ? nonStrict : 0);
  const notRun = notRunResults(report).length;
  const limit = report.interruptedBy?.limit;
  const prefix =
    limit !== undefined
      ? `Stopped at --max-failures ${limit}. `
      : report.interrupted
        ? 'Interrupted run. '
        : '';
  const parts: string[] = [];
  if (failing > 0) parts.push(plural(failing, 'finding'));
  if (!report.strict && nonStrict > 0) parts.push(`${nonStrict} non-strict (SHOULD)`);
  if (errors > 0) parts.push(plural(errors, 'harness error'));
  if (inconclusive > 0) parts.push(`${inconclusive} inconclusive`);
  if (notRun > 0) parts.push(`${notRun} not run (the SP stopped answering)`);
  const detail = parts.join(', ');

  const stopped = report.summary.runError;
  if (stopped)
    return {
      tone: 'error',
      headline: `STOPPED: ${stopped.code}: ${stopped.message}${detail ? ` (before that: ${detail})` : ''}`,
    };
  if (report.results.length === 0) return { tone: 'empty', headline: `${prefix}No scenarios ran.` };
  if (failing > 0) return { tone: 'fail', headline: `${prefix}FAILED: ${detail}.` };
  // Like a harness error, an inconclusive run or one the SP's death cut short proved nothing: never PASSED.
  if (errors + inconclusive + notRun > 0)
    return { tone: 'error', headline: `${prefix}INCONCLUSIVE: ${detail}; no MUST failures among the rest.` };
  if (nonStrict > 0) return { tone: 'warn', headline: `${prefix}PASSED with ${detail}.` };
  return { tone: report.interrupted ? 'warn' : 'ok', headline: `${prefix}PASSED: no findings.` };
}
