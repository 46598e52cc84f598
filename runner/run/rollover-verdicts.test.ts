import { describe, expect, it } from 'vitest';
import type { Outcome, ScenarioResult } from '../../reports/types.js';
import type { Scenario } from '../../scenarios/types.js';
import { scenarios } from '../../scenarios/index.js';
import { judgeAfterRollover, judgeListed } from './rollover-verdicts.js';

const scenario = (slug: string): Scenario => scenarios.find((s) => s.id === `entra/certificates/${slug}`)!;
const result = (s: Scenario, outcome: Outcome): ScenarioResult => ({
  id: s.id,
  flow: 'idp-initiated',
  level: s.level,
  expect: s.expect,
  outcome,
  title: s.title,
  requirement: s.requirement,
  refs: [],
  tags: [...(s.tags ?? [])],
  durationMs: 0,
  expected: [],
  actual: '',
  evidence: {},
});
const state = (tookNew: boolean, aliveOnRetired: boolean) => ({
  tookNew,
  aliveOnRetired: () => Promise.resolve(aliveOnRetired),
  expires: '2029-12-04',
});
const judge = async (slug: string, outcome: Outcome, tookNew: boolean, alive = false) =>
  (await judgeAfterRollover(result(scenario(slug), outcome), scenario(slug), state(tookNew, alive))).outcome;

describe('judgeAfterRollover', () => {
  it('keeps every verdict when the SP took the new certificate', async () => {
    expect(await judge('rollover-retired', 'pass', true)).toBe('pass');
    expect(await judge('rollover-retired', 'fail', true)).toBe('fail');
    expect(await judge('rollover-new-active', 'pass', true)).toBe('pass');
  });

  it('never passes a refusal when the SP refuses the new certificate too', async () => {
    // Still signs in with the retired certificate: it did not take the rollover (will break at rollover).
    expect(await judge('never-published-certificate', 'pass', false, true)).toBe('skipped');
    // Signs nobody in at all after the refresh: nothing can be judged.
    expect(await judge('never-published-certificate', 'pass', false, false)).toBe('inconclusive');
    expect(await judge('rollover-retired', 'skipped', false, false)).toBe('inconclusive');
  });

  it('an accepted old or unknown certificate is a finding whatever else happened', async () => {
    expect(await judge('rollover-retired', 'fail', false, true)).toBe('fail');
    expect(await judge('rollover-new-active', 'fail', false, true)).toBe('fail');
  });

  it('words not-refreshed as "will break at rollover", with the expiry date, when the new certificate is refused', async () => {
    const s = scenario('not-refreshed');
    const refused = await judgeAfterRollover(result(s, 'info'), s, state(false, true));
    const followed = await judgeAfterRollover(result(s, 'info'), s, state(true, true));
    expect(refused.outcome).toBe('info');
    expect(refused.actual).toContain('2029-12-04');
    expect(followed.actual).not.toContain('2029-12-04');
  });
});

describe('judgeListed', () => {
  const listed = scenario('metadata-lists-two-certificates');

  it('passes the two-certificate import only when the SP also took the new certificate', () => {
    expect(judgeListed(result(listed, 'pass'), true).outcome).toBe('pass');
    // Signed in, but the refresh is not shown to re-read anything: never a pass.
    expect(judgeListed(result(listed, 'pass'), false).outcome).toBe('skipped');
  });

  it('keeps a refusal of the Entra-shaped metadata as the finding', () => {
    expect(judgeListed(result(listed, 'non-strict'), true).outcome).toBe('non-strict');
    expect(judgeListed(result(listed, 'non-strict'), false).outcome).toBe('non-strict');
  });
});

describe('judgeAfterRollover with the new metadata refused', () => {
  it('a refused new metadata keeps the finding and says why', async () => {
    const s = scenario('rollover-new-active');
    const judged = await judgeAfterRollover(result(s, 'fail'), s, {
      ...state(false, true),
      refusedNew: 'REFUSED-NEW-METADATA',
    });
    expect(judged.outcome).toBe('fail');
    expect(judged.actual).toContain('REFUSED-NEW-METADATA');
  });
});
