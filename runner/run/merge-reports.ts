/**
 * @module `samlspec merge-reports`: the JSON reports of a sharded run (`--shard i/n`, one per CI job)
 * joined into the report the whole run would have written, rendered by the usual reporters, with the
 * exit code the whole run would have given. The shards must belong together — one samlspec version,
 * one shard count, one plan, each shard exactly once — or the merge stops with exit 2 and says why:
 * a merged report that silently missed a shard would pass what was never tested.
 *
 * Each shard calibrated on its own; where shards found different signing options for a flow, the
 * merged report keeps each finding (naming its shards) and says so in its notes, since every shard's
 * verdicts were judged against its own calibration.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { createReporters, JSON_REPORT_FILE, Multiplexer } from '../../reports/index.js';
import {
  summarize,
  type FlowCalibration,
  type ReportShard,
  type RunError,
  type RunReport,
  type ScenarioResult,
} from '../../reports/types.js';
import { scenarios as catalog } from '../../scenarios/index.js';
import { HarnessError } from '../errors.js';
import { exitCodeFor, type ExecuteResult } from './execute-run.js';
import { shardNote } from './shard.js';

export interface ShardReport {
  /** The file read. */
  source: string;
  /** The directory its artifact paths are relative to. */
  dir: string;
  report: RunReport;
}

type Shard = ShardReport & { shard: ReportShard };

/** Each path is a shard's report directory (holding samlspec-report.json) or the JSON file itself. */
export async function readShardReports(paths: readonly string[]): Promise<ShardReport[]> {
  if (paths.length === 0)
    throw new HarnessError('BAD_CONFIG', 'merge-reports: name the shard report directories');
  return Promise.all(paths.map(readShardReport));
}

async function readShardReport(path: string): Promise<ShardReport> {
  const isDir = await stat(path).then(
    (s) => s.isDirectory(),
    () => {
      throw new HarnessError('BAD_CONFIG', `merge-reports: ${path} does not exist`);
    },
  );
  const source = isDir ? join(path, JSON_REPORT_FILE) : path;
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch {
    throw new HarnessError(
      'BAD_CONFIG',
      `merge-reports: ${path} has no ${JSON_REPORT_FILE} (run each shard with the json reporter)`,
    );
  }
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch (error) {
    throw new HarnessError('BAD_CONFIG', `merge-reports: ${source}: not JSON: ${(error as Error).message}`);
  }
  if (!isRunReport(report))
    throw new HarnessError('BAD_CONFIG', `merge-reports: ${source}: not a samlspec JSON report`);
  return { source, dir: resolve(isDir ? path : dirname(path)), report };
}

function isRunReport(value: unknown): value is RunReport {
  const r = value as Partial<RunReport> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    r.tool?.name === 'samlspec' &&
    typeof r.tool.version === 'string' &&
    Array.isArray(r.results) &&
    typeof r.summary === 'object' &&
    typeof r.target === 'object'
  );
}

