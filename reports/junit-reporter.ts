/**
 * @module JUnit XML for CI test tabs: one <testsuite> per id prefix (a spec section or attack family),
 * one <testcase> per scenario and flow. A finding is a <failure> whose message and body end with the
 * fix; a harness problem or an inconclusive result is an <error>, so CI never confuses "the SP is wrong"
 * with "nothing could be judged" (docs/contributing.md §3). Each suite's properties carry the run's calibration
 * summary and any time the SP stopped answering, as CI viewers show suite properties beside the cases.
 */
import { isSafeArtifactPath } from './artifacts.js';
import { outputPath, writeReportFile, type FileReporterOptions } from './output-file.js';
import { refLabel } from './refs.js';
import { SIGNING_OPTION_LABEL, calibrationLines, showsFix, spDownLines } from './run-notes.js';
import { idPrefix, oneLine } from './text.js';
import type { Reporter, RunReport, ScenarioResult } from './types.js';
import { el, serializeXml, type XmlElement } from './xml-writer.js';

export const JUNIT_REPORT_FILE = 'samlspec-junit.xml';

export type JUnitReporterOptions = FileReporterOptions;

export class JUnitReporter implements Reporter {
  readonly name = 'junit';
  readonly #path: string;

  constructor(options: JUnitReporterOptions) {
    this.#path = outputPath(options, JUNIT_REPORT_FILE);
  }

