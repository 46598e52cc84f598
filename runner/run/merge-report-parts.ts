/** @module How merge-reports joins each part of the shards' reports: results in catalog order, calibration, notes, errors, liveness, resources. */
import { relative, resolve } from 'node:path';
import type { FlowCalibration, RunError, RunReport, ScenarioResult } from '../../reports/types.js';
import { scenarios as catalog } from '../../scenarios/index.js';
import type { Shard } from './shard-reports-read.js';

/**
 * The order a single run reports in: catalog order, each scenario's flows in its own order, except that the
 * scenarios of a run phase (the certificate rollover) come after all others, as they run after them.
 */
export function orderResults(results: ScenarioResult[]): ScenarioResult[] {
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
export function rebaseArtifacts(result: ScenarioResult, shardDir: string, outputDir: string): ScenarioResult {
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
export function mergeCalibration(shards: readonly Shard[], notes: string[]): FlowCalibration[] {
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

export function targetNotes(shards: readonly Shard[]): string[] {
  const describe = (s: Shard): string =>
    [s.report.target.description, s.report.target.spEntityId].filter(Boolean).join(', SP entity ID ');
  const first = describe(shards[0]!);
  if (shards.every((s) => describe(s) === first)) return [];
  return [
    `the shards ran against different targets: ${shards.map((s) => `shard ${s.shard.current}/${s.shard.total}: ${describe(s)}`).join('; ')}`,
  ];
}

export function mergeRunErrors(shards: readonly Shard[]): RunError | undefined {
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
export function mergeInterruptedBy(shards: readonly Shard[]): RunReport['interruptedBy'] {
  const interrupted = shards.filter((s) => s.report.interrupted);
  if (interrupted.length === 0 || !interrupted.every((s) => s.report.interruptedBy)) return undefined;
  // Each shard ran with its own copy of the flag; the smallest limit is the one that bit first.
  return interrupted.map((s) => s.report.interruptedBy!).reduce((a, b) => (b.limit < a.limit ? b : a));
}

export function mergeLiveness(shards: readonly Shard[]): RunReport['liveness'] {
  const parts = shards.flatMap((s) => (s.report.liveness ? [s.report.liveness] : []));
  if (parts.length === 0) return undefined;
  return {
    checks: parts.reduce((n, l) => n + l.checks, 0),
    failed: parts.reduce((n, l) => n + l.failed, 0),
    spDown: parts.flatMap((l) => l.spDown),
  };
}

export function mergeResources(shards: readonly Shard[]): RunReport['resources'] {
  const parts = shards.flatMap((s) => (s.report.resources ? [s.report.resources] : []));
  if (parts.length !== shards.length) return undefined;
  return {
    peakRssKb: Math.max(...parts.map((p) => p.peakRssKb)),
    cpuUserMs: parts.reduce((n, p) => n + p.cpuUserMs, 0),
    cpuSystemMs: parts.reduce((n, p) => n + p.cpuSystemMs, 0),
  };
}
