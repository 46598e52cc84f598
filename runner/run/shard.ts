/**
 * @module `--shard i/n`, as Playwright splits a run over CI machines: the planned scenario runs
 * (id@flow) are dealt to n shards by their recorded cost (scenarios/costs.json), so shards take similar
 * time, and shard i runs its part. The split depends only on the selection and the cost table — not on
 * the SP, the config or the machine — so `samlspec list --shard i/n` shows what `run --shard i/n` runs,
 * and every shard of one command agrees on who runs what. Each shard is a complete run of its part:
 * it calibrates the flows that part needs, and its report says which part of which plan it holds, so
 * `samlspec merge-reports` can check that the shards belong together.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { ReportShard } from '../../reports/types.js';
import { scenarioCost } from '../../scenarios/costs.js';
import type { Scenario } from '../../scenarios/types.js';
import { HarnessError } from '../errors.js';
import type { PlannedRun } from './plan.js';

export interface ShardSpec {
  /** 1-based: shard `current` of `total`. */
  current: number;
  total: number;
}

const SHARD_TEXT = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;
const SHARD_RULE = 'must be i/n with 1 ≤ i ≤ n, e.g. 2/4';

/** `run.shard` in a config file: "2/4", or { current: 2, total: 4 }. */
export const shardSchema = z
  .union([z.string(), z.strictObject({ current: z.number().int(), total: z.number().int() })])
  .transform((value, ctx): ShardSpec => {
    const spec = typeof value === 'string' ? fromText(value) : value;
    if (!spec || !isValid(spec)) {
      ctx.addIssue({ code: 'custom', message: SHARD_RULE });
      return z.NEVER;
    }
    return spec;
  });

/** `--shard 2/4` → { current: 2, total: 4 }; anything else is a configuration error. */
export function parseShard(text: string): ShardSpec {
  const spec = fromText(text);
  if (!spec || !isValid(spec)) throw new HarnessError('BAD_CONFIG', `--shard ${text}: ${SHARD_RULE}`);
  return spec;
}

function fromText(text: string): ShardSpec | undefined {
  const match = SHARD_TEXT.exec(text);
  return match ? { current: Number(match[1]), total: Number(match[2]) } : undefined;
}

function isValid({ current, total }: ShardSpec): boolean {
  return Number.isSafeInteger(current) && Number.isSafeInteger(total) && current >= 1 && current <= total;
}

/**
 * Which shard (0-based) each item goes to: longest first, each to the shard with the least cost so far
 * (ties: the lower shard, the earlier item). Deterministic: the same items and costs always give the
 * same split, on every machine (integer costs, so no rounding can tip a tie).
 */
export function assignShards<T>(items: readonly T[], cost: (item: T) => number, total: number): number[] {
  const costs = items.map((item) => Math.max(0, Math.round(cost(item))));
  const order = items.map((_, i) => i).sort((a, b) => costs[b]! - costs[a]! || a - b);
  const load = new Array<number>(total).fill(0);
  const shardOf = new Array<number>(items.length);
  for (const index of order) {
    let best = 0;
    for (let s = 1; s < total; s++) if (load[s]! < load[best]!) best = s;
    shardOf[index] = best;
    load[best]! += costs[index]!;
  }
  return shardOf;
}

/** The part of `items` (in their order) that shard `spec` runs. */
export function shardOf<T>(items: readonly T[], cost: (item: T) => number, spec: ShardSpec): T[] {
  const shards = assignShards(items, cost, spec.total);
  return items.filter((_, i) => shards[i] === spec.current - 1);
}

/** A scenario run's key and cost, as every command deals them. */
export const runCost = (run: { scenario: Pick<Scenario, 'id'> }): number => scenarioCost(run.scenario.id);

export interface ShardedPlan {
  /** This shard's runs, in plan order. */
  plan: PlannedRun[];
  /**
   * What calibration must cover for this part to be judged as in the whole run: the part itself when it
   * has SP-initiated runs only, else the whole plan — calibration decides "SP-initiated only" for the
   * IdP-initiated flow (turning its runs on or off) only after the SP-initiated flow was seen to work.
   */
  calibrationPlan: PlannedRun[];
  shard: Required<ReportShard>;
}

export function shardPlan(whole: readonly PlannedRun[], spec: ShardSpec): ShardedPlan {
  const plan = shardOf(whole, runCost, spec);
  if (plan.length === 0)
    throw new HarnessError(
      'BAD_CONFIG',
      `shard ${spec.current}/${spec.total} has no scenario runs: the selection has ${whole.length}, so use at most ${whole.length} shards`,
    );
  return {
    plan,
    calibrationPlan: calibrationPlanFor(plan, whole),
    shard: { ...spec, runs: plan.length, of: whole.length, planFingerprint: planFingerprint(whole) },
  };
}

function calibrationPlanFor(part: readonly PlannedRun[], whole: readonly PlannedRun[]): PlannedRun[] {
  // The IdP-initiated flow's calibration decides which of its runs run at all ("SP-initiated only" turns
  // runs skipped for now on, and others off), and it leans on the SP-initiated flow's: a part with any
  // IdP-initiated run calibrates as the whole run does. Calibration never changes SP-initiated runs.
  return part.some((run) => run.flow === 'idp-initiated') ? [...whole] : [...part];
}

/** Said in a shard's own reports, so a shard's green is never read as the whole run's. */
export function shardNote(shard: ReportShard): string {
  const runs =
    shard.runs !== undefined && shard.of !== undefined ? `: ${shard.runs} of ${shard.of} scenario runs` : '';
  return `shard ${shard.current}/${shard.total}${runs} — one part of the run; samlspec merge-reports joins the shards' reports`;
}

/**
 * Names the whole run's plan — which runs, at which level and expectation (a profile changes those) —
 * so merge-reports can tell shards of one run from shards of different ones.
 */
export function planFingerprint(whole: readonly PlannedRun[]): string {
  const lines = whole.map((r) => `${r.scenario.id}@${r.flow}:${r.scenario.level}:${r.scenario.expect}`);
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}
