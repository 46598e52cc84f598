/**
 * @module Terminal output: one line per finished scenario (unless quiet), then the summary: how
 * calibration went, every finding with its expected vs actual and its fix, the verdict, the counts, why
 * scenarios were skipped, and when the SP stopped answering. Runs the SP's death kept from running get
 * that one line, not a line each. Colour only on a TTY and never with NO_COLOR set (https://no-color.org),
 * unless the `color` option says otherwise; Node's `util.styleText` paints. Untrusted text is stripped of
 * control characters before it is printed.
 */
import { styleText } from 'node:util';
import { OUTCOMES, findings } from './outcomes.js';
import { refLabel } from './refs.js';
import { calibrationLines, showsFix, skipReasons, spDownLines } from './run-notes.js';
import { formatDuration, oneLine } from './text.js';
import type { Outcome, PlannedScenario, Reporter, RunReport, ScenarioResult } from './types.js';
import { runVerdict, type VerdictTone } from './verdict.js';

export interface ConsoleReporterOptions {
  /** Print only the final summary, not a line per scenario. */
  quiet?: boolean;
  /** Force colour on or off; default: on when the stream is a TTY and NO_COLOR is unset. */
  color?: boolean;
  /** Where to write (default: process.stdout). */
  stream?: { write(text: string): unknown; isTTY?: boolean };
}

type Paint = (text: string) => string;
type Style = 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'gray' | 'bold';
const OUTCOME_COLOR: Record<Outcome, Style> = {
  pass: 'green',
  fail: 'red',
  'non-strict': 'yellow',
  error: 'magenta',
  inconclusive: 'magenta',
  info: 'blue',
  skipped: 'gray',
};
const TONE_COLOR: Record<VerdictTone, Style> = {
  fail: 'red',
  error: 'magenta',
  warn: 'yellow',
  ok: 'green',
  empty: 'gray',
};

export class ConsoleReporter implements Reporter {
  readonly name = 'console';
  readonly #quiet: boolean;
  readonly #stream: NonNullable<ConsoleReporterOptions['stream']>;
  readonly #paint: (style: Style) => Paint;

  constructor(options: ConsoleReporterOptions = {}, env: Record<string, string | undefined> = process.env) {
    this.#quiet = options.quiet ?? false;
    this.#stream = options.stream ?? process.stdout;
    const color = options.color ?? (this.#stream.isTTY === true && !env['NO_COLOR']);
    // The decision above is the only one: styleText would otherwise check process.stdout and its own
    // environment variables, not the stream this reporter writes to or the env it was given.
    this.#paint = (style) =>
      color ? (text) => styleText(style, text, { validateStream: false }) : (text) => text;
  }

  printsToStdio(): boolean {
    return true;
  }

  onRunStart(plan: { target: string; scenarios: readonly PlannedScenario[]; strict: boolean }): void {
    const strict = plan.strict ? ', --strict' : '';
    this.#print(
      `samlspec: ${plan.scenarios.length} scenario runs against ${oneLine(plan.target)}${strict}\n`,
    );
  }

  onScenarioEnd(r: ScenarioResult): void {
    // Runs not run because the SP was down are counted in one line at the end, not listed.
    if (this.#quiet || r.notRun) return;
    const symbol = this.#paint(OUTCOME_COLOR[r.outcome])(OUTCOMES[r.outcome].symbol);
    const gray = this.#paint('gray');
    this.#print(`  ${symbol} ${oneLine(r.id)} ${gray(`[${r.flow}] ${formatDuration(r.durationMs)}`)}`);
  }

  onRunEnd(report: RunReport): void {
    const list = findings(report);
    const bold = this.#paint('bold');
    const calibration = calibrationLines(report);
    if (calibration.length > 0) {
      this.#print(`\n${bold('Calibration')}`);
      for (const line of calibration) this.#print(`  ${oneLine(line, 400)}`);
    }
    if (list.length > 0) this.#print(`\n${bold('Findings')}`);
    for (const r of list) this.#printFinding(r);
    const verdict = runVerdict(report);
    this.#print(`\n${this.#paint(TONE_COLOR[verdict.tone])(bold(verdict.headline))}`);
    this.#print(this.#countsLine(report));
    const gray = this.#paint('gray');
    for (const { reason, count } of skipReasons(report))
      this.#print(`  ${gray(`skipped ${count}×:`)} ${oneLine(reason, 300)}`);
    const red = this.#paint('red');
    for (const line of spDownLines(report)) this.#print(`  ${red(oneLine(line, 400))}`);
    this.#print('');
  }

  #printFinding(r: ScenarioResult): void {
    const paint = this.#paint(OUTCOME_COLOR[r.outcome]);
    const gray = this.#paint('gray');
    const label = `${OUTCOMES[r.outcome].symbol} ${OUTCOMES[r.outcome].label.toUpperCase()}`;
    this.#print(`\n  ${paint(label)} ${oneLine(r.id)} ${gray(`[${r.flow}] ${r.level.toUpperCase()}`)}`);
    this.#print(`    ${oneLine(r.title, 160)}`);
    if (r.outcome === 'error' && r.error) {
      this.#print(`    ${paint(`${oneLine(r.error.code, 40)}: ${oneLine(r.error.message, 300)}`)}`);
      return;
    }
    this.#print(`    ${gray('requirement:')} ${oneLine(r.requirement, 300)}`);
    this.#print(`    ${gray('expected:')}    ${oneLine(r.expected.join(' '), 300)}`);
    this.#print(`    ${gray('actual:')}      ${paint(oneLine(r.actual, 300))}`);
    if (r.variant) this.#print(`    ${gray('variant:')}     ${oneLine(r.variant, 200)} got through`);
    if (r.refs.length > 0)
      this.#print(`    ${gray('refs:')}        ${oneLine(r.refs.map(refLabel).join(', '), 300)}`);
    if (showsFix(r)) this.#print(`    ${gray('fix:')}         ${oneLine(r.fix ?? '', 400)}`);
  }

  #countsLine(report: RunReport): string {
    const s = report.summary;
    const parts: [number, Outcome, string][] = [
      [s.passed, 'pass', 'passed'],
      [s.failed, 'fail', 'failed'],
      [s.nonStrict, 'non-strict', 'non-strict'],
      [s.errors, 'error', s.errors === 1 ? 'error' : 'errors'],
      [s.inconclusive, 'inconclusive', 'inconclusive'],
      [s.info, 'info', 'info'],
      [s.skipped, 'skipped', 'skipped'],
    ];
    const text = parts
      .filter(([n, o]) => n > 0 || o === 'pass' || o === 'fail')
      .map(([n, o, word]) => (n > 0 ? this.#paint(OUTCOME_COLOR[o])(`${n} ${word}`) : `${n} ${word}`))
      .join(', ');
    return `  ${text} (${formatDuration(report.durationMs)})`;
  }

  #print(line: string): void {
    this.#stream.write(`${line}\n`);
  }
}
