/**
 * The traced repeat of failing scenarios, against a real SP over HTTP. The traced target here is an HTTP
 * target that reports a trace file as its evidence (a browser target's part: what is tested is which runs
 * get a repeat and what the result keeps of it).
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../reports/types.js';
import { scenarios } from '../../scenarios/index.js';
import { HttpTarget } from '../targets/http-target.js';
import type { ScenarioEvidence } from '../targets/browser/capabilities.js';
import { HarnessError } from '../errors.js';
import type { RunEnvironment } from './run-environment.js';
import { profileSpEnv } from './test-support/profile-sp-env.js';
import { runScenarioTracingFailures } from './trace-failures.js';

const TRACE = 'browser-artifacts/x/idp-initiated.trace.zip';

/** An HTTP target that, like a traced browser target, keeps a trace for a fail or an error. */
class TracingHttpTarget extends HttpTarget {
  finishScenario(result: Pick<ScenarioResult, 'outcome'>): Promise<ScenarioEvidence> {
    const kept = result.outcome === 'fail' || result.outcome === 'error';
    return Promise.resolve({ artifacts: kept ? [TRACE] : [], notes: [] });
  }
}

/** A traced target whose SP is gone by the repeat: every delivery is refused. */
class GoneTracingTarget extends TracingHttpTarget {
  override deliver(): Promise<never> {
    return Promise.reject(new HarnessError('TARGET_UNREACHABLE', 'connection refused'));
  }
}

/** The generic profile SP's run environment, whose traced repeats run on `repeatTarget` and are counted. */
async function setUp(broken: string[], repeatTarget: typeof TracingHttpTarget = TracingHttpTarget) {
  const { env: untraced, targetOptions } = await profileSpEnv({ broken });
  const traced: string[] = [];
  const env: RunEnvironment = {
    ...untraced,
    createTracedTarget: () => {
      traced.push('repeat');
      return new repeatTarget(targetOptions);
    },
  };
  return { env, traced };
}

const scenario = (id: string) => scenarios.find((s) => s.id === id)!;
const TRANSIENT = 'lifecycle/account/transient-name-id-not-an-account-key';
const FLOW = 'idp-initiated';

describe('runScenarioTracingFailures', () => {
  it('runs a passing scenario once, untraced', async () => {
    const { env, traced } = await setUp([]);
    const result = await runScenarioTracingFailures(scenario(TRANSIENT), FLOW, env);
    expect(result.outcome).toBe('pass');
    expect(traced).toEqual([]);
    expect(result.evidence.artifacts ?? []).toEqual([]);
  });

  it('runs a failing scenario again on a traced target and keeps that trace with the first verdict', async () => {
    const { env, traced } = await setUp(['link-transient-name-id']);
    const result = await runScenarioTracingFailures(scenario(TRANSIENT), FLOW, env);
    expect(result.outcome).toBe('fail');
    expect(traced).toEqual(['repeat']);
    expect(result.evidence.artifacts).toEqual([TRACE]);
  });

  it('keeps the first verdict when the repeat ends otherwise, and says how it ended', async () => {
    // The SP is gone by the repeat: it ends in an error, the first run's fail stands.
    const { env } = await setUp(['link-transient-name-id'], GoneTracingTarget);
    const first = await runScenarioTracingFailures(scenario(TRANSIENT), FLOW, env);
    expect(first.outcome).toBe('fail');
    expect(first.actual).toContain('traced repeat');
    expect(first.evidence.artifacts).toEqual([TRACE]);
  });
});
