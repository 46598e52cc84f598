/**
 * @module The certificate rollover phase, after the main catalog (scenarios with a `phase`). The mock
 * does what an Entra admin does on the SAML Signing Certificate blade (docs/entra.md §5): New Certificate
 * (inactive: the app metadata still lists only the active one), Make certificate active (the metadata now
 * lists the new one, and responses are signed with it), then delete the old one. The SP is told to re-read
 * the metadata through the run's hook (refresh-hook.ts), and the `after-rollover` scenarios run. Then the
 * only certificate left is an expired one, which Entra keeps signing with, for the `expired-certificate`
 * observation. The app's certificates are put back afterwards (runs share a state directory) and the SP
 * is told once more, so it trusts the certificate it was configured with again.
 *
 * First, before the switch, the metadata import step: the new certificate is listed beside the active one
 * (the mock's `publishInactiveCertificates`), in Entra's document shape (BOM, WS-Fed RoleDescriptors), the SP
 * is told, and the baseline is sent. Its verdict waits for the rollover: a sign-in counts as a pass only if
 * the SP later takes the new certificate (proof that the hook really makes it re-read the metadata).
 *
 * Verdicts: the phase calibrates again, with the new active certificate. A refusal (of the retired or
 * never-published certificate) is a pass only where the SP signs the baseline user in with the new
 * certificate after the refresh. An SP that still signs in with the retired certificate but refuses the new
 * one did not take the rollover: it will break when its certificate expires (`not-refreshed`, info, with
 * the date), and its refusals prove nothing (skipped). An SP that accepts neither cannot be judged
 * (inconclusive).
 */
import type { FlowCalibration, ScenarioResult } from '../../reports/types.js';
import { ENTRA_CERT_SUBJECT, activeCertificate } from '../../mock-idp/internal.js';
import type { TenantState } from '../../mock-idp/internal.js';
import type { Flow, ScenarioPhase } from '../../scenarios/types.js';
import { Calibration, type CalibrationOptions } from '../engine/calibrate.js';
import { runScenario } from '../engine/run-scenario.js';
import type { RunEnvironment } from '../engine/run-environment.js';
import type { KeyPair } from '../../scenarios/types.js';
import { calibrateFlows } from './calibrate-flows.js';
import type { PlannedRun } from './plan.js';
import { describeRefreshHook, refreshIdpMetadata, type RefreshHook } from './refresh-hook.js';
import { runPhasePlan, type PhaseContext } from './phase-context.js';
import { refreshOrRefusal, runListedStep } from './rollover-refresh.js';
import { describeExpired, judgeAfterRollover, judgeListed, retiredBaseline } from './rollover-verdicts.js';

export const NO_HOOK_REASON =
  'needs --refresh-idp-metadata (sp.refreshIdpMetadata): how the SP is told to re-read the IdP metadata after the certificate rollover';

export const isPhaseRun = (run: PlannedRun): boolean => run.scenario.phase !== undefined;

export interface RolloverPhaseContext extends PhaseContext {
  tenant: TenantState;
  appId: string;
  /** The main run's environment (its `idp.app` is the app as it was before the phase). */
  env: RunEnvironment;
  /** The main calibration, for the signing option the SP was found to accept. */
  mainCalibration: Calibration;
  calibrationOptions: CalibrationOptions;
  hook: RefreshHook | undefined;
  log?: ((line: string) => void) | undefined;
}

export interface RolloverPhaseOutcome {
  results: ScenarioResult[];
  interrupted: boolean;
  calibration: FlowCalibration[];
  notes: string[];
}

