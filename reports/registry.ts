/**
 * @module The built-in reporters by name, with their options declared once as a typed table (Vitest's
 * BuiltinReporterOptions): the CLI's help text can be generated from `reporterRegistry`, and
 * `createReporters()` is the only place a name becomes a reporter.
 */
import { ConsoleReporter, type ConsoleReporterOptions } from './console-reporter.js';
import { ReporterConfigError } from './errors.js';
import { GitHubReporter, type GitHubReporterOptions } from './github-reporter.js';
import { HTML_REPORT_FILE, HtmlReporter, type HtmlReporterOptions } from './html-reporter.js';
import { JSON_REPORT_FILE, JsonReporter, type JsonReporterOptions } from './json-reporter.js';
import { JUNIT_REPORT_FILE, JUnitReporter, type JUnitReporterOptions } from './junit-reporter.js';
import type { EvidencePolicy } from './lean-report.js';
import { LineReporter, type LineReporterOptions } from './line-reporter.js';
import { MARKDOWN_REPORT_FILE, MarkdownReporter, type MarkdownReporterOptions } from './markdown-reporter.js';
import type { Reporter } from './types.js';

/** Each reporter's own options, keyed by reporter name. */
export interface ReporterOptionsMap {
  console: ConsoleReporterOptions;
  json: JsonReporterOptions;
  junit: JUnitReporterOptions;
  html: HtmlReporterOptions;
  markdown: MarkdownReporterOptions;
  github: GitHubReporterOptions;
  line: LineReporterOptions;
}

export type ReporterName = keyof ReporterOptionsMap;

/** Options shared by all reporters, plus per-reporter overrides under each reporter's name. */
export type CreateReportersOptions = {
  /** Where file reporters write (default `reports-out`). Artifact paths in the report are relative to it. */
  outputDir?: string;
  /** Console: no line per scenario, only the summary. */
  quiet?: boolean;
  /** How much evidence the JSON and HTML reports keep (default `failures`: passes and skips are compact). */
  evidence?: EvidencePolicy;
  /** For NO_COLOR and GITHUB_STEP_SUMMARY (default: process.env); tests pass their own. */
  env?: Record<string, string | undefined>;
} & { [K in ReporterName]?: Partial<ReporterOptionsMap[K]> };

export const DEFAULT_OUTPUT_DIR = 'reports-out';

interface RegistryEntry {
  description: string;
  /** The file written, relative to the output directory; absent for stdout reporters. */
  defaultFile?: string;
  create(options: CreateReportersOptions): Reporter;
}

/** The table itself: name → description, default file, and how to build it from the shared options. */
export const reporterRegistry: { readonly [K in ReporterName]: RegistryEntry } = {
  console: {
    description: 'A line per scenario and a findings summary on stdout',
    create: (o) =>
      new ConsoleReporter({ ...(o.quiet === undefined ? {} : { quiet: o.quiet }), ...o.console }, o.env),
  },
  json: {
    description: 'The full RunReport, the source of truth for every other report',
    defaultFile: JSON_REPORT_FILE,
    create: (o) => new JsonReporter({ outputDir: outputDir(o), ...evidence(o), ...o.json }),
  },
  junit: {
    description:
      'JUnit XML for CI test tabs: a suite per spec section, <failure> for findings, <error> for harness errors',
    defaultFile: JUNIT_REPORT_FILE,
    create: (o) => new JUnitReporter({ outputDir: outputDir(o), ...o.junit }),
  },
  html: {
    description: 'A self-contained HTML page with filters, the mutation highlighted and the SP reply',
    defaultFile: HTML_REPORT_FILE,
    create: (o) => new HtmlReporter({ outputDir: outputDir(o), ...evidence(o), ...o.html }),
  },
  markdown: {
    description: 'A Markdown summary for PR comments; appended to $GITHUB_STEP_SUMMARY when set',
    defaultFile: MARKDOWN_REPORT_FILE,
    create: (o) => new MarkdownReporter({ outputDir: outputDir(o), ...o.markdown }, o.env),
  },
  github: {
    description:
      'GitHub Actions: an ::error/::warning annotation per finding; the Markdown summary to $GITHUB_STEP_SUMMARY when set',
    create: (o) => new GitHubReporter({ ...o.github }, o.env),
  },
  line: {
    description:
      'Compact console output for CI logs: one line per finding or error, and a closing verdict line',
    create: (o) => new LineReporter({ ...o.line }),
  },
};

/**
 * One line of help per option of each reporter, for generated CLI help and docs. The type requires an
 * entry for every option in ReporterOptionsMap, so an undocumented option does not compile.
 */
export const reporterOptionDocs: {
  readonly [K in ReporterName]: { readonly [O in keyof ReporterOptionsMap[K]]-?: string };
} = {
  console: {
    quiet: 'Print only the summary, not a line per scenario (also set by the shared `quiet`).',
    color: 'Force colour on or off (default: on for a TTY unless NO_COLOR is set).',
    stream: 'Where to write (default: stdout).',
  },
  json: {
    outputDir: 'Directory to write into (default: the shared outputDir).',
    outputFile: `File name relative to outputDir (default: ${JSON_REPORT_FILE}).`,
    evidence:
      'failures (default): passes and skips as compact records, without transcripts; all: every result in full (also set by the shared `evidence`).',
  },
  junit: {
    outputDir: 'Directory to write into (default: the shared outputDir).',
    outputFile: `File name relative to outputDir (default: ${JUNIT_REPORT_FILE}).`,
  },
  html: {
    outputDir: 'Directory to write into; artifact paths are relative to it (default: the shared outputDir).',
    outputFile: `File name relative to outputDir (default: ${HTML_REPORT_FILE}).`,
    evidence: 'Like the json reporter (also set by the shared `evidence`).',
  },
  markdown: {
    outputDir: 'Directory to write into (default: the shared outputDir).',
    outputFile: `File name relative to outputDir (default: ${MARKDOWN_REPORT_FILE}).`,
    stepSummaryFile: 'Also append here (default: $GITHUB_STEP_SUMMARY when set); false turns it off.',
    maxFindings: 'At most this many rows in the findings table (default: 100).',
  },
  github: {
    stepSummaryFile:
      'Also append the Markdown summary here (default: $GITHUB_STEP_SUMMARY when set, unless the markdown reporter runs too); false turns it off.',
    stream: 'Where the workflow commands go (default: stdout).',
  },
  line: {
    stream: 'Where to write (default: stdout).',
  },
};

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
  // Both would append the same summary to the job summary; the markdown reporter's own settings win.
  const shared: CreateReportersOptions =
    wanted.includes('github') && wanted.includes('markdown')
      ? { ...options, github: { stepSummaryFile: false, ...options.github } }
      : options;
  return (wanted as ReporterName[]).map((name) => reporterRegistry[name].create(shared));
}

function outputDir(options: CreateReportersOptions): string {
  return options.outputDir ?? DEFAULT_OUTPUT_DIR;
}

function evidence(options: CreateReportersOptions): { evidence?: EvidencePolicy } {
  return options.evidence ? { evidence: options.evidence } : {};
}
