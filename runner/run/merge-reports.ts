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
import { resolve } from 'node:path';
import { summarize, type RunReport } from '../../reports/types.js';
import { HarnessError } from '../errors.js';
import { finishRun, type ExecuteResult } from './finish-run.js';
import { openReporters } from './run-reporters.js';
import {
  mergeCalibration,
  mergeInterruptedBy,
  mergeLiveness,
  mergeResources,
  mergeRunErrors,
  orderResults,
  rebaseArtifacts,
  targetNotes,
} from './merge-report-parts.js';
import { shardNote } from './shard.js';
import { checkShards } from './shard-check.js';
import { readShardReports, type ShardReport } from './shard-reports-read.js';

export { readShardReports, type ShardReport } from './shard-reports-read.js';

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
  const reporters = openReporters(
    options.reporters,
    { outputDir, evidence: report.evidence ?? 'all', ...(options.quiet ? { quiet: true } : {}) },
    options.log,
  );
  // The reporters hear the merged run as they would a single one: plan, each result, the report.
  await reporters.onRunStart({
    target: report.target.description,
    scenarios: report.results.map((r) => ({ id: r.id, flow: r.flow, level: r.level, title: r.title })),
    strict: report.strict,
  });
  for (const result of report.results) await reporters.onScenarioEnd(result);
  return finishRun(reporters, report);
}
