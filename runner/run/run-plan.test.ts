import { describe, expect, it } from 'vitest';
import { runPlan } from './run-plan.js';
import { planRuns } from './plan.js';
import { defineScenarios } from '../../scenarios/define.js';
import type { ScenarioResult } from '../../reports/types.js';
import type { PlannedRun } from './plan.js';

const group = defineScenarios('core/test', [
  {
    slug: 'a',
    title: 'A',
    requirement: 'MUST a',
    refs: [{ doc: 'saml-core', section: '1' }],
    level: 'must',
    expect: 'accept',
  },
  {
    slug: 'b',
    title: 'B',
    requirement: 'MUST b',
    refs: [{ doc: 'saml-core', section: '1' }],
    level: 'must',
    expect: 'reject',
    requires: ['encryption'],
  },
  {
    slug: 'c',
    title: 'C',
    requirement: 'MUST c',
    refs: [{ doc: 'saml-core', section: '1' }],
    level: 'must',
    expect: 'reject',
    flows: ['sp-initiated'],
  },
]);

const result = (run: PlannedRun, outcome: ScenarioResult['outcome']): ScenarioResult => ({
  id: run.scenario.id,
  flow: run.flow,
  level: run.scenario.level,
  expect: run.scenario.expect,
  outcome,
  title: run.scenario.title,
  requirement: run.scenario.requirement,
  refs: [],
  tags: [],
  durationMs: 0,
  expected: [],
  actual: '',
  evidence: {},
});

describe('planRuns', () => {
  it('expands flows and marks what the target cannot do as skipped', () => {
    const plan = planRuns(group.scenarios, {
      spInitiated: true,
      idpInitiated: false,
      encryption: false,
      spDomain: false,
      accountId: false,
    });
    expect(plan.map((p) => [p.scenario.id, p.flow, Boolean(p.skip)])).toEqual([
      ['core/test/a', 'sp-initiated', false],
      ['core/test/a', 'idp-initiated', true],
      ['core/test/b', 'sp-initiated', true],
      ['core/test/b', 'idp-initiated', true],
      ['core/test/c', 'sp-initiated', false],
    ]);
  });
});

describe('runPlan', () => {
  const plan = planRuns(group.scenarios, {
    spInitiated: true,
    idpInitiated: true,
    encryption: true,
    spDomain: true,
    accountId: true,
  });
  const base = {
    skipped: (run: PlannedRun) => result(run, 'skipped'),
    timedOut: (run: PlannedRun) => result(run, 'error'),
  };

  it('keeps plan order whatever order runs finish in', async () => {
    const { results, interrupted } = await runPlan(plan, {
      ...base,
      workers: 3,
      timeoutMs: 5000,
      execute: async (run) => {
        await new Promise((r) => setTimeout(r, run.scenario.id.endsWith('a') ? 30 : 1));
        return result(run, 'pass');
      },
    });
    expect(interrupted).toBe(false);
    expect(results.map((r) => `${r.id}:${r.flow}`)).toEqual(plan.map((p) => `${p.scenario.id}:${p.flow}`));
  });

  it('turns a hanging scenario into an error and goes on', async () => {
    const { results } = await runPlan(plan, {
      ...base,
      workers: 2,
      timeoutMs: 50,
      execute: async (run) =>
        run.scenario.id.endsWith('b') ? new Promise<ScenarioResult>(() => undefined) : result(run, 'pass'),
    });
    expect(results.filter((r) => r.outcome === 'error').map((r) => r.id)).toEqual([
      'core/test/b',
      'core/test/b',
    ]);
    expect(results).toHaveLength(plan.length);
  });

  it('stops on abort and reports what finished as interrupted', async () => {
    const abort = new AbortController();
    const { results, interrupted } = await runPlan(plan, {
      ...base,
      workers: 1,
      timeoutMs: 5000,
      signal: abort.signal,
      execute: async (run) => {
        abort.abort();
        return result(run, 'pass');
      },
    });
    expect(interrupted).toBe(true);
    expect(results.length).toBeLessThan(plan.length);
  });
});
