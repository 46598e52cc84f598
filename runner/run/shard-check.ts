/**
 * @module The rule that shard reports belong together — one samlspec version, one shard count, one plan,
 * each shard exactly once — or merge-reports stops with exit 2 and says why: a merged report that silently
 * missed a shard would pass what was never tested.
 */
import { HarnessError } from '../errors.js';
import type { Shard, ShardReport } from './shard-reports-read.js';

export function checkShards(reports: readonly ShardReport[]): Shard[] {
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
