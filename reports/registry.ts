/**
 * @module The built-in reporters by name: `createReporters()` is the only place a name given on the
 * command line becomes a reporter, from the options every reporter shares.
 */
import { ConsoleReporter } from './console-reporter.js';
import { ReporterConfigError } from './errors.js';
import { GitHubReporter } from './github-reporter.js';
import { HtmlReporter } from './html-reporter.js';
import { JsonReporter } from './json-reporter.js';
import { JUnitReporter } from './junit-reporter.js';
import type { EvidencePolicy } from './lean-report.js';
import { LineReporter } from './line-reporter.js';
import { MarkdownReporter } from './markdown-reporter.js';
import type { Reporter } from './types.js';

/** Options shared by all reporters; each takes what applies to it. */
export interface CreateReportersOptions {
  /** Where file reporters write (default `reports-out`). Artifact paths in the report are relative to it. */
  outputDir?: string;
  /** Console: no line per scenario, only the summary. */
  quiet?: boolean;
  /** How much evidence the JSON and HTML reports keep (default `failures`: passes and skips are compact). */
  evidence?: EvidencePolicy;
  /** For NO_COLOR and GITHUB_STEP_SUMMARY (default: process.env); tests pass their own. */
  env?: Record<string, string | undefined>;
  /** Where the stdout reporters (console, github, line) write (default: process.stdout). */
  stdout?: { write(text: string): unknown; isTTY?: boolean };
}

export const DEFAULT_OUTPUT_DIR = 'reports-out';

/** Shared options as each reporter is built, after the registry has settled cross-reporter choices. */
interface BuildOptions extends CreateReportersOptions {
  /** The github reporter leaves the job summary to the markdown reporter when both run. */
  githubStepSummary?: false;
}

/** The table itself: name → how to build it from the shared options. */
const reporterRegistry = {
  console: (o: BuildOptions): Reporter =>
    new ConsoleReporter({ ...optional('quiet', o.quiet), ...optional('stream', o.stdout) }, o.env),
  json: (o: BuildOptions): Reporter => new JsonReporter({ outputDir: outputDir(o), ...evidence(o) }),
  junit: (o: BuildOptions): Reporter => new JUnitReporter({ outputDir: outputDir(o) }),
  html: (o: BuildOptions): Reporter => new HtmlReporter({ outputDir: outputDir(o), ...evidence(o) }),
  markdown: (o: BuildOptions): Reporter => new MarkdownReporter({ outputDir: outputDir(o) }, o.env),
  github: (o: BuildOptions): Reporter =>
    new GitHubReporter(
      { ...optional('stepSummaryFile', o.githubStepSummary), ...optional('stream', o.stdout) },
      o.env,
    ),
  line: (o: BuildOptions): Reporter => new LineReporter({ ...optional('stream', o.stdout) }),
} as const;

export type ReporterName = keyof typeof reporterRegistry;

export const REPORTER_NAMES = Object.keys(reporterRegistry) as ReporterName[];

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(reporterRegistry, name);
}

/**
 * Build reporters from names as given on the command line (`--reporter json --reporter html`, or
 * `json,html`). Duplicates are built once. Throws ReporterConfigError UNKNOWN_REPORTER, naming the valid
 * ones, before anything is built; TEMPLATE_NOT_FOUND when the HTML template is missing.
 */
export function createReporters(names: readonly string[], options: CreateReportersOptions = {}): Reporter[] {
  const wanted = [
    ...new Set(
      names
        .flatMap((n) => n.split(','))
        .map((n) => n.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = wanted.filter((n) => !isReporterName(n));
  if (unknown.length > 0) {
    const list = unknown.map((n) => JSON.stringify(n)).join(', ');
    throw new ReporterConfigError(
      'UNKNOWN_REPORTER',
      `Unknown reporter ${list}. Valid reporters: ${REPORTER_NAMES.join(', ')}.`,
      REPORTER_NAMES,
    );
  }
  // Both would append the same summary to the job summary; the markdown reporter's is the one kept.
  const shared: BuildOptions =
    wanted.includes('github') && wanted.includes('markdown')
      ? { ...options, githubStepSummary: false }
      : options;
  return (wanted as ReporterName[]).map((name) => reporterRegistry[name](shared));
}

function outputDir(options: CreateReportersOptions): string {
  return options.outputDir ?? DEFAULT_OUTPUT_DIR;
}

function evidence(options: CreateReportersOptions): { evidence?: EvidencePolicy } {
  return options.evidence ? { evidence: options.evidence } : {};
}

/** `{ key: value }`, or nothing when value is undefined (exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
