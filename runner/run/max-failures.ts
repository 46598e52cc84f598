/**
 * @module `--max-failures N`: stop scheduling after the Nth finding, as Playwright's `--max-failures`
 * does. It aborts the same signal Ctrl-C does (runPlan stops starting scenarios and returns what
 * finished), so the scheduler needs no second stop path; unlike Ctrl-C, the report records that the
 * limit stopped the run, and the exit code then follows the findings (1) instead of "interrupted" (2).
 */
import { isFailing } from '../../reports/outcomes.js';
import type { RunReport, ScenarioResult } from '../../reports/types.js';

export class FailureLimit {
  readonly #limit: number | undefined;
  readonly #strict: boolean;
  readonly #own = new AbortController();
  /** Aborted on Ctrl-C (the caller's signal) or when the limit is reached: what runPlan listens to. */
  readonly signal: AbortSignal;
  #failures = 0;

  constructor(limit: number | undefined, strict: boolean, outer: AbortSignal | undefined) {
    this.#limit = limit;
    this.#strict = strict;
    this.signal = outer ? AbortSignal.any([outer, this.#own.signal]) : this.#own.signal;
  }

  /** False once the run has stopped: runs still in flight then finish outside the report. */
  get accepting(): boolean {
    return !this.signal.aborted;
  }

  get reached(): boolean {
    return this.#own.signal.aborted;
  }

  /** Counts a final result; the Nth finding (a failing result, as the exit code counts them) stops the run. */
  count(result: ScenarioResult): void {
    if (this.#limit === undefined || !isFailing(result, this.#strict)) return;
    if (++this.#failures >= this.#limit) this.#own.abort();
  }

  /** Marks a report the limit cut short, with a note every reporter can show. */
  mark(report: RunReport, planned: number): void {
    if (!this.reached || !report.interrupted || this.#limit === undefined) return;
    report.interruptedBy = { reason: 'max-failures', limit: this.#limit };
    // Refusals still waiting for a liveness check when the run stopped prove nothing, so they are left out too.
    const missing = Math.max(0, planned - report.results.length);
    report.target.notes.push(
      `stopped after ${this.#failures} finding${this.#failures === 1 ? '' : 's'} (--max-failures ${this.#limit}): ` +
        `${missing} of ${planned} planned scenario runs are not in the report (not run, or not yet confirmed); ` +
        'the exit code follows the findings',
    );
  }
}