/** The whole run's report from its shards' reports; throws (exit 2) when they do not belong together. */
export function mergeShardReports(reports: readonly ShardReport[], outputDir: string): RunReport {
  const shards = checkShards(reports);
  const first = shards[0]!;
  const notes: string[] = [
    `merged from ${shards.length} shards (samlspec merge-reports): ${shards
      .map(
        ({ shard }) =>
          `${shard.current}/${shard.total}${shard.runs !== undefined ? ` ${shard.runs} runs` : ''}`,
      )
      .join(', ')}`,
  ];
  const results = orderResults(
    shards.flatMap((s) => s.report.results.map((r) => rebaseArtifacts(r, s.dir, resolve(outputDir)))),
  );
  const calibration = mergeCalibration(shards, notes);
  notes.push(...targetNotes(shards));
  for (const s of shards)
    for (const note of s.report.target.notes)
      // Each shard said it was one part; the merged report is the whole.
      if (note !== shardNote(s.shard) && !notes.includes(note)) notes.push(note);
  const runError = mergeRunErrors(shards);
  const startedAt = shards.map((s) => s.report.startedAt).sort()[0]!;
  const finishedAt = shards
    .map((s) => s.report.finishedAt)
    .sort()
    .at(-1)!;
  const merged: RunReport = {
    tool: first.report.tool,
    target: {
      description: first.report.target.description,
      mode: first.report.target.mode,
      spEntityId: shards.find((s) => s.report.target.spEntityId)?.report.target.spEntityId,
      idpIssuer: shards.find((s) => s.report.target.idpIssuer)?.report.target.idpIssuer,
      notes,
    },
    startedAt,
    finishedAt,
    // Shards run side by side: the whole run took from the first start to the last finish.
    durationMs: Math.max(0, Date.parse(finishedAt) - Date.parse(startedAt)),
    strict: first.report.strict,
    interrupted: shards.some((s) => s.report.interrupted),
    summary: runError ? { runError, ...summarize(results) } : summarize(results),
    results,
  };
  const interruptedBy = mergeInterruptedBy(shards);
  if (interruptedBy) merged.interruptedBy = interruptedBy;
  // What the shards kept, the merge keeps: full evidence only if every shard had it (older reports did).
  merged.evidence = shards.every((s) => (s.report.evidence ?? 'all') === 'all') ? 'all' : 'failures';
  if (calibration.length > 0) merged.calibration = calibration;
  const liveness = mergeLiveness(shards);
  if (liveness) merged.liveness = liveness;
  const resources = mergeResources(shards);
  if (resources) merged.resources = resources;
  return merged;
}

function checkShards(reports: readonly ShardReport[]): Shard[] {
  const fail = (message: string): never => {
    throw new HarnessError('BAD_CONFIG', `merge-reports: ${message}`);
  };
  if (reports.length === 0) fail('no shard reports');
  for (const r of reports)
    if (!r.report.shard)
      fail(
        `${r.source} is not a shard's report (it was run without --shard); there is nothing to merge it with`,
      );
  const shards: Shard[] = reports.map((r) => ({ ...r, shard: r.report.shard! }));
  const first = shards[0]!;
  const differ = (what: string, value: (s: Shard) => unknown, say: (v: unknown) => string): void => {
    const other = shards.find((s) => value(s) !== value(first));
    if (other)
      fail(
        `${first.source} and ${other.source} ${what} (${say(value(first))} and ${say(value(other))}): they are not shards of one run`,
      );
  };
  differ('were written by different samlspec versions', (s) => s.report.tool.version, String);
  differ(
    'were split into different shard counts',
    (s) => s.shard.total,
    (n) => `--shard …/${String(n)}`,
  );
  differ('ran in different modes', (s) => s.report.target.mode, String);
  differ(
    'differ in --strict',
    (s) => s.report.strict,
    (v) => (v ? 'strict' : 'not strict'),
  );
  const planned = shards.filter((s) => s.shard.planFingerprint !== undefined);
  const plan = planned[0];
  const otherPlan = planned.find((s) => s.shard.planFingerprint !== plan?.shard.planFingerprint);
  if (plan && otherPlan)
    fail(
      `${plan.source} and ${otherPlan.source} planned different runs (another selection, --grep, --tag or --profile): they are not shards of one run`,
    );
  const total = first.shard.total;
  const seen = new Map<number, string>();
  for (const s of shards) {
    const earlier = seen.get(s.shard.current);
    if (earlier !== undefined)
      fail(`shard ${s.shard.current}/${total} is given twice (${earlier} and ${s.source})`);
    seen.set(s.shard.current, s.source);
  }
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((n) => !seen.has(n));
  if (missing.length > 0)
    fail(
      `missing shard${missing.length === 1 ? '' : 's'} ${missing.map((n) => `${n}/${total}`).join(', ')}: every shard's report is needed, or the merged report would pass what was never run`,
    );
  const owner = new Map<string, string>();
  for (const s of shards)
    for (const r of s.report.results) {
      const key = `${r.id}@${r.flow}`;
      const other = owner.get(key);
      if (other !== undefined)
        fail(`${key} is in both ${other} and ${s.source}: they are not shards of one run`);
      owner.set(key, s.source);
    }
  return [...shards].sort((a, b) => a.shard.current - b.shard.current);
}