  async onRunEnd(report: RunReport): Promise<string[]> {
    return [await writeReportFile(this.#path, renderJUnit(report))];
  }
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

export function renderJUnit(report: RunReport): string {
  const groups = new Map<string, ScenarioResult[]>();
  for (const result of report.results) {
    const prefix = idPrefix(result.id);
    groups.set(prefix, [...(groups.get(prefix) ?? []), result]);
  }
  const suites = [...groups].map(([prefix, results]) => testSuite(prefix, results, report));
  const total = count(report.results, report.strict);
  const stopped = report.summary.runError;
  if (stopped) {
    // A run that stopped as a whole is one more errored test, so CI never shows an empty green tab.
    suites.unshift(runErrorSuite(stopped, report));
    total.tests += 1;
    total.errors += 1;
  }
  return serializeXml(
    el(
      'testsuites',
      { name: 'samlspec', ...total, time: seconds(report.durationMs), timestamp: report.startedAt },
      suites,
    ),
  );
}

export const RUN_SUITE = 'samlspec/run';

function runErrorSuite(error: NonNullable<RunReport['summary']['runError']>, report: RunReport): XmlElement {
  const message = error.message.length > 600 ? `${error.message.slice(0, 599)}…` : error.message;
  return el(
    'testsuite',
    {
      name: RUN_SUITE,
      tests: 1,
      failures: 0,
      errors: 1,
      skipped: 0,
      time: seconds(report.durationMs),
      timestamp: report.startedAt,
    },
    [
      el('properties', {}, [property('target', report.target.description)]),
      el('testcase', { name: 'the run', classname: RUN_SUITE, time: seconds(report.durationMs) }, [
        el('error', { message, type: error.code }, [
          [
            `The run stopped: ${error.code}: ${error.message}`,
            ...report.target.notes.map((n) => `Note: ${n}`),
          ].join('\n'),
        ]),
      ]),
    ],
  );
}

function testSuite(prefix: string, results: ScenarioResult[], report: RunReport): XmlElement {
  const time = results.reduce((sum, r) => sum + r.durationMs, 0);
  const attrs = {
    name: prefix,
    ...count(results, report.strict),
    time: seconds(time),
    timestamp: report.startedAt,
  };
  return el('testsuite', attrs, [
    el('properties', {}, [
      property('target', report.target.description),
      property('strict', String(report.strict)),
      ...calibrationLines(report).map((line) => property('calibration', line)),
      ...spDownLines(report).map((line) => property('sp-down', line)),
    ]),
    ...results.map((r) => testCase(prefix, r, report.strict)),
  ]);
}

function count(results: readonly ScenarioResult[], strict: boolean): Counts {
  const is = (predicate: (r: ScenarioResult) => boolean): number => results.filter(predicate).length;
  return {
    tests: results.length,
    failures: is((r) => r.outcome === 'fail' || (strict && r.outcome === 'non-strict')),
    // Inconclusive results are written as <error>, so they count as errors here too.
    errors: is((r) => r.outcome === 'error' || r.outcome === 'inconclusive'),
    skipped: is((r) => r.outcome === 'skipped'),
  };
}

function testCase(prefix: string, r: ScenarioResult, strict: boolean): XmlElement {
  // Test names are one line in every CI viewer; a newline in a title would split the row.
  const name = `${r.id} [${r.flow}] — ${oneLine(r.title, 500)}`;
  return el('testcase', { name, classname: prefix, time: seconds(r.durationMs) }, [
    properties(r),
    ...outcomeElements(r, strict),
  ]);
}

// Playwright and Vitest put annotations into per-testcase <properties>; CI viewers show them as metadata.
function properties(r: ScenarioResult): XmlElement {
  return el('properties', {}, [
    property('level', r.level),
    property('flow', r.flow),
    property('expect', r.expect),
    property('outcome', r.outcome),
    ...(r.signingOption ? [property('signing-option', SIGNING_OPTION_LABEL[r.signingOption])] : []),
    ...(r.variant ? [property('variant', r.variant)] : []),
    ...(r.notRun ? [property('not-run', r.notRun)] : []),
    ...r.refs.map((ref) => property('ref', refLabel(ref))),
    ...r.tags.map((tag) => property('tag', tag)),
  ]);
}

function outcomeElements(r: ScenarioResult, strict: boolean): XmlElement[] {
  switch (r.outcome) {
    case 'fail':
      return [el('failure', { message: shortMessage(r), type: r.level }, [details(r)])];
    case 'non-strict':
      return strict
        ? [el('failure', { message: shortMessage(r), type: r.level }, [details(r)])]
        : [
            el('system-out', {}, [
              `NON-STRICT (a SHOULD is not met; a failure under --strict)\n${details(r)}`,
            ]),
          ];
    case 'error':
      return [
        el('error', { message: r.error?.message ?? r.actual, type: r.error?.code ?? 'HARNESS_ERROR' }, [
          details(r),
        ]),
      ];
    case 'inconclusive':
      // Never green: CI must see it as an error, since a refusal here proves nothing about the SP.
      return [el('error', { message: r.actual, type: 'INCONCLUSIVE' }, [details(r)])];
    case 'skipped':
      return [el('skipped', { message: r.actual })];
    case 'info':
      return [el('system-out', {}, [`INFO (observed, no requirement checked)\n${details(r)}`])];
    case 'pass':
      return [];
  }
}

function shortMessage(r: ScenarioResult): string {
  const variant = r.variant ? ` (variant: ${r.variant})` : '';
  const fix = showsFix(r) ? ` Fix: ${r.fix}` : '';
  const message = `Expected ${r.expected.join(' ') || '(nothing stated)'}; actual: ${r.actual}${variant}.${fix}`;
  return message.length > 600 ? `${message.slice(0, 599)}…` : message;
}

/** The failure body explains itself (h2spec's Expected/Actual), with enough evidence to start digging. */
function details(r: ScenarioResult): string {
  const lines = [
    `Requirement: ${r.requirement}`,
    'Expected:',
    ...r.expected.map((e) => `  - ${e}`),
    `Actual: ${r.actual}`,
  ];
  if (showsFix(r)) lines.push(`Fix: ${r.fix}`);
  if (r.signingOption) lines.push(`Signing option: ${SIGNING_OPTION_LABEL[r.signingOption]}`);
  if (r.variants?.length) {
    lines.push('Variants:');
    for (const v of r.variants)
      lines.push(`  - ${v.name}: ${v.outcome}${v.name === r.variant ? ' (got through)' : ''}: ${v.actual}`);
  }
  if (r.verdict)
    lines.push(
      `Verdict: ${r.verdict.login}${r.verdict.identity ? ` (${r.verdict.identity})` : ''}: ${r.verdict.because}`,
    );
  if (r.error) lines.push(`Harness error: ${r.error.code}: ${r.error.message}`);
  const reply = r.evidence.spReply;
  if (reply) lines.push(`SP reply: ${reply.status} at ${reply.url} after ${reply.hops.length} hop(s)`);
  // Jenkins' attachment syntax; only paths that really are files beside the report.
  for (const artifact of (r.evidence.artifacts ?? []).filter(isSafeArtifactPath))
    lines.push(`[[ATTACHMENT|${artifact}]]`);
  return lines.join('\n');
}

function property(name: string, value: string): XmlElement {
  return el('property', { name, value });
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
