/**
 * @module Test helper: shard reports as `samlspec run --shard i/n` writes them, small enough to read in a
 * test: results, calibration, liveness and resources per shard, and a two-shard run of four scenario runs.
 */
import {
  summarize,
  type FlowCalibration,
  type Outcome,
  type ReportShard,
  type RunReport,
  type ScenarioResult,
} from '../../../reports/types.js';
import { scenarios } from '../../../scenarios/index.js';
import type { ShardReport } from '../merge-reports.js';

/** Three catalog scenarios, in catalog order. */
export const [first, second, third] = scenarios;

export function result(id: string, flow: ScenarioResult['flow'], outcome: Outcome): ScenarioResult {
  return {
    id,
    flow,
    level: 'must',
    expect: 'reject',
    outcome,
    title: id,
    requirement: 'MUST',
    refs: [],
    tags: [],
    durationMs: 10,
    expected: [],
    actual: outcome,
    evidence: {},
  };
}

export function calibrated(
  flow: FlowCalibration['flow'],
  option: FlowCalibration['option'],
): FlowCalibration {
  return {
    flow,
    status: 'calibrated',
    option,
    configuredOption: 'assertion',
    configuredRefused: option !== 'assertion',
    summary: `${flow}: accepts ${option}`,
    attempts: [],
  };
}

export function shardReport(
  shard: ReportShard,
  results: ScenarioResult[],
  extra: Partial<RunReport> = {},
  source = `shard-${shard.current}`,
): ShardReport {
  const report: RunReport = {
    tool: { name: 'samlspec', version: '0.1.0' },
    target: {
      description: 'SP https://sp.test',
      mode: 'http',
      notes: [`note ${shard.current}`, 'shared note'],
    },
    startedAt: `2025-01-01T10:00:0${shard.current}.000Z`,
    finishedAt: `2025-01-01T10:01:0${shard.current}.000Z`,
    durationMs: 60_000,
    strict: false,
    interrupted: false,
    calibration: [calibrated('sp-initiated', 'assertion'), calibrated('idp-initiated', 'assertion')],
    liveness: { checks: 2, failed: 0, spDown: [] },
    resources: { peakRssKb: 1000 * shard.current, cpuUserMs: 100, cpuSystemMs: 10 },
    shard,
    summary: summarize(results),
    results,
    ...extra,
  };
  return { source: `${source}/samlspec-report.json`, dir: `/reports/${source}`, report };
}

export const of2 = (current: number): ReportShard => ({
  current,
  total: 2,
  runs: 2,
  of: 4,
  planFingerprint: 'abc',
});

export function twoShards(outcome2: Outcome = 'pass'): ShardReport[] {
  return [
    // Shard 2 listed first: the merged report puts results back in catalog order anyway.
    shardReport(of2(2), [
      result(second!.id, 'idp-initiated', outcome2),
      result(first!.id, 'sp-initiated', 'pass'),
    ]),
    shardReport(of2(1), [
      result(first!.id, 'idp-initiated', 'info'),
      result(second!.id, 'sp-initiated', 'pass'),
    ]),
  ];
}
