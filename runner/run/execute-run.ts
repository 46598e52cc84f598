/**
 * @module A whole run: prepare the mock IdP for the SP, plan the selected scenarios, run them with
 * bounded concurrency and time limits, then the certificate rollover and single logout phases, and write
 * every report — also when the run is interrupted or the SP dies (stopped-run.ts). Returns the report and
 * the exit code; only the CLI exits. Browser mode (run.mode 'browser') starts one Chromium for the run
 * (start-browser.ts) and gives each scenario a fresh context; scenarios only a browser can judge are
 * skipped in HTTP mode (plan-for-target.ts).
 */
import { leanInPlace } from '../../reports/index.js';
import type { ReportShard, ScenarioResult } from '../../reports/types.js';
import { defaultReplyUrl } from '../../mock-idp/internal.js';
import type { MockIdpState } from '../../mock-idp/internal.js';
import type { SpTarget } from '../targets/types.js';
import { runScenarioTracingFailures } from '../engine/trace-failures.js';
import type { RunEnvironment } from '../engine/run-environment.js';
import { Calibration } from '../engine/calibrate.js';
import { fromCliName } from '../engine/signing-options.js';
import { applyCalibration, calibrateFlows } from './calibrate-flows.js';
import { livenessHooks } from './liveness.js';
import { runPlan } from './scheduler.js';
import { FailureLimit } from './max-failures.js';
import { prepareIdp, type PreparedIdp } from './prepare-idp.js';
import { applyProfileLevels, profileFor } from './apply-profile.js';
import { buildOracle } from './build-oracle.js';
import type { RunConfig } from './run-config.js';
import type { BrowserRun } from '../targets/browser/browser-run.js';
import { namedOrigins } from './named-origins.js';
import { selectOrFail } from './selection.js';
import { shardPlan } from './shard.js';
import { isPhaseRun, runRolloverPhase } from './rollover-phase.js';
import { isLogoutRun, runLogoutPhase } from './logout-phase.js';
import { parseRefreshHook } from './refresh-hook.js';
import { openReporters, reportView } from './run-reporters.js';
import { buildReport, markShard } from './build-report.js';
import { finishRun, type ExecuteResult } from './finish-run.js';
import { reportStoppedRun } from './stopped-run.js';
import { skippedResult, timedOutResult } from './static-result.js';
import { startBrowser } from './start-browser.js';
import { planForTarget, targetCapabilities } from './plan-for-target.js';
import type { PhaseContext } from './phase-context.js';
import type { PlannedRun } from './plan.js';
import { spTargetFactory } from './sp-target-factory.js';

export type { ExecuteResult };

/** Scenario runs per worker between two liveness checks (only runs that ended in a refusal wait for one). */
const LIVENESS_EVERY = 10;

export interface ExecuteOptions {
  signal?: AbortSignal | undefined;
  /** SP metadata already in hand (demo); otherwise read from config.sp.metadata. */
  spMetadataXml?: string;
  /** Keep the IdP state in memory, instead of the state directory. */
  inMemoryIdp?: boolean;
  /** An IdP state opened (and configured) by the caller, e.g. the demo's. */
  state?: MockIdpState;
  /** A different transport (tests); browser mode (run.mode 'browser') makes its own. */
  createTarget?: (idpLoginUrl: string) => SpTarget;
  describeTarget?: string;
  notes?: string[];
  log?: (line: string) => void;
  /**
   * Drop from each result, once final, the evidence the run's policy (--evidence) leaves out of the
   * reports: the transcripts of passes were most of a catalog run's memory. The returned report is then
   * as compact as the JSON report. Default: every result keeps its evidence (API callers read it).
   */
  leanResults?: boolean;
}

