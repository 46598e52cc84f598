/**
 * @module A short Markdown summary for PR comments and $GITHUB_STEP_SUMMARY: the verdict, how
 * calibration went, whether the SP stopped answering, the counts, and the findings as a table with the
 * fix for each; passes collapse into a count. Cells are escaped, because an SP's reply text ends up in
 * them and GitHub renders Markdown (and some HTML).
 */
import { appendFile } from 'node:fs/promises';
import { outputPath, writeReportFile, type FileReporterOptions } from './output-file.js';
import { OUTCOMES, findings } from './outcomes.js';
import { refView } from './refs.js';
import { calibrationLines, showsFix, skipReasons, spDownLines } from './run-notes.js';
import { formatDuration, oneLine } from './text.js';
import type { Outcome, Reporter, RunReport, ScenarioResult } from './types.js';
import { runVerdict, type VerdictTone } from './verdict.js';

export const MARKDOWN_REPORT_FILE = 'samlspec-summary.md';

export interface MarkdownReporterOptions extends FileReporterOptions {
  /** Also append to this file (default: $GITHUB_STEP_SUMMARY when set); `false` turns it off. */
  stepSummaryFile?: string | false;
  /** At most this many findings in the table; the rest are counted (step summaries are capped at 1 MiB). */
  maxFindings?: number;
}

export class MarkdownReporter implements Reporter {
  readonly name = 'markdown';
  readonly #path: string;
  readonly #stepSummary: string | undefined;
  readonly #maxFindings: number;

  constructor(options: MarkdownReporterOptions, env: Record<string, string | undefined> = process.env) {
    this.#path = outputPath(options, MARKDOWN_REPORT_FILE);
    const fromEnv = env['GITHUB_STEP_SUMMARY'] || undefined;
    this.#stepSummary = options.stepSummaryFile === false ? undefined : (options.stepSummaryFile ?? fromEnv);
    this.#maxFindings = options.maxFindings ?? 100;
  }

  async onRunEnd(report: RunReport): Promise<string[]> {
    const markdown = renderMarkdown(report, this.#maxFindings);
    const written = [await writeReportFile(this.#path, markdown)];
    if (this.#stepSummary) {
      await appendFile(this.#stepSummary, `${markdown}\n`, 'utf8');
      written.push(this.#stepSummary);
    }
    return written;
  }
}

const ICON: Record<VerdictTone, string> = { fail: '❌', error: '⚠️', warn: '🟡', ok: '✅', empty: '⚪' };
const SUMMARY_ROWS: readonly [Outcome, keyof RunReport['summary']][] = [
  ['pass', 'passed'],
  ['fail', 'failed'],
  ['non-strict', 'nonStrict'],
  ['error', 'errors'],
  ['inconclusive', 'inconclusive'],
  ['info', 'info'],
  ['skipped', 'skipped'],
];

export function renderMarkdown(report: RunReport, maxFindings = 100): string {
  const verdict = runVerdict(report);
  const lines = [
    `## ${ICON[verdict.tone]} samlspec: ${cell(verdict.headline)}`,
    '',
    `Target: ${cell(report.target.description)} (${report.target.mode}) · ${report.results.length} results in ` +
      `${formatDuration(report.durationMs)}${report.strict ? ' · --strict' : ''} · samlspec ${cell(report.tool.version)}`,
    '',
    ...runNotes(report),
    '| Outcome | Count | Meaning |',
    '|---|---:|---|',
    ...SUMMARY_ROWS.map(
      ([o, key]) =>
        `| ${OUTCOMES[o].symbol} ${OUTCOMES[o].label} | ${report.summary[key]} | ${OUTCOMES[o].legend} |`,
    ),
    '',
    ...findingsTable(findings(report), maxFindings),
  ];
  const { passed, info, skipped } = report.summary;
  // Passes are not news in a PR comment: a count, with the full list in the HTML and JSON reports.
  lines.push(`${passed} passed, ${info} info, ${skipped} skipped: listed in the HTML and JSON reports.`, '');
  return `${lines.join('\n')}\n`;
}

/**
 * Calibration per flow, any time the SP stopped answering, and why scenarios were skipped (grouped, as
 * the console and the HTML page say it), as a list above the counts: a skip count alone hides whether
 * the SP lacked a flow or the run was mis-configured.
 */
function runNotes(report: RunReport): string[] {
  const lines = [
    ...calibrationLines(report).map((line) => `- Calibration: ${cell(line)}`),
    ...spDownLines(report).map((line) => `- ⚠️ ${cell(line)}`),
    ...skipReasons(report).map(({ reason, count }) => `- Skipped ${count}×: ${cell(reason)}`),
  ];
  return lines.length > 0 ? [...lines, ''] : [];
}

function findingsTable(list: ScenarioResult[], max: number): string[] {
  if (list.length === 0) return ['No findings, no harness errors and nothing inconclusive.', ''];
  const rows = list.slice(0, max).map((r) => {
    const error = r.outcome === 'error' && r.error ? `${r.error.code}: ${r.error.message}` : undefined;
    const actual = error ?? (r.variant ? `${r.actual} (variant: ${r.variant})` : r.actual);
    const cells = [
      `${OUTCOMES[r.outcome].symbol} ${OUTCOMES[r.outcome].label}`,
      `\`${code(r.id)}\``,
      r.flow,
      r.level.toUpperCase(),
      cell(r.title),
      cell(r.expected.join(' ') || '—'),
      cell(oneLine(actual, 300)),
      // Errors and inconclusive results prove nothing about the SP, so there is nothing to fix.
      showsFix(r) ? cell(r.fix ?? '') : '—',
      r.refs.map(refLink).join(', '),
    ];
    return `| ${cells.join(' | ')} |`;
  });
  const more = list.length > max ? [`…and ${list.length - max} more; see the HTML or JSON report.`, ''] : [];
  return [
    '### Findings',
    '',
    '| Outcome | Scenario | Flow | Level | Title | Expected | Actual | Fix | Refs |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ...more,
  ];
}

function refLink(ref: RunReport['results'][number]['refs'][number]): string {
  const view = refView(ref);
  // Parentheses and spaces would end the link target early; percent-encode them.
  return view.href
    ? `[${cell(view.label)}](${view.href.replace(/[()\s]/g, encodeURIComponent)})`
    : cell(view.label);
}

/**
 * A table cell: pipes and newlines would break the row, `<`/`&` could open HTML, and `*_[]\`` would
 * start emphasis, links or code. Backslash escapes of ASCII punctuation are always valid CommonMark.
 */
export function cell(text: string): string {
  return oneLine(text, 1000)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\|*_[\]`]/g, (c) => `\\${c}`);
}

/** Inside a code span only the backtick matters, and a pipe (GFM splits table cells before code spans). */
function code(text: string): string {
  return oneLine(text, 300).replace(/`/g, "'").replace(/\|/g, '\\|');
}
