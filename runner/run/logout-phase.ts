/**
 * @module The single logout phase, after the main catalog and the certificate rollover (scenarios with
 * phase `logout`, scenarios/entra/logout.ts). Each run signs a user of its own in afresh
 * (runner/engine/logout-sign-in.ts), then takes one logout step (runner/engine/logout-steps.ts), one run at
 * a time: a logout ends sessions, and the mock's answers lean on the state each run made.
 *
 * Verdicts, as everywhere: a refusal proves something only where the same SP, same flow, did the genuine
 * thing. A changed LogoutResponse that leaves the session alive passes only if Entra's genuine
 * LogoutResponse ends it (the `sp-initiated` logout, run once as this phase's calibration); a forged
 * LogoutRequest that leaves it alive passes only if Entra's genuinely signed one ends it. Otherwise the
 * result is inconclusive, never a pass. An SP that ends its session as soon as logout starts (SAML allows
 * it) leaves a changed LogoutResponse nothing to end: those results are `info` with that reason.
 */
import type { ScenarioResult } from '../../reports/types.js';
import type { Evidence } from '../../reports/types.js';
import type { Scenario } from '../../scenarios/types.js';
import { decideOutcome, outcomeFor } from '../engine/decide-outcome.js';
import {
  idpInitiatedLogout,
  requireProbe,
  responseOverrides,
  spInitiatedLogout,
  type LogoutSetup,
  type StepResult,
} from '../engine/logout-steps.js';
import { errorResult } from '../engine/run-scenario.js';
import { HarnessError } from '../errors.js';
import { NO_LOGOUT_URL_REASON, type PlannedRun } from './plan.js';
import { runPhasePlan, type PhaseContext } from './phase-context.js';
import { scenarioFields } from '../engine/result-fields.js';

export const isLogoutRun = (run: PlannedRun): boolean => run.scenario.phase === 'logout';

export interface LogoutPhaseContext extends PhaseContext {
  /** Undefined without --logout-url (the runs were planned as skipped). */
  setup: LogoutSetup | undefined;
}

export interface LogoutPhaseOutcome {
  results: ScenarioResult[];
  interrupted: boolean;
}

/** Whether the genuine logouts work: the positive controls every survived forgery is judged against. */
interface Gates {
  spLogoutEnds(): Promise<boolean>;
  idpRequestEnds(): Promise<boolean>;
}

export async function runLogoutPhase(ctx: LogoutPhaseContext): Promise<LogoutPhaseOutcome> {
  if (ctx.runs.length === 0) return { results: [], interrupted: false };
  const setup = ctx.setup;
  const gates = setup ? memoGates(setup) : undefined;
  return runPhasePlan(
    ctx,
    ctx.runs,
    async (run) =>
      setup && gates
        ? runLogoutScenario(run, setup, gates)
        : { ...ctx.skipped(run), outcome: 'skipped', actual: NO_LOGOUT_URL_REASON },
    ctx.onResult,
  );
}

function memoGates(setup: LogoutSetup): Gates {
  let sp: Promise<boolean> | undefined;
  let idp: Promise<boolean> | undefined;
  const ends = (step: StepResult): boolean => step.kind === 'judged' && step.verdict.login === 'rejected';
  return {
    spLogoutEnds: () => (sp ??= spInitiatedLogout(setup, {}).then(ends, () => false)),
    idpRequestEnds: () =>
      (idp ??= idpInitiatedLogout(
        setup,
        {},
        {
          kind: 'idp-logout-request',
          signing: 'idp',
          // HTTP-Redirect logout travels through the user's browser: SPs may find the session by its cookie.
          from: 'own-browser',
        },
      ).then(ends, () => false)),
  };
}

/** One logout scenario: its step, then the verdict rules of the module comment. */
export async function runLogoutScenario(
  run: PlannedRun,
  setup: LogoutSetup,
  gates: Gates,
): Promise<ScenarioResult> {
  const { scenario } = run;
  const started = Date.now();
  const evidence: Evidence = {};
  const base = baseResult(run, evidence);
  try {
    requireProbe(setup.env);
    const stimulus = scenario.logout;
    if (!stimulus) throw new HarnessError('SCENARIO_INVALID', `${scenario.id} has no logout stimulus`);
    let step: StepResult;
    let gate: (() => Promise<boolean>) | undefined;
    if (stimulus.kind === 'sp-initiated') {
      step = await spInitiatedLogout(setup, evidence);
    } else if (stimulus.kind === 'logout-response') {
      step = await spInitiatedLogout(setup, evidence, responseOverrides(stimulus.change, setup.env));
      gate = gates.spLogoutEnds;
    } else {
      step = await idpInitiatedLogout(setup, evidence, stimulus);
      if (stimulus.signing !== 'idp') gate = gates.idpRequestEnds;
    }
    const judged = await judgeLogoutStep(scenario, step, gate, stimulus.kind === 'sp-initiated');
    return { ...base, ...judged, durationMs: Date.now() - started };
  } catch (error) {
    if (error instanceof HarnessError && error.code === 'NOT_APPLICABLE')
      return { ...base, outcome: 'skipped', expected: [], actual: error.message, durationMs: 0 };
    return { ...base, ...errorResult(error), durationMs: Date.now() - started };
  }
}

type Judged = Pick<ScenarioResult, 'outcome' | 'expected' | 'actual' | 'verdict' | 'error'>;

/** The verdict rules of the module comment, for one step's result. */
export async function judgeLogoutStep(
  scenario: Scenario,
  step: StepResult,
  gate: (() => Promise<boolean>) | undefined,
  /** Only the sp-initiated scenario is about the LogoutRequest itself. */
  judgesRequest: boolean,
): Promise<Judged> {
  if (step.kind === 'not-run') {
    const outcome = step.outcome === 'fail' ? outcomeFor(scenario.level, false) : step.outcome;
    return {
      outcome,
      expected: [],
      actual: step.why,
      ...(outcome === 'inconclusive' ? { error: { code: 'ORACLE_INCONCLUSIVE', message: step.why } } : {}),
    };
  }
  const decision = decideOutcome(scenario.level, scenario.expect, step.verdict);
  if (judgesRequest && step.problems.length > 0)
    return {
      ...decision,
      outcome: outcomeFor(scenario.level, false),
      actual: `the SP's LogoutRequest: ${step.problems.join('; ')}; then ${decision.actual}`,
      verdict: step.verdict,
    };
  if (scenario.expect === 'accept' && step.endedAtStart)
    return {
      ...decision,
      outcome: 'info',
      actual:
        'not judged: the SP ended its session as soon as logout started (SAML allows it), so the LogoutResponse had no session left to end or keep',
      verdict: step.verdict,
    };
  if (decision.outcome === 'pass' && gate && !(await gate())) {
    const why =
      'not judged: the session survived, but the genuine logout (Entra-signed) does not end it either, so surviving proves nothing';
    return {
      ...decision,
      outcome: 'inconclusive',
      actual: why,
      error: { code: 'ORACLE_INCONCLUSIVE', message: why },
      verdict: step.verdict,
    };
  }
  return { ...decision, verdict: step.verdict };
}

function baseResult(
  run: PlannedRun,
  evidence: Evidence,
): Omit<ScenarioResult, 'outcome' | 'expected' | 'actual' | 'durationMs'> {
  return { ...scenarioFields(run.scenario, run.flow), evidence };
}
