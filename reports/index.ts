/** @module The reports package: the reporter registry, the multiplexer and the report types. */
export * from './types.js';
export { createReporters, REPORTER_NAMES, DEFAULT_OUTPUT_DIR, isReporterName } from './registry.js';
export type { CreateReportersOptions, ReporterName } from './registry.js';
export { ReporterConfigError, type ReporterConfigErrorCode } from './errors.js';
export {
  Multiplexer,
  type MultiplexerOptions,
  type ReporterFailure,
  type ReporterHook,
} from './multiplexer.js';
export { ConsoleReporter, type ConsoleReporterOptions } from './console-reporter.js';
export { JsonReporter, JSON_REPORT_FILE, type JsonReporterOptions } from './json-reporter.js';
export {
  JUnitReporter,
  JUNIT_REPORT_FILE,
  renderJUnit,
  type JUnitReporterOptions,
} from './junit-reporter.js';
export {
  MarkdownReporter,
  MARKDOWN_REPORT_FILE,
  renderMarkdown,
  type MarkdownReporterOptions,
} from './markdown-reporter.js';
export { HtmlReporter, HTML_REPORT_FILE, type HtmlReporterOptions } from './html-reporter.js';
export { GitHubReporter, type GitHubReporterOptions } from './github-reporter.js';
export { LineReporter, type LineReporterOptions } from './line-reporter.js';
export { runVerdict, type RunVerdict, type VerdictTone } from './verdict.js';
export { isFailing, findings, OUTCOMES, OUTCOME_ORDER } from './outcomes.js';
export {
  leanReport,
  leanResult,
  leanInPlace,
  isEvidencePolicy,
  EVIDENCE_POLICIES,
  DEFAULT_EVIDENCE_POLICY,
  type EvidencePolicy,
} from './lean-report.js';
