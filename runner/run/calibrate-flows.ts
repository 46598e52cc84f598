/**
 * @module Calibration in the run: which flows the plan needs, calibrating each, and what the plan
 * becomes — a flow with no accepted baseline cannot judge anything (its runs are inconclusive, never
 * green); an SP that refuses every unsolicited response is "SP-initiated only", and its IdP-initiated
 * flow keeps only the checks that it refuses them.
 */
import type { FlowCalibration } from '../../reports/types.js';
import type { Calibration } from '../engine/calibrate.js';
import { SP_INITIATED_ONLY_TAG, type PlannedRun } from './plan.js';
import { INTERACTIVE_SIGN_IN_TAG } from '../../scenarios/browser/tags.js';

/** Entra's plain sign-in, as the scenario catalog marks it: the baseline cases and a person's sign-in. */
const isPositiveControl = (run: PlannedRun): boolean =>
  run.scenario.expect === 'accept' &&
  (run.scenario.tags ?? []).some((tag) => tag === 'baseline' || tag === INTERACTIVE_SIGN_IN_TAG);

const isSpOnlyCheck = (run: PlannedRun): boolean => (run.scenario.tags ?? []).includes(SP_INITIATED_ONLY_TAG);

/** The flow whose baseline a run leans on (the SP-only checks lean on the SP-initiated flow). */
const baseFlow = (run: PlannedRun): PlannedRun['flow'] => (isSpOnlyCheck(run) ? 'sp-initiated' : run.flow);

export async function calibrateFlows(
  calibration: Calibration,
  plan: readonly PlannedRun[],
  idpInitiatedDeclared: boolean,
): Promise<FlowCalibration[]> {
  const active = plan.filter((run) => !run.skip);
  const results: FlowCalibration[] = [];
  if (active.some((run) => baseFlow(run) === 'sp-initiated'))
    results.push(await calibration.calibrate('sp-initiated'));
  if (active.some((run) => baseFlow(run) === 'idp-initiated')) {
    const spOk = results.some((r) => r.flow === 'sp-initiated' && r.option !== undefined);
    results.push(await calibration.calibrate('idp-initiated', spOk && !idpInitiatedDeclared));
  }
  return results;
}

export function applyCalibration(
  plan: readonly PlannedRun[],
  calibrated: readonly FlowCalibration[],
  spInitiatedOnlyPlan: () => PlannedRun[],
): PlannedRun[] {
  const status = new Map(calibrated.map((c) => [c.flow, c]));
  let next = [...plan];
  if (status.get('idp-initiated')?.status === 'sp-initiated-only') {
    // Re-plan the IdP-initiated flow as for an SP declared SP-initiated only.
    const replanned = spInitiatedOnlyPlan().map((run) =>
      run.skip && !isSpOnlyCheck(run)
        ? {
            ...run,
            skip: 'SP-initiated only: calibration found that the SP refuses every unsolicited response',
          }
        : run,
    );
    // Keep plan order: the IdP-initiated runs replanned in place.
    const byKey = new Map(replanned.map((run) => [run.scenario.id, run]));
    next = plan.map((run) => (run.flow === 'idp-initiated' ? (byKey.get(run.scenario.id) ?? run) : run));
  }
  return next.map((run) => {
    if (run.skip) return run;
    const flow = status.get(baseFlow(run));
    if (!flow || flow.option !== undefined) return run;
    // The flow's own positive controls still run: their failure is the finding that explains the
    // refusal (e.g. a login cookie the browser withholds), and a failure is never a false green.
    if (isPositiveControl(run)) return run;
    const why = `not judged: ${flow.summary}`;
    return { ...run, skip: why, inconclusive: why };
  });
}
