import { describe, expect, it } from 'vitest';
import { scenarios } from '../../scenarios/index.js';
import { scenarioCost, MEDIAN_COST } from '../../scenarios/costs.js';
import { SP_PROFILES } from '../../scenarios/sp-profiles/index.js';
import { HarnessError } from '../errors.js';
import { listView } from '../commands/list-view.js';
import { applyProfileLevels } from './apply-profile.js';
import { planRuns, SP_INITIATED_ONLY_TAG, type PlannedRun, type TargetCapabilities } from './plan.js';
import { parseRunConfig } from './run-config.js';
import { assignShards, parseShard, planFingerprint, runCost, shardPlan } from './shard.js';

const ALL: TargetCapabilities = {
  spInitiated: true,
  idpInitiated: true,
  encryption: true,
  spDomain: true,
  accountId: true,
};
const key = (run: PlannedRun): string => `${run.scenario.id}@${run.flow}`;
const wholePlan = (): PlannedRun[] => planRuns(scenarios, ALL);

describe('--shard i/n', () => {
  it('parses i/n and refuses anything else with a configuration error', () => {
    expect(parseShard('2/4')).toEqual({ current: 2, total: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ current: 1, total: 1 });
    for (const bad of ['0/2', '3/2', '1', '1/0', 'a/b', '-1/2', '1.5/2'])
      expect(() => parseShard(bad), bad).toThrow(HarnessError);
  });

  it('is run.shard in the config, as "i/n" or { current, total }', () => {
    const sp = { metadata: 'sp.xml' };
    expect(parseRunConfig({ sp, run: { shard: '3/5' } }, 'test').run.shard).toEqual({ current: 3, total: 5 });
    expect(parseRunConfig({ sp, run: { shard: { current: 1, total: 2 } } }, 'test').run.shard).toEqual({
      current: 1,
      total: 2,
    });
    expect(() => parseRunConfig({ sp, run: { shard: '5/3' } }, 'test')).toThrow(/run\.shard: must be i\/n/);
  });
});

describe('the split', () => {
  it('puts every planned run in exactly one shard, in plan order, the same way every time', () => {
    const whole = wholePlan();
    for (const total of [1, 2, 3, 7]) {
      const parts = Array.from({ length: total }, (_, i) => shardPlan(whole, { current: i + 1, total }).plan);
      const keys = parts.flat().map(key);
      expect(new Set(keys).size).toBe(whole.length);
      expect(keys.length).toBe(whole.length);
      for (const part of parts) {
        const order = part.map((run) => whole.indexOf(run));
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }
      expect(shardPlan(whole, { current: 1, total }).plan.map(key)).toEqual(parts[0]!.map(key));
    }
  });

  it('balances shards by recorded cost, not by count', () => {
    const whole = wholePlan();
    const total = 4;
    const costs = Array.from({ length: total }, (_, i) =>
      shardPlan(whole, { current: i + 1, total }).plan.reduce((sum, run) => sum + runCost(run), 0),
    );
    const heaviest = Math.max(...whole.map(runCost));
    // Greedy longest-first: no shard exceeds another by more than the costliest single run.
    expect(Math.max(...costs) - Math.min(...costs)).toBeLessThanOrEqual(heaviest);
  });

  it('deals expensive items apart (longest first, to the lightest shard)', () => {
    expect(assignShards([5, 1, 1, 1, 1, 1], (n) => n, 2)).toEqual([0, 1, 1, 1, 1, 1]);
    expect(assignShards([3, 3, 2, 2], (n) => n, 2)).toEqual([0, 1, 0, 1]);
  });

  it('gives scenarios the table does not know the median cost', () => {
    expect(scenarioCost('no/such/scenario')).toBe(MEDIAN_COST);
    expect(MEDIAN_COST).toBeGreaterThan(0);
  });

  it('refuses a shard with nothing to run (exit 2), naming the most shards that make sense', () => {
    const whole = wholePlan().slice(0, 3);
    expect(() => shardPlan(whole, { current: 4, total: 4 })).toThrow(/use at most 3 shards/);
  });

  it('is what samlspec list --shard shows, with or without a profile', () => {
    const selected = scenarios.filter((s) => s.id.startsWith('attacks/') || s.id.startsWith('core/'));
    const profile = SP_PROFILES.heroku;
    const whole = planRuns(applyProfileLevels(profile, selected), ALL);
    for (const current of [1, 2, 3]) {
      const run = shardPlan(whole, { current, total: 3 }).plan.map(key);
      const listed = listView(selected, { profile, shard: { current, total: 3 } }).rows.flatMap((row) =>
        row.flows.map((flow) => `${row.id}@${flow}`),
      );
      expect(listed).toEqual(run);
    }
  });
});

describe('what a shard calibrates', () => {
  const baseline = scenarios.find((s) => (s.tags ?? []).includes('baseline'))!;
  const other = scenarios.find((s) => s.expect === 'reject' && s.flows.length === 2)!;
  const spOnly = scenarios.find((s) => (s.tags ?? []).includes(SP_INITIATED_ONLY_TAG))!;
  const whole: PlannedRun[] = [
    { scenario: baseline, flow: 'sp-initiated' },
    { scenario: baseline, flow: 'idp-initiated' },
    { scenario: other, flow: 'sp-initiated' },
    { scenario: other, flow: 'idp-initiated' },
    // Skipped for now: calibration turns it on if the SP turns out to be SP-initiated only.
    { scenario: spOnly, flow: 'idp-initiated', skip: 'the SP accepts unsolicited responses' },
  ];

  it('calibrates as the whole run when the part has IdP-initiated runs, even skipped ones (their fate is decided there)', () => {
    const total = whole.length;
    for (let current = 1; current <= total; current++) {
      const { plan, calibrationPlan } = shardPlan(whole, { current, total });
      expect(plan).toHaveLength(1);
      expect(calibrationPlan).toEqual(plan[0]!.flow === 'idp-initiated' ? whole : plan);
    }
  });
});

describe('the plan fingerprint', () => {
  it('is the same for the same plan and differs when a profile changes levels or the selection differs', () => {
    const plain = planRuns(scenarios, ALL);
    expect(planFingerprint(plain)).toBe(planFingerprint(planRuns(scenarios, ALL)));
    expect(planFingerprint(planRuns(applyProfileLevels(SP_PROFILES.heroku, scenarios), ALL))).not.toBe(
      planFingerprint(plain),
    );
    expect(planFingerprint(plain.slice(1))).not.toBe(planFingerprint(plain));
  });

  it('is recorded with the shard: which part, of how many runs', () => {
    const whole = wholePlan();
    const { shard, plan } = shardPlan(whole, { current: 2, total: 3 });
    expect(shard).toEqual({
      current: 2,
      total: 3,
      runs: plan.length,
      of: whole.length,
      planFingerprint: planFingerprint(whole),
    });
  });
});
