/**
 * @module What each scenario run costs, for `--shard`: the checked-in table (costs.json, measured by
 * `npm run costs`) so shards take similar time, not merely similar counts — a deep-nesting or oversized
 * attack takes ten times a claim check. A scenario the table does not know yet costs the median.
 */
import table from './costs.json' with { type: 'json' };

const COSTS: Readonly<Record<string, number>> = table.costs;

export const MEDIAN_COST = median(Object.values(COSTS));

/** Milliseconds one run (one flow) of the scenario is expected to take. */
export function scenarioCost(id: string): number {
  return Object.hasOwn(COSTS, id) ? COSTS[id]! : MEDIAN_COST;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 1;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}
