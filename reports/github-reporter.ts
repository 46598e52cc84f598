/**
 * @module GitHub Actions: one workflow command per finding (`::error title=...::message`), which GitHub
 * turns into an annotation on the run's summary page, and the Markdown summary appended to
 * $GITHUB_STEP_SUMMARY. A failed MUST is an error; a broken SHOULD is a warning (an error under --strict,
 * where it fails the run); harness errors and inconclusive results are errors with their reason, because
 * they leave the SP unjudged. Annotations come at the end of the run, worst first: GitHub shows only the
 * first few of each kind per step, so the order decides what a reader sees.
 *
 * Escaping follows GitHub's workflow-command rules (actions/toolkit's command.ts): in the message `%`,
 * CR and LF are percent-encoded; in property values also `:` and `,`. An SP's reply text cannot start a
 * command of its own, because no raw line break survives.
 */
import { appendFile } from 'node:fs/promises';
import { renderMarkdown } from './markdown-reporter.js';
import { OUTCOMES, findings, isFailing } from './outcomes.js';
import { refLabel } from './refs.js';
import { showsFix } from './run-notes.js';
import { oneLine, stripControl } from './text.js';
import type { Reporter, RunReport, ScenarioResult } from './types.js';

export interface GitHubReporterOptions {
  /** Also append the Markdown summary here (default: $GITHUB_STEP_SUMMARY when set); `false` turns it off. */
  stepSummaryFile?: string | false;
  /** Where the workflow commands go (default: stdout, which the Actions runner reads). */
  stream?: { write(text: string): unknown };
}

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  title: string;
  message: string;
}

export class GitHubReporter implements Reporter {
  readonly name = 'github';
  readonly #stream: NonNullable<GitHubReporterOptions['stream']>;
  readonly #stepSummary: string | undefined;

  constructor(options: GitHubReporterOptions = {}, env: Record<string, string | undefined> = process.env) {
    this.#stream = options.stream ?? process.stdout;
    const fromEnv = env['GITHUB_STEP_SUMMARY'] || undefined;
    this.#stepSummary = options.stepSummaryFile === false ? undefined : (options.stepSummaryFile ?? fromEnv);
  }

  printsToStdio(): boolean {
    return true;
  }

  async onRunEnd(report: RunReport): Promise<string[]> {
    for (const annotation of annotations(report)) this.#stream.write(`${workflowCommand(annotation)}\n`);
    if (!this.#stepSummary) return [];
    await appendFile(this.#stepSummary, `${renderMarkdown(report)}\n`, 'utf8');
    return [this.#stepSummary];
  }
}

/** The annotations for a run: the run-level stop first (it explains everything else), then each finding. */
export function annotations(report: RunReport): Annotation[] {
  const list: Annotation[] = [];
  const stopped = report.summary.runError;
  if (stopped)
    list.push({
      level: 'error',
      title: `samlspec stopped: ${stopped.code}`,
      message: `${stopped.message}\nNothing after this point was judged; see the reports.`,
    });
  for (const result of findings(report)) list.push(annotationFor(result, report.strict));
  return list;
}

export function annotationFor(r: ScenarioResult, strict: boolean): Annotation {
  const level: AnnotationLevel = r.outcome === 'non-strict' && !isFailing(r, strict) ? 'warning' : 'error';
  const title = `samlspec ${OUTCOMES[r.outcome].label.toLowerCase()}: ${r.id} [${r.flow}]`;
  const lines = [`${r.level.toUpperCase()}: ${r.title}`];
  if (r.outcome === 'error' || r.outcome === 'inconclusive') {
    // Nothing is claimed about the SP, so no requirement or fix: only why it could not be judged.
    lines.push(r.error ? `${r.error.code}: ${r.error.message}` : `Reason: ${r.actual}`);
  } else {
    lines.push(`Expected: ${r.expected.join(' ') || '—'}`);
    lines.push(`Actual: ${r.actual}${r.variant ? ` (variant: ${r.variant})` : ''}`);
    if (showsFix(r)) lines.push(`Fix: ${r.fix ?? ''}`);
    if (r.refs.length > 0) lines.push(`Refs: ${r.refs.map(refLabel).join(', ')}`);
  }
  return { level, title, message: lines.map((line) => oneLine(line, 1000)).join('\n') };
}

/** `::level title=...::message`, escaped so that no text can end the command or start another. */
export function workflowCommand(annotation: Annotation): string {
  const title = escapeProperty(oneLine(annotation.title, 300));
  return `::${annotation.level} title=${title}::${escapeData(stripControl(annotation.message))}`;
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
