/**
 * @module The run report as every reporter receives it: the target, timing, the summary of the results,
 * the run-level error when the run stopped as a whole, the harness's own resource use, and the shard.
 */
import {
  summarize,
  type ReportShard,
  type RunError,
  type RunReport,
  type ScenarioResult,
} from '../../reports/types.js';
import type { PreparedIdp } from './prepare-idp.js';
import type { RunConfig } from './run-config.js';
import { shardNote } from './shard.js';
import { VERSION } from '../version.js';

export interface ReportParts {
  description: string;
  /** Undefined when the run stopped before the IdP was ready. */
  idp: PreparedIdp | undefined;
  startedAt: Date;
  results: ScenarioResult[];
  interrupted: boolean;
  notes: string[];
  runError?: RunError;
}

export function buildReport(config: RunConfig, parts: ReportParts): RunReport {
  const { description, idp, startedAt, results, interrupted, notes, runError } = parts;
  const finishedAt = new Date();
  return {
    tool: { name: 'samlspec', version: VERSION },
    target: {
      description,
      mode: config.run.mode,
      spEntityId: idp?.sp.entityId,
      idpIssuer: idp?.handle.issuer,
      notes,
    },
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    strict: config.run.strict,
    interrupted,
    summary: runError ? { runError, ...summarize(results) } : summarize(results),
    results,
    resources: harnessResources(),
  };
}

/** Says which shard the report is (first among the notes), so no shard report is read as the whole run. */
export function markShard(report: RunReport, shard: ReportShard | undefined): void {
  if (!shard) return;
  report.shard = shard;
  report.target.notes.unshift(shardNote(shard));
}

function harnessResources(): NonNullable<RunReport['resources']> {
  const usage = process.resourceUsage();
  return {
    peakRssKb: usage.maxRSS,
    cpuUserMs: Math.round(usage.userCPUTime / 1000),
    cpuSystemMs: Math.round(usage.systemCPUTime / 1000),
  };
}