/**
 * The order a single run reports in: catalog order, each scenario's flows in its own order, except that the
 * scenarios of a run phase (the certificate rollover) come after all others, as they run after them.
 */
function orderResults(results: ScenarioResult[]): ScenarioResult[] {
  const position = new Map<string, number>();
  const phaseOffset = catalog.length * 2;
  catalog.forEach((scenario, i) =>
    scenario.flows.forEach((flow, j) =>
      position.set(`${scenario.id}@${flow}`, (scenario.phase !== undefined ? phaseOffset : 0) + i * 2 + j),
    ),
  );
  const rank = (r: ScenarioResult): number => position.get(`${r.id}@${r.flow}`) ?? Number.MAX_SAFE_INTEGER;
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
    .map(({ r }) => r);
}

/** Artifact paths are relative to the report; the merged report lives elsewhere than the shard's. */
function rebaseArtifacts(result: ScenarioResult, shardDir: string, outputDir: string): ScenarioResult {
  const artifacts = result.evidence.artifacts;
  if (!artifacts || artifacts.length === 0 || shardDir === outputDir) return result;
  return {
    ...result,
    evidence: {
      ...result.evidence,
      artifacts: artifacts.map((path) => relative(outputDir, resolve(shardDir, path)).replace(/\\/g, '/')),
    },
  };
}

/** Per flow: the shards' calibration, once where they agree, once per distinct outcome (naming its shards) where not. */
function mergeCalibration(shards: readonly Shard[], notes: string[]): FlowCalibration[] {
  const flows = [...new Set(shards.flatMap((s) => (s.report.calibration ?? []).map((c) => c.flow)))];
  const merged: FlowCalibration[] = [];
  for (const flow of flows) {
    const groups = new Map<string, { calibration: FlowCalibration; shards: number[] }>();
    for (const s of shards)
      for (const c of s.report.calibration ?? []) {
        if (c.flow !== flow) continue;
        const key = `${c.status}|${c.option ?? ''}|${c.configuredOption}|${String(c.configuredRefused)}`;
        const group = groups.get(key);
        if (group) group.shards.push(s.shard.current);
        else groups.set(key, { calibration: c, shards: [s.shard.current] });
      }
    if (groups.size === 1) {
      merged.push([...groups.values()][0]!.calibration);
      continue;
    }
    const total = shards[0]!.shard.total;
    const which = (numbers: number[]): string =>
      `shard${numbers.length === 1 ? '' : 's'} ${numbers.map((n) => `${n}/${total}`).join(', ')}`;
    for (const { calibration, shards: numbers } of groups.values())
      merged.push({ ...calibration, summary: `${which(numbers)}: ${calibration.summary}` });
    notes.push(
      `calibration differed across shards (${flow}): ${[...groups.values()]
        .map(({ calibration, shards: numbers }) => `${which(numbers)}: ${calibration.summary}`)
        .join('; ')} — each shard's results were judged against its own calibration`,
    );
  }
  return merged;
}

function targetNotes(shards: readonly Shard[]): string[] {
  const describe = (s: Shard): string =>
    [s.report.target.description, s.report.target.spEntityId].filter(Boolean).join(', SP entity ID ');
  const first = describe(shards[0]!);
  if (shards.every((s) => describe(s) === first)) return [];
  return [
    `the shards ran against different targets: ${shards.map((s) => `shard ${s.shard.current}/${s.shard.total}: ${describe(s)}`).join('; ')}`,
  ];
}

