/**
 * @module What `samlspec list` prints: the selected scenarios (dry run) — with `--shard`, only the
 * runs that shard would run, split exactly as `run --shard` splits them; with `--profile`, the levels
 * and expectations the product's profile gives them and what it skips, so a vendor sees what a profile
 * changes before running it; with a bare `--tag`, the tags to filter by.
 */
import type { Flow, Scenario } from '../../scenarios/types.js';
import type { SpProfile } from '../../scenarios/sp-profiles/index.js';
import { applyProfileLevels, profileSkipReason } from '../run/apply-profile.js';
import { SP_INITIATED_ONLY_TAG } from '../run/plan.js';
import { runCost, shardOf, type ShardSpec } from '../run/shard.js';

export interface ListRow {
  id: string;
  level: Scenario['level'];
  expect: Scenario['expect'];
  /** The flows listed: all of the scenario's, or those in the shard. */
  flows: Flow[];
  title: string;
  requirement: string;
  refs: Scenario['refs'];
  tags: string[];
  /** With --profile: how the profile changed this scenario (level/expectation from → to) and why. */
  profileChange?: { from: { level: Scenario['level']; expect: Scenario['expect'] }; because: string };
  /** With --profile: why the profile skips it. */
  profileSkip?: string;
}

export interface ListView {
  rows: ListRow[];
  /** Scenario runs listed (id@flow), and in the whole selection. */
  runs: number;
  allRuns: number;
  /** Recorded cost of the listed runs, ms (scenarios/costs.json). */
  costMs: number;
}

export function listView(
  selected: readonly Scenario[],
  options: { profile?: SpProfile | undefined; shard?: ShardSpec | undefined } = {},
): ListView {
  const { profile, shard } = options;
  const scenarios = profile ? applyProfileLevels(profile, selected) : [...selected];
  // The same runs in the same order as the run's plan (runner/run/plan.ts), so the split is the same.
  const all = scenarios.flatMap((scenario) => scenario.flows.map((flow) => ({ scenario, flow })));
  const runs = shard ? shardOf(all, runCost, shard) : all;
  const rows: ListRow[] = [];
  for (const [index, scenario] of scenarios.entries()) {
    const flows = runs.filter((run) => run.scenario === scenario).map((run) => run.flow);
    if (flows.length === 0) continue;
    const original = selected[index]!;
    const changed = scenario.level !== original.level || scenario.expect !== original.expect;
    const because = changed
      ? profile?.levels?.find((rule) => matches(rule.match, original))?.because
      : undefined;
    const skip = profile ? profileSkipReason(profile, original) : undefined;
    rows.push({
      id: scenario.id,
      level: scenario.level,
      expect: scenario.expect,
      flows,
      title: scenario.title,
      requirement: scenario.requirement,
      refs: scenario.refs,
      tags: [...(scenario.tags ?? [])],
      ...(changed
        ? {
            profileChange: {
              from: { level: original.level, expect: original.expect },
              because: because ?? scenario.requirement,
            },
          }
        : {}),
      ...(skip ? { profileSkip: skip } : {}),
    });
  }
  return {
    rows,
    runs: runs.length,
    allRuns: all.length,
    costMs: runs.reduce((sum, run) => sum + runCost(run), 0),
  };
}

function matches(match: { prefix?: string; tag?: string }, scenario: Scenario): boolean {
  return (
    (match.prefix === undefined || scenario.id.startsWith(match.prefix)) &&
    (match.tag === undefined || (scenario.tags ?? []).includes(match.tag))
  );
}

const FLOW_LABEL: Record<Flow, string> = { 'sp-initiated': 'SP', 'idp-initiated': 'IdP' };

/** One line per scenario (id, level, expectation, flows, title), then a count line. */
export function renderList(
  view: ListView,
  options: { profile?: SpProfile | undefined; shard?: ShardSpec | undefined } = {},
): string {
  const { profile, shard } = options;
  const width = Math.max(...view.rows.map((r) => r.id.length));
  // With --profile a mark column: * the profile changes the level or expectation, - it skips the scenario.
  const mark = (r: ListRow): string =>
    profile ? `${r.profileSkip ? '-' : r.profileChange ? '*' : ' '} ` : '';
  const lines = view.rows.map((r) => {
    const flows = r.flows.map((f) => FLOW_LABEL[f]).join('+');
    return `${mark(r)}${r.id.padEnd(width)}  ${r.level.padEnd(6)} ${r.expect.padEnd(17)} ${flows.padEnd(6)} ${r.title}`;
  });
  const count = `${view.rows.length} scenarios`;
  lines.push(
    shard
      ? `${count}: ${view.runs} of ${view.allRuns} scenario runs in shard ${shard.current}/${shard.total} (recorded cost ${seconds(view.costMs)})`
      : count,
  );
  if (profile) lines.push('', ...profileLines(profile, view));
  return `${lines.join('\n')}\n`;
}

/** What `--profile` changes: flows, the app's settings, and — among the listed scenarios — levels, expectations, skips. */
export function profileLines(profile: SpProfile, view: ListView): string[] {
  const lines = [`--profile ${profile.name} (${profile.product}) changes:`];
  const flows = profile.flows.idpInitiated
    ? 'SP- and IdP-initiated sign-in'
    : `SP-initiated only: IdP-initiated runs are skipped, and the checks that unsolicited responses are refused (tag ${SP_INITIATED_ONLY_TAG}) apply`;
  lines.push(`  flows: ${flows}`);
  const nameId = `NameID ${profile.app.nameId.source} (${profile.app.nameId.format})`;
  const relay = profile.app.relayState === 'instance-url' ? ', Relay State = --instance-url' : '';
  const domain = profile.needsSpDomain ? ', needs --sp-domain' : '';
  lines.push(`  app: ${nameId}${relay}${domain}; the IdP's settings taken as ${profile.idpSetup}`);
  const changed = view.rows.filter((r) => r.profileChange);
  lines.push(`  * level or expectation changed (${changed.length}):`);
  for (const r of changed) {
    const from = r.profileChange!.from;
    const what = [
      from.level !== r.level ? `${from.level} → ${r.level}` : r.level,
      from.expect !== r.expect ? `expect ${from.expect} → ${r.expect}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(`    ${r.id}: ${what}: ${r.profileChange!.because}`);
  }
  const skipped = view.rows.filter((r) => r.profileSkip);
  lines.push(`  - skipped, not applicable (${skipped.length}):`);
  for (const r of skipped) lines.push(`    ${r.id}: ${r.profileSkip}`);
  return lines;
}

/** `list --tag` without a value: each tag of the selected scenarios with how many carry it. */
export function renderTags(scenarios: readonly Scenario[]): string {
  const counts = new Map<string, number>();
  for (const s of scenarios) for (const tag of s.tags ?? []) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  const tags = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const width = Math.max(0, ...tags.map(([tag]) => tag.length));
  return `${tags.map(([tag, n]) => `${tag.padEnd(width)}  ${n}`).join('\n')}\n${tags.length} tags (filter with --tag <tag>)\n`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
