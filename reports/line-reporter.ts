/**
 * @module A compact console format for CI logs: nothing for passes, one line per result worth a look
 * (fail, non-strict, error, inconclusive) as soon as it is final, and one closing line with the verdict
 * and the counts. A 370-run catalog stays a few lines long, and each line stands alone when grepped.
 * Untrusted text is flattened to one line and stripped of control characters.
 */
import { OUTCOMES, findings } from './outcomes.js';
import { formatDuration, oneLine } from './text.js';
import type { Outcome, Reporter, RunReport, ScenarioResult } from './types.js';
import { runVerdict } from './verdict.js';

export interface LineReporterOptions {
  /** Where to write (default: stdout). */
  stream?: { write(text: string): unknown };
}

const WORTH_A_LINE: ReadonlySet<Outcome> = new Set(['fail', 'non-strict', 'error', 'inconclusive']);

export class LineReporter implements Reporter {
  readonly name = 'line';
  readonly #stream: NonNullable<LineReporterOptions['stream']>;
  readonly #printed = new Set<string>();

  constructor(options: LineReporterOptions = {}) {
    this.#stream = options.stream ?? process.stdout;
  }

  printsToStdio(): boolean {
    return true;
  }

  onScenarioEnd(result: ScenarioResult): void {
    if (!WORTH_A_LINE.has(result.outcome)) return;
    this.#printed.add(key(result));
    this.#stream.write(`${resultLine(result)}\n`);
  }

  onRunEnd(report: RunReport): void {
    // A run that stopped early or a merged report may hold results this reporter never heard of.
    for (const r of findings(report))
      if (!this.#printed.has(key(r))) this.#stream.write(`${resultLine(r)}\n`);
    this.#stream.write(`${summaryLine(report)}\n`);
  }
}

const key = (r: ScenarioResult): string => `${r.id}@${r.flow}`;

/** `✗ FAIL must profiles/4.1.4.3/recipient-mismatch [sp-initiated]: signed B.Simon in (...)`. */
export function resultLine(r: ScenarioResult): string {
  const label = `${OUTCOMES[r.outcome].symbol} ${OUTCOMES[r.outcome].label.toUpperCase()}`;
  const why = r.outcome === 'error' && r.error ? `${r.error.code}: ${r.error.message}` : r.actual;
  const variant = r.variant ? ` (variant: ${r.variant})` : '';
  return `${label} ${r.level} ${oneLine(r.id, 120)} [${r.flow}]: ${oneLine(`${why}${variant}`, 200)}`;
}

/** `samlspec: FAILED: 2 findings. 300 passed, 2 failed, 0 errors, 1 inconclusive, 60 skipped (5.4 s)`. */
export function summaryLine(report: RunReport): string {
  const s = report.summary;
  const counts = [
    `${s.passed} passed`,
    `${s.failed} failed`,
    ...(s.nonStrict > 0 ? [`${s.nonStrict} non-strict`] : []),
    `${s.errors} ${s.errors === 1 ? 'error' : 'errors'}`,
    ...(s.inconclusive > 0 ? [`${s.inconclusive} inconclusive`] : []),
    ...(s.info > 0 ? [`${s.info} info`] : []),
    `${s.skipped} skipped`,
  ];
  const headline = oneLine(runVerdict(report).headline, 400);
  const ended = /[.!?)]$/.test(headline) ? headline : `${headline}.`;
  return `samlspec: ${ended} ${counts.join(', ')} (${formatDuration(report.durationMs)})`;
}