export async function executeRun(config: RunConfig, options: ExecuteOptions = {}): Promise<ExecuteResult> {
  const reporters = openReporters(
    config.run.reporters,
    { outputDir: config.run.outputDir, quiet: config.run.quiet, evidence: config.run.evidence },
    options.log,
  );
  // Secrets the SP hands out (session cookies) stay out of the reports unless asked for.
  const view = reportView(config.run.keepSecrets);
  const startedAt = new Date();
  const finished: ScenarioResult[] = [];
  let browser: BrowserRun | undefined;
  let idp: PreparedIdp | undefined;
  let calibration: Calibration | undefined;
  // Known from the config at once, so even a shard that stops before planning says which shard it was.
  let shard: ReportShard | undefined = config.run.shard ? { ...config.run.shard } : undefined;
  try {
    const profile = profileFor(config);
    const scenarios = applyProfileLevels(profile, selectOrFail(config.run));
    browser = config.run.mode === 'browser' && !options.createTarget ? await startBrowser(config) : undefined;
    idp = await prepareIdp(config, {
      ...(options.spMetadataXml ? { spMetadataXml: options.spMetadataXml } : {}),
      ...(options.inMemoryIdp ? { inMemory: true } : {}),
      ...(options.state ? { state: options.state } : {}),
    });
    const prepared = idp;
    const acsUrl = defaultReplyUrl(prepared.app)!;
    const oracle = buildOracle(config.sp, acsUrl);
    const allowedOrigins = namedOrigins(config, {
      idpBaseUrl: prepared.handle.baseUrl,
      replyUrls: prepared.app.replyUrls.map((r) => r.url),
    });
    browser?.allowOrigins(allowedOrigins);
    const capabilities = targetCapabilities(config, profile, prepared.sp);
    const planFor = planForTarget(scenarios, profile, config.run.mode);
    // A shard is cut from the whole plan before calibration, so calibration covers the flows its part needs.
    const sharded = config.run.shard ? shardPlan(planFor(capabilities), config.run.shard) : undefined;
    if (sharded) {
      shard = sharded.shard;
      options.log?.(
        `samlspec: shard ${shard.current}/${shard.total}: ${shard.runs} of ${shard.of} scenario runs`,
      );
    }
    let plan = sharded?.plan ?? planFor(capabilities);
    const accountPattern = config.sp.accountPattern ? new RegExp(config.sp.accountPattern) : undefined;
    const describeTarget = options.describeTarget ?? `SP ${prepared.sp.entityId}`;
    await reporters.onRunStart({
      target: describeTarget,
      scenarios: plan.map((p) => ({
        id: p.scenario.id,
        flow: p.flow,
        level: p.scenario.level,
        title: p.scenario.title,
      })),
      strict: config.run.strict,
    });
    const baseEnv = {
      idp: prepared.scenarioIdp,
      createTarget: spTargetFactory(config, {
        idpLoginUrl: prepared.handle.loginUrl,
        allowedOrigins,
        browser,
        custom: options.createTarget,
      }),
      createTracedTarget: browser?.tracing
        ? () => browser!.tracedTarget(config.sp.loginUrl, prepared.handle.loginUrl, allowedOrigins)
        : undefined,
      oracle,
      now: () => new Date(),
      accountPattern,
    };
    const calibrationOptions = {
      configured: prepared.app.signing.option,
      algorithm: prepared.app.signing.algorithm,
      fixed: config.idp.signingOption ? fromCliName(config.idp.signingOption) : undefined,
    };
    calibration = new Calibration(baseEnv, calibrationOptions);
    const calibrated = await calibrateFlows(
      calibration,
      sharded?.calibrationPlan ?? plan,
      config.sp.idpInitiated === true,
    );
    plan = applyCalibration(plan, calibrated, () =>
      planFor({ ...capabilities, idpInitiated: false }).filter((run) => run.flow === 'idp-initiated'),
    );
    for (const flow of calibrated) options.log?.(`samlspec: calibration: ${flow.summary}`);
    const env: RunEnvironment = { ...baseEnv, baseline: calibration };
    const livenessFlow = calibrated.find((c) => c.option !== undefined)?.flow;
    // --max-failures stops scheduling through the same signal as Ctrl-C (max-failures.ts).
    const limit = new FailureLimit(config.run.maxFailures, config.run.strict, options.signal);
    const onResult = async (result: ScenarioResult): Promise<void> => {
      // After a stop, runs still in flight end outside the report: reporters must not list them either.
      if (!limit.accepting) return;
      finished.push(result);
      await reporters.onScenarioEnd(view.result(result));
      limit.count(result);
      if (options.leanResults) leanInPlace(result, config.run.evidence);
    };
    // What the main catalog and each later phase share: time limit, stop signal, how results are recorded.
    const phaseContext = (runs: readonly PlannedRun[]): PhaseContext => ({
      runs,
      timeoutMs: config.run.timeoutMs,
      signal: limit.signal,
      skipped: skippedResult,
      timedOut: timedOutResult,
      onResult,
    });
    const { runs: mainRuns, ...shared } = phaseContext(plan.filter((run) => !isPhaseRun(run)));
    const outcome = await runPlan(mainRuns, {
      ...shared,
      workers: browser?.workers(config.run.workers) ?? config.run.workers,
      execute: (run) => runScenarioTracingFailures(run.scenario, run.flow, env),
      liveness: livenessFlow
        ? livenessHooks(calibration, livenessFlow, {
            every: LIVENESS_EVERY,
            recoveryMs: config.run.spRecoveryMs,
          })
        : undefined,
    });
    // The certificate rollover phase changes the app's certificates: after everything else, never beside it.
    const phase = outcome.interrupted
      ? undefined
      : await runRolloverPhase({
          ...phaseContext(plan.filter((run) => isPhaseRun(run) && !isLogoutRun(run))),
          tenant: prepared.scenarioIdp.tenant,
          appId: prepared.app.appId,
          env,
          mainCalibration: calibration,
          calibrationOptions,
          hook: config.sp.refreshIdpMetadata ? parseRefreshHook(config.sp.refreshIdpMetadata) : undefined,
          log: options.log,
        });
    // Single logout ends sessions: last, after the certificates are back as the SP was configured.
    const logout =
      outcome.interrupted || phase?.interrupted
        ? undefined
        : await runLogoutPhase({
            ...phaseContext(plan.filter(isLogoutRun)),
            setup: config.sp.logoutUrl
              ? {
                  env,
                  flow: 'sp-initiated',
                  logoutUrl: config.sp.logoutUrl,
                  idpBaseUrl: prepared.handle.baseUrl,
                  idpSloUrl: prepared.handle.loginUrl,
                  sp: prepared.sp,
                  algorithm: calibrationOptions.algorithm,
                }
              : undefined,
          });
    await browser?.close();
    const report = buildReport(config, {
      description: describeTarget,
      idp: prepared,
      startedAt,
      results: [...outcome.results, ...(phase?.results ?? []), ...(logout?.results ?? [])],
      interrupted: outcome.interrupted || phase?.interrupted === true || logout?.interrupted === true,
      notes: [
        ...calibrated.map((c) => `calibration: ${c.summary}`),
        ...(phase?.notes ?? []),
        ...prepared.notes,
        ...(browser?.notes(prepared.handle.loginUrl, acsUrl, config.run.workers) ?? []),
        ...(options.notes ?? []),
      ],
    });
    report.calibration = calibrated;
    limit.mark(report, plan.length);
    if (outcome.liveness) report.liveness = outcome.liveness;
    markShard(report, shard);
    return await finishRun(reporters, view.report(report));
  } catch (error) {
    // The run stopped as a whole (before or between scenarios): every report is still written.
    await reportStoppedRun(
      error,
      config,
      reporters,
      view,
      { startedAt, finished, idp, calibration: calibration?.results, shard },
      options,
    );
    throw error;
  } finally {
    await browser?.close();
    await idp?.handle.close();
  }
}