export async function runRolloverPhase(ctx: RolloverPhaseContext): Promise<RolloverPhaseOutcome> {
  const outcome: RolloverPhaseOutcome = { results: [], interrupted: false, calibration: [], notes: [] };
  if (ctx.runs.length === 0) return outcome;
  const hook = ctx.hook;
  const runs = hook ? ctx.runs : ctx.runs.map((run) => (run.skip ? run : { ...run, skip: NO_HOOK_REASON }));
  if (!hook || runs.every((run) => run.skip)) {
    await collect(outcome, runs, ctx, () => Promise.reject(new Error('nothing to run')));
    return outcome;
  }
  const { tenant, appId } = ctx;
  const before = tenant.requireApp(appId);
  const saved = before.certificates;
  const original = activeCertificate(before);
  const retired = keyPair(tenant.signingMaterial(before));
  const neverPublished = keyPair(
    tenant.persistedKey('samlspec-never-published', { commonName: ENTRA_CERT_SUBJECT }),
  );
  const expires = (original?.notAfter ?? '').slice(0, 10);
  const tell = async (why: string): Promise<void> => {
    ctx.log?.(`samlspec: certificate rollover: ${why}; ${describeRefreshHook(hook)}`);
    await refreshIdpMetadata(hook, { signal: ctx.signal });
  };
  const savedPublish = before.publishInactiveCertificates;
  try {
    // 1. New Certificate (inactive), 2. Make certificate active, 3. delete the old one.
    const next = tenant.newCertificate(appId);
    const listedRuns = runs.filter((run) => phaseOf(run) === 'new-certificate-listed');
    const listed = await runListedStep(ctx, listedRuns, tell, savedPublish);
    outcome.interrupted ||= listed.interrupted;
    if (outcome.interrupted) {
      await emit(outcome, ctx, listed.results);
      return outcome;
    }
    tenant.activateCertificate(appId, next.id);
    if (original) tenant.removeCertificate(appId, original.id);
    const refusedNew = await refreshOrRefusal(
      () => tell('new certificate active, the old one removed'),
      listed.refreshWorked,
    );
    if (refusedNew !== undefined) outcome.notes.push(`certificate rollover: ${refusedNew}`);
    const envAfter = phaseEnv(ctx, { retired, neverPublished });
    const calibration = new Calibration(envAfter, {
      ...ctx.calibrationOptions,
      configured: ctx.mainCalibration.optionFor('sp-initiated') ?? ctx.calibrationOptions.configured,
    });
    const afterRuns = runs.filter((run) => phaseOf(run) === 'after-rollover');
    const expiredRuns = runs.filter((run) => phaseOf(run) === 'expired-certificate');
    const calibrated = await calibrateFlows(calibration, [...listedRuns, ...afterRuns, ...expiredRuns], true);
    outcome.calibration = calibrated;
    outcome.notes.push(
      ...calibrated.map(
        (c) => `certificate rollover: ${c.summary.replace(/^(\S+):/, '$1, new certificate:')}`,
      ),
    );
    const tookNew = (flow: Flow): boolean =>
      calibrated.some((c) => c.flow === flow && c.option !== undefined);
    const aliveOnRetired = memoizedPerFlow((flow) =>
      acceptsRetired(flow, { ...envAfter, baseline: ctx.mainCalibration }),
    );
    await emit(
      outcome,
      ctx,
      listed.results.map((result) => judgeListed(result, tookNew(result.flow))),
    );
    await collect(outcome, afterRuns, ctx, async (run) => {
      const result = await runScenario(run.scenario, run.flow, { ...envAfter, baseline: calibration });
      return judgeAfterRollover(result, run.scenario, {
        tookNew: tookNew(run.flow),
        aliveOnRetired: () => aliveOnRetired(run.flow),
        expires,
        refusedNew,
      });
    });
    if (outcome.interrupted || expiredRuns.every((run) => run.skip)) return outcome;
    const notObserved = (run: PlannedRun): ScenarioResult => ({
      ...ctx.skipped(run),
      actual: 'not observed: the SP did not take the new certificate at the rollover',
    });
    if (!calibrated.some((c) => c.option !== undefined)) {
      // No flow follows the rollover: the lapse would show nothing, and the SP may refuse its metadata.
      await collect(outcome, expiredRuns, ctx, (run) => Promise.resolve(notObserved(run)));
      return outcome;
    }
    // 4. Let the certificate lapse: Entra keeps signing with an expired certificate when no other is left.
    const now = ctx.env.now();
    const expired = tenant.newCertificate(appId, {
      notBefore: new Date(now.getTime() - 3 * 365 * 86_400_000),
      notAfter: new Date(now.getTime() - 86_400_000),
      activate: true,
    });
    tenant.removeCertificate(appId, next.id);
    const refusedExpired = await refreshOrRefusal(
      () => tell(`only an expired certificate left (expired ${expired.notAfter.slice(0, 10)})`),
      listed.refreshWorked === true || refusedNew === undefined,
    );
    const envExpired = phaseEnv(ctx, { retired, neverPublished });
    await collect(outcome, expiredRuns, ctx, async (run) => {
      if (!tookNew(run.flow)) return notObserved(run);
      if (refusedExpired !== undefined)
        return {
          ...ctx.skipped(run),
          outcome: 'info',
          actual: `the SP refused to re-read the metadata once its only certificate had expired, so it keeps trusting the previous one and sign-in stops: ${refusedExpired}`,
        };
      const result = await runScenario(run.scenario, run.flow, { ...envExpired, baseline: calibration });
      return describeExpired(result);
    });
    return outcome;
  } finally {
    tenant.restoreCertificates(appId, saved);
    tenant.updateApp(appId, { publishInactiveCertificates: savedPublish });
    try {
      await tell('the original certificate restored');
    } catch (error) {
      // The phase's results stand; the SP may now need its IdP settings re-read by hand.
      const message = `certificate rollover: the SP could not be told to re-read the restored metadata: ${(error as Error).message}`;
      outcome.notes.push(message);
      ctx.log?.(`samlspec: ${message}`);
    }
  }
}