function mergeRunErrors(shards: readonly Shard[]): RunError | undefined {
  const errors = shards.flatMap((s) =>
    s.report.summary.runError ? [{ shard: s.shard, error: s.report.summary.runError }] : [],
  );
  if (errors.length === 0) return undefined;
  return {
    code: errors[0]!.error.code,
    message: errors
      .map(({ shard, error }) => `shard ${shard.current}/${shard.total}: ${error.message}`)
      .join('; '),
  };
}

/**
 * `--max-failures` stopping a shard is judged by its findings (exit 1), like a single run it stopped. Only
 * when every interrupted shard was stopped by it: any other interruption (Ctrl-C, the SP dying) means
 * results are missing, and the merged run must exit 2 as that shard did.
 */
function mergeInterruptedBy(shards: readonly Shard[]): RunReport['interruptedBy'] {
  const interrupted = shards.filter((s) => s.report.interrupted);
  if (interrupted.length === 0 || !interrupted.every((s) => s.report.interruptedBy)) return undefined;
  // Each shard ran with its own copy of the flag; the smallest limit is the one that bit first.
  return interrupted.map((s) => s.report.interruptedBy!).reduce((a, b) => (b.limit < a.limit ? b : a));
}

function mergeLiveness(shards: readonly Shard[]): RunReport['liveness'] {
  const parts = shards.flatMap((s) => (s.report.liveness ? [s.report.liveness] : []));
  if (parts.length === 0) return undefined;
  return {
    checks: parts.reduce((n, l) => n + l.checks, 0),
    failed: parts.reduce((n, l) => n + l.failed, 0),
    spDown: parts.flatMap((l) => l.spDown),
  };
}

function mergeResources(shards: readonly Shard[]): RunReport['resources'] {
  const parts = shards.flatMap((s) => (s.report.resources ? [s.report.resources] : []));
  if (parts.length !== shards.length) return undefined;
  return {
    peakRssKb: Math.max(...parts.map((p) => p.peakRssKb)),
    cpuUserMs: parts.reduce((n, p) => n + p.cpuUserMs, 0),
    cpuSystemMs: parts.reduce((n, p) => n + p.cpuSystemMs, 0),
  };
}

export interface MergeOptions {
  reporters: readonly string[];
  outputDir: string;
  quiet?: boolean;
  log?: (line: string) => void;
}

/** Reads, checks and merges the shard reports, renders every report, and gives the whole run's exit code. */
export async function mergeReports(paths: readonly string[], options: MergeOptions): Promise<ExecuteResult> {
  const shards = await readShardReports(paths);
  const outputDir = resolve(options.outputDir);
  const clash = shards.find((s) => s.dir === outputDir);
  if (clash)
    throw new HarnessError(
      'BAD_CONFIG',
      `merge-reports: ${clash.source} is in the output directory; write the merged reports elsewhere (--output-dir)`,
    );
  const report = mergeShardReports(shards, outputDir);
  const reporters = new Multiplexer(
    createReporters(options.reporters, {
      outputDir,
      evidence: report.evidence ?? 'all',
      ...(options.quiet ? { quiet: true } : {}),
    }),
    {
      onReporterError: (f) =>
        options.log?.(`samlspec: reporter ${f.reporter} failed in ${f.hook}: ${f.message}`),
    },
  );
  // The reporters hear the merged run as they would a single one: plan, each result, the report.
  await reporters.onRunStart({
    target: report.target.description,
    scenarios: report.results.map((r) => ({ id: r.id, flow: r.flow, level: r.level, title: r.title })),
    strict: report.strict,
  });
  for (const result of report.results) await reporters.onScenarioEnd(result);
  const files = await reporters.onRunEnd(report);
  return { report, exitCode: exitCodeFor(report, reporters.failures.length > 0), files };
}
