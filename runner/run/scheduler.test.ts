import { describe, expect, it } from 'vitest';
import { runPlan } from './scheduler.js';
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
    fix: 'Accept it.',
  },
  {
    slug: 'b',
    title: 'B',
    requirement: 'MUST b',
    refs: [{ doc: 'saml-core', section: '1' }],
    level: 'must',
    expect: 'reject',
    fix: 'Refuse it.',
    requires: ['encryption'],
  },
  {
    slug: 'c',
    title: 'C',
    requirement: 'MUST c',
    refs: [{ doc: 'saml-core', section: '1' }],
    level: 'must',
    expect: 'reject',
    fix: 'Refuse it.',
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

describe('runPlan with liveness', () => {
  const many = defineScenarios(
    'core/live',
    Array.from({ length: 12 }, (_, i) => ({
      slug: `s${i}`,
      title: `S${i}`,
      requirement: 'MUST refuse',
      refs: [{ doc: 'saml-core', section: '1' }] as const,
      level: 'must' as const,
      expect: 'reject' as const,
      fix: 'Refuse it.',
      flows: ['sp-initiated' as const],
    })),
  );
  const plan = planRuns(many.scenarios, {
    spInitiated: true,
    idpInitiated: false,
    encryption: false,
    spDomain: false,
    accountId: false,
  });
  const POISON = 'core/live/s5';

  /** An SP that dies on the poison input; with a supervisor it is back at the next check. */
  function fakeSp(supervised: boolean, refuseBaselineAfter?: number) {
    let alive = true;
    let delivered = 0;
    const lost = (run: PlannedRun, code: string): ScenarioResult => ({
      ...result(run, 'error'),
      error: { code: 'TARGET_UNREACHABLE', message: `POST http://sp/acs: ${code}` },
      actual: `harness error: POST http://sp/acs: ${code}`,
    });
    const hooks = {
      every: 2,
      recoveryMs: supervised ? 1000 : 30,
      pollMs: 5,
      check: async () => {
        if (!alive) {
          if (supervised) alive = true;
          return 'down' as const;
        }
        if (refuseBaselineAfter !== undefined && delivered >= refuseBaselineAfter) return 'refusing' as const;
        return 'alive' as const;
      },
      lostConnection: (r: ScenarioResult) => r.outcome === 'error' && /ECONN/.test(r.actual),
      crashed: (run: PlannedRun, r: ScenarioResult) => ({ ...r, outcome: 'fail' as const, actual: 'crash' }),
      notRun: (run: PlannedRun) => ({ ...result(run, 'skipped'), notRun: 'sp-down' as const }),
      unconfirmed: (r: ScenarioResult) => ({ ...r, outcome: 'inconclusive' as const }),
    };
    const execute = async (run: PlannedRun): Promise<ScenarioResult> => {
      await new Promise((r) => setTimeout(r, 2));
      if (!alive) return lost(run, 'ECONNREFUSED');
      delivered++;
      if (run.scenario.id === POISON) {
        alive = false;
        return lost(run, 'ECONNRESET');
      }
      return result(run, 'pass');
    };
    return { hooks, execute };
  }
  const base = {
    skipped: (run: PlannedRun) => result(run, 'skipped'),
    timedOut: (run: PlannedRun) => result(run, 'error'),
    timeoutMs: 5000,
  };
  const outcomes = (results: ScenarioResult[]): Record<string, string> =>
    Object.fromEntries(results.map((r) => [r.id, r.outcome]));

  it('isolates the input that crashed the SP when a supervisor restarts it, and goes on', async () => {
    const sp = fakeSp(true);
    const { results, liveness } = await runPlan(plan, {
      ...base,
      workers: 3,
      execute: sp.execute,
      liveness: sp.hooks,
    });
    const byId = outcomes(results);
    expect(byId[POISON]).toBe('fail');
    expect(Object.entries(byId).filter(([id, o]) => id !== POISON && o !== 'pass')).toEqual([]);
    expect(results).toHaveLength(plan.length);
    expect(liveness?.spDown.map((e) => [e.after, e.recovered])).toEqual([[[`${POISON}@sp-initiated`], true]]);
  });

  it('names the crashing input and marks the rest not run when the SP stays down', async () => {
    const sp = fakeSp(false);
    const { results, liveness } = await runPlan(plan, {
      ...base,
      workers: 1,
      execute: sp.execute,
      liveness: sp.hooks,
    });
    const byId = outcomes(results);
    expect(byId[POISON]).toBe('fail');
    expect(results.filter((r) => r.outcome === 'error')).toEqual([]);
    const after = results.slice(results.findIndex((r) => r.id === POISON) + 1);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((r) => r.outcome === 'skipped' && r.notRun === 'sp-down')).toBe(true);
    expect(liveness?.spDown[0]?.notRun).toBe(after.length);
  });

  it('turns refusals into inconclusive when the SP stops signing the baseline user in', async () => {
    const safe = plan.filter((run) => run.scenario.id !== POISON);
    const sp = fakeSp(false, 4);
    const { results } = await runPlan(safe, { ...base, workers: 1, execute: sp.execute, liveness: sp.hooks });
    const counts = results.reduce<Record<string, number>>(
      (acc, r) => ({ ...acc, [r.outcome]: (acc[r.outcome] ?? 0) + 1 }),
      {},
    );
    expect(counts['pass']).toBeGreaterThan(0);
    expect(counts['inconclusive']).toBeGreaterThan(0);
    expect(results).toHaveLength(safe.length);
  });
});