async function emit(
  outcome: RolloverPhaseOutcome,
  ctx: RolloverPhaseContext,
  results: readonly ScenarioResult[],
): Promise<void> {
  for (const result of results) {
    outcome.results.push(result);
    await ctx.onResult(result);
  }
}

function phaseOf(run: PlannedRun): ScenarioPhase | undefined {
  return run.scenario.phase;
}

function keyPair(material: { privateKey: KeyPair['privateKey']; certificatePem: string }): KeyPair {
  return { privateKey: material.privateKey, certificatePem: material.certificatePem };
}

/** The run environment with the app as it is now (its new certificates) and the phase's extra keys. */
function phaseEnv(
  ctx: RolloverPhaseContext,
  rollover: { retired: KeyPair; neverPublished: KeyPair },
): RunEnvironment {
  return {
    ...ctx.env,
    idp: { ...ctx.env.idp, app: ctx.tenant.requireApp(ctx.appId), rollover },
    baseline: undefined,
  };
}

async function collect(
  outcome: RolloverPhaseOutcome,
  runs: readonly PlannedRun[],
  ctx: RolloverPhaseContext,
  execute: (run: PlannedRun) => Promise<ScenarioResult>,
): Promise<void> {
  const done = await runPhasePlan(ctx, runs, execute, ctx.onResult);
  outcome.results.push(...done.results);
  outcome.interrupted ||= done.interrupted;
}

async function acceptsRetired(flow: Flow, env: RunEnvironment): Promise<boolean> {
  const result = await runScenario(retiredBaseline(), flow, env);
  return result.verdict?.login === 'accepted';
}

function memoizedPerFlow(f: (flow: Flow) => Promise<boolean>): (flow: Flow) => Promise<boolean> {
  const cache = new Map<Flow, Promise<boolean>>();
  return (flow) => {
    let hit = cache.get(flow);
    if (!hit) cache.set(flow, (hit = f(flow)));
    return hit;
  };
}
