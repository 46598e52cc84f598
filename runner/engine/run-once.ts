/**
 * @module The framework around the judge path for one run of one scenario: it opens the target, lets the
 * scenario's code judge (judgeScenario), and turns its judgement — or the harness error it threw — into
 * the result, adding the evidence a browser target recorded, and closes the target either way.
 */
import type { Flow, ScenarioResult, SigningOption } from '../../reports/types.js';
import type { Scenario } from '../../scenarios/types.js';
import { recordsEvidence } from '../targets/browser/capabilities.js';
import type { RunContext } from './deliver-and-judge.js';
import { judgeScenario } from './judge-scenario.js';
import { errorResult, resultBase } from './result-builders.js';
import type { RunEnvironment } from './run-environment.js';

/**
 * One run of one scenario (no variants, no verdict guard): the framework around the judge path. It
 * opens the target, lets the scenario's code judge, and turns its judgement — or the harness error it
 * threw — into the result, with the evidence gathered either way.
 */
export async function runOnce(
  scenario: Scenario,
  flow: Flow,
  env: RunEnvironment,
  signing: SigningOption | undefined,
): Promise<ScenarioResult> {
  const started = Date.now();
  const ctx: RunContext = { scenario, flow, env, target: env.createTarget(), signing, evidence: {} };
  const base = resultBase(scenario, flow, ctx.evidence);
  let result: ScenarioResult;
  try {
    result = { ...base, ...(await judgeScenario(ctx)), durationMs: Date.now() - started };
  } catch (error) {
    result = { ...base, ...errorResult(error), durationMs: Date.now() - started };
  }
  const { target, evidence } = ctx;
  try {
    if (recordsEvidence(target)) {
      const extra = await target.finishScenario(result);
      if (extra.artifacts.length > 0) evidence.artifacts = extra.artifacts;
      if (extra.notes.length > 0)
        result = { ...result, actual: `${result.actual}; ${extra.notes.join('; ')}` };
      result = { ...result, durationMs: Date.now() - started };
    }
  } finally {
    await target.close().catch(() => undefined);
  }
  return result;
}
