/**
 * @module Telling the SP to re-read the IdP metadata during the certificate rollover, and what its answer
 * proves: the first refresh (the new certificate listed beside the active one) is held until the rollover
 * shows whether the hook really re-reads; a later refresh that fails after the same hook worked is the SP
 * refusing that metadata, not a configuration error.
 */
import type { ScenarioResult } from '../../reports/types.js';
import { runScenario } from '../engine/run-scenario.js';
import { outcomeFor } from '../engine/decide-outcome.js';
import type { PlannedRun } from './plan.js';
import { runPhasePlan, type PhaseContext } from './phase-context.js';
import type { TenantState } from '../../mock-idp/internal.js';
import type { Calibration } from '../engine/calibrate.js';
import type { RunEnvironment } from '../engine/run-environment.js';

/** What the listed step needs of the rollover phase's context (rollover-phase.ts RolloverPhaseContext). */
export interface ListedStepContext extends PhaseContext {
  tenant: TenantState;
  appId: string;
  env: RunEnvironment;
  mainCalibration: Calibration;
}

/**
 * Step 1 with the new certificate listed: the metadata names both, the SP re-reads it, the baseline (still
 * signed with the active certificate) is sent. Results are held back until the rollover tells whether the
 * refresh really re-reads the metadata. A hook that fails here is recorded as the SP refusing this
 * metadata, with the import advisory; if the hook is simply broken, the next refresh (after the switch)
 * fails too and stops the run as a configuration error before these results are reported.
 */
export async function runListedStep(
  ctx: ListedStepContext,
  runs: readonly PlannedRun[],
  tell: (why: string) => Promise<void>,
  savedPublish: boolean,
): Promise<ListedStep> {
  if (runs.every((run) => run.skip))
    return {
      ...(await runPhasePlan(ctx, runs, () => Promise.reject(new Error('skip')))),
      refreshWorked: undefined,
    };
  ctx.tenant.updateApp(ctx.appId, { publishInactiveCertificates: true });
  let refused: string | undefined;
  try {
    await tell('a new inactive certificate listed in the metadata beside the active one');
  } catch (error) {
    refused = (error as Error).message;
  }
  const env = { ...ctx.env, idp: { ...ctx.env.idp, app: ctx.tenant.requireApp(ctx.appId) } };
  try {
    const done = await runPhasePlan(ctx, runs, async (run) => {
      const result = await runScenario(run.scenario, run.flow, { ...env, baseline: ctx.mainCalibration });
      if (refused === undefined) return result;
      return {
        ...result,
        outcome: outcomeFor(run.scenario.level, false),
        actual: `the SP could not re-read the metadata listing two certificates: ${refused}`,
      };
    });
    return { ...done, refreshWorked: refused === undefined };
  } finally {
    ctx.tenant.updateApp(ctx.appId, { publishInactiveCertificates: savedPublish });
  }
}

export interface ListedStep {
  results: ScenarioResult[];
  interrupted: boolean;
  /** Whether the hook re-read the two-certificate metadata without an error; undefined when not tried. */
  refreshWorked: boolean | undefined;
}

/**
 * A refresh later in the phase. Once the same hook has worked on this SP, a failure is the SP refusing the
 * metadata Entra serves at this step (after the switch: signed with the new certificate, listing only it):
 * returned as the reason, and the phase goes on to show what the SP then accepts. Without that proof a
 * failing hook may be misconfigured, so it stays a configuration error.
 */
export async function refreshOrRefusal(
  refresh: () => Promise<void>,
  hookWorked: boolean | undefined,
): Promise<string | undefined> {
  try {
    await refresh();
    return undefined;
  } catch (error) {
    if (hookWorked !== true) throw error;
    return `the SP could not re-read the metadata served at this step, although the same hook worked before: ${(error as Error).message}`;
  }
}
