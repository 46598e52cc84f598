/**
 * @module A whole run: prepare the mock IdP for the SP, plan the selected scenarios, run them with
 * bounded concurrency and time limits, and write every report — also when the run is interrupted or
 * the SP dies. Returns the report and the exit code; only the CLI exits. Browser mode (run.mode
 * 'browser') starts one Chromium for the run and gives each scenario a fresh context; scenarios only a
 * browser can judge are skipped in HTTP mode.
 */
import { createReporters, leanInPlace, Multiplexer } from '../../reports/index.js';
import {
  summarize,
  type ReportShard,
  type RunError,
  type RunReport,
  type ScenarioResult,
} from '../../reports/types.js';
import { defaultReplyUrl, MockIdpError } from '../../mock-idp/internal.js';
import type { MockIdpState } from '../../mock-idp/internal.js';
import { EXIT, HarnessError } from '../errors.js';
import { HttpTarget } from '../targets/http-target.js';
import type { SpTarget } from '../targets/types.js';
import { runScenarioTracingFailures } from '../engine/trace-failures.js';
import type { RunEnvironment } from '../engine/run-environment.js';
import { Calibration } from '../engine/calibrate.js';
import { fromCliName } from '../engine/signing-options.js';
import { planRuns, type PlannedRun, type TargetCapabilities } from './plan.js';
import { applyCalibration, calibrateFlows } from './calibrate-flows.js';
import { livenessHooks } from './liveness.js';
import { runPlan } from './scheduler.js';
import { FailureLimit } from './max-failures.js';
import { prepareIdp, type PreparedIdp } from './prepare-idp.js';
import { applyProfileLevels, profileFor, profileSkipReason } from './apply-profile.js';
import { buildOracle } from './build-oracle.js';
import type { RunConfig } from './run-config.js';
import { BROWSER_ONLY_TAG } from '../../scenarios/browser/tags.js';
import type { BrowserRun } from '../targets/browser/browser-run.js';
import { namedOrigins } from './named-origins.js';
import { redactReport, redactResult } from './redact-secrets.js';
import { selectOrFail } from './selection.js';
import { shardNote, shardPlan } from './shard.js';
import { isPhaseRun, runRolloverPhase } from './rollover-phase.js';
import { isLogoutRun, runLogoutPhase } from './logout-phase.js';
import { parseRefreshHook } from './refresh-hook.js';

import { VERSION } from '../version.js';

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

export interface ExecuteResult {
  report: RunReport;
  exitCode: number;
  files: readonly string[];
}

export async function executeRun(config: RunConfig, options: ExecuteOptions = {}): Promise<ExecuteResult> {
  const reporters = new Multiplexer(
    createReporters(config.run.reporters, {
      outputDir: config.run.outputDir,
      quiet: config.run.quiet,
      evidence: config.run.evidence,
    }),
    {
      onReporterError: (f) =>
        options.log?.(`samlspec: reporter ${f.reporter} failed in ${f.hook}: ${f.message}`),
    },
  );
  // Secrets the SP hands out (session cookies) stay out of the reports unless asked for.
  const forReport = config.run.keepSecrets ? (r: ScenarioResult) => r : redactResult;
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
    const capabilities = {
      spInitiated: Boolean(config.sp.loginUrl),
      idpInitiated: config.sp.idpInitiated ?? profile.flows.idpInitiated,
      encryption: prepared.sp.encryptionCertificates.length > 0,
      spDomain: Boolean(config.sp.domain),
      accountId: Boolean(config.sp.accountPattern),
      logout: Boolean(config.sp.logoutUrl),
    };
    const planFor = (can: TargetCapabilities): PlannedRun[] =>
      skipBrowserOnly(
        planRuns(scenarios, can).map((run) =>
          run.skip ? run : { ...run, skip: profileSkipReason(profile, run.scenario) },
        ),
        config.run.mode,
      );
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
    const createTarget = (): SpTarget =>
      options.createTarget?.(prepared.handle.loginUrl) ??
      browser?.createTarget(config.sp.loginUrl, prepared.handle.loginUrl, allowedOrigins) ??
      new HttpTarget({
        loginUrl: config.sp.loginUrl,
        idpLoginUrl: prepared.handle.loginUrl,
        timeoutMs: Math.min(10_000, config.run.timeoutMs),
        allowedOrigins,
      });
    const baseEnv = {
      idp: prepared.scenarioIdp,
      createTarget,
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
    const skipped = (run: PlannedRun): ScenarioResult =>
      run.inconclusive
        ? staticResult(run, 'inconclusive', run.inconclusive)
        : staticResult(run, 'skipped', run.skip ?? 'not applicable');
    const timedOut = (run: PlannedRun, ms: number): ScenarioResult =>
      staticResult(run, 'error', `the scenario did not finish within ${ms} ms`, 'TIMEOUT');
    const onResult = async (result: ScenarioResult): Promise<void> => {
      // After a stop, runs still in flight end outside the report: reporters must not list them either.
      if (!limit.accepting) return;
      finished.push(result);
      await reporters.onScenarioEnd(forReport(result));
      limit.count(result);
      if (options.leanResults) leanInPlace(result, config.run.evidence);
    };
    const outcome = await runPlan(
      plan.filter((run) => !isPhaseRun(run)),
      {
        workers: browser?.workers(config.run.workers) ?? config.run.workers,
        timeoutMs: config.run.timeoutMs,
        signal: limit.signal,
        execute: (run) => runScenarioTracingFailures(run.scenario, run.flow, env),
        skipped,
        timedOut,
        onResult,
        liveness: livenessFlow
          ? livenessHooks(calibration, livenessFlow, {
              every: LIVENESS_EVERY,
              recoveryMs: config.run.spRecoveryMs,
            })
          : undefined,
      },
    );
    // The certificate rollover phase changes the app's certificates: after everything else, never beside it.
    const phase = outcome.interrupted
      ? undefined
      : await runRolloverPhase({
          tenant: prepared.scenarioIdp.tenant,
          appId: prepared.app.appId,
          env,
          mainCalibration: calibration,
          calibrationOptions,
          hook: config.sp.refreshIdpMetadata ? parseRefreshHook(config.sp.refreshIdpMetadata) : undefined,
          runs: plan.filter((run) => isPhaseRun(run) && !isLogoutRun(run)),
          timeoutMs: config.run.timeoutMs,
          signal: limit.signal,
          skipped,
          timedOut,
          onResult,
          log: options.log,
        });
    // Single logout ends sessions: last, after the certificates are back as the SP was configured.
    const logout =
      outcome.interrupted || phase?.interrupted
        ? undefined
        : await runLogoutPhase({
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
            runs: plan.filter(isLogoutRun),
            timeoutMs: config.run.timeoutMs,
            signal: limit.signal,
            skipped,
            timedOut,
            onResult,
          });
    await browser?.close();
    const report = buildReport(
      config,
      describeTarget,
      prepared,
      startedAt,
      [...outcome.results, ...(phase?.results ?? []), ...(logout?.results ?? [])],
      outcome.interrupted || phase?.interrupted === true || logout?.interrupted === true,
      [
        ...calibrated.map((c) => `calibration: ${c.summary}`),
        ...(phase?.notes ?? []),
        ...prepared.notes,
        ...(browser?.notes(prepared.handle.loginUrl, acsUrl, config.run.workers) ?? []),
        ...(options.notes ?? []),
      ],
    );
    report.calibration = calibrated;
    limit.mark(report, plan.length);
    if (outcome.liveness) report.liveness = outcome.liveness;
    if (shard) {
      report.shard = shard;
      report.target.notes.unshift(shardNote(shard));
    }
    const written = config.run.keepSecrets ? report : redactReport(report);
    const files = await reporters.onRunEnd(written);
    return { report: written, exitCode: exitCodeFor(written, reporters.failures.length > 0), files };
  } catch (error) {
    // The run stopped as a whole (before or between scenarios): CI still gets every report, with the
    // reason as the run's error, and the caller still gets the error (exit 2).
    const stopped = buildReport(
      config,
      options.describeTarget ?? (idp ? `SP ${idp.sp.entityId}` : describeSp(config)),
      idp,
      startedAt,
      finished,
      false,
      [...(idp?.notes ?? []), ...(options.notes ?? [])],
      runErrorOf(error),
    );
    if (calibration && calibration.results.length > 0) stopped.calibration = [...calibration.results];
    if (shard) {
      stopped.shard = shard;
      stopped.target.notes.unshift(shardNote(shard));
    }
    const files = await reporters.onRunEnd(config.run.keepSecrets ? stopped : redactReport(stopped));
    for (const file of files) options.log?.(`samlspec: wrote ${file}`);
    throw error;
  } finally {
    await browser?.close();
    await idp?.handle.close();
  }
}

/** The run-level error as reports show it: harness codes as they are; anything else is the harness's own fault. */
function runErrorOf(error: unknown): RunError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof HarnessError) return { code: error.code, message };
  if (error instanceof MockIdpError) return { code: 'IDP_FAILED', message };
  return { code: 'INTERNAL', message };
}

function describeSp(config: RunConfig): string {
  return `SP ${config.sp.entityId ?? config.sp.metadata ?? config.sp.loginUrl ?? '(not configured)'}`;
}

/** Report files beside which screenshots and traces can go: any reporter but the console. */
function writesFiles(config: RunConfig): boolean {
  return config.run.reporters.some((name) => name !== 'console');
}

async function startBrowser(config: RunConfig): Promise<BrowserRun> {
  // Loaded only in browser mode: HTTP mode never imports Playwright.
  const { BrowserRun } = await import('../targets/browser/browser-run.js');
  return BrowserRun.start({
    executablePath: config.run.browserPath,
    reportDir: writesFiles(config) ? config.run.outputDir : undefined,
    timeoutMs: Math.min(10_000, config.run.timeoutMs),
    screenshots: config.run.screenshots,
  });
}

/** HTTP mode cannot judge what only a browser does (SameSite cookies, the IdP's sign-in page). */
function skipBrowserOnly(plan: PlannedRun[], mode: RunConfig['run']['mode']): PlannedRun[] {
  if (mode === 'browser') return plan;
  return plan.map((run) =>
    run.skip || !(run.scenario.tags ?? []).includes(BROWSER_ONLY_TAG)
      ? run
      : {
          ...run,
          skip: 'only a real browser can judge it (SameSite cookie rules, the IdP sign-in page): run with --browser',
        },
  );
}

function buildReport(
  config: RunConfig,
  description: string,
  idp: PreparedIdp | undefined,
  startedAt: Date,
  results: ScenarioResult[],
  interrupted: boolean,
  notes: string[],
  runError?: RunError,
): RunReport {
  const finishedAt = new Date();
  return {
    tool: { name: 'samlspec', version: VERSION },
    target: {
      description,
      mode: config.run.mode,
      spEntityId: idp?.sp.entityId,
      idpIssuer: idp?.handle.issuer,
      notes,
    },
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    strict: config.run.strict,
    interrupted,
    summary: runError ? { runError, ...summarize(results) } : summarize(results),
    results,
    resources: harnessResources(),
  };
}

function harnessResources(): NonNullable<RunReport['resources']> {
  const usage = process.resourceUsage();
  return {
    peakRssKb: usage.maxRSS,
    cpuUserMs: Math.round(usage.userCPUTime / 1000),
    cpuSystemMs: Math.round(usage.systemCPUTime / 1000),
  };
}

/** 1 for findings (a failed must; with --strict also a broken should); 2 when the harness could not judge. */
export function exitCodeFor(report: RunReport, reporterFailed: boolean): number {
  if (report.summary.runError) return EXIT.harness;
  // Stopped by --max-failures: what ran is judged as usual (the findings make it 1).
  const interrupted = report.interrupted && !report.interruptedBy;
  if (reporterFailed || interrupted || report.summary.errors > 0 || report.summary.inconclusive > 0)
    return EXIT.harness;
  if (report.summary.failed > 0 || (report.strict && report.summary.nonStrict > 0)) return EXIT.findings;
  return EXIT.ok;
}

function staticResult(
  run: PlannedRun,
  outcome: 'skipped' | 'error' | 'inconclusive',
  reason: string,
  code?: string,
): ScenarioResult {
  const s = run.scenario;
  return {
    id: s.id,
    flow: run.flow,
    level: s.level,
    expect: s.expect,
    outcome,
    title: s.title,
    requirement: s.requirement,
    refs: [...s.refs],
    tags: [...(s.tags ?? [])],
    durationMs: 0,
    expected: [],
    actual: reason,
    ...(code ? { error: { code, message: reason } } : {}),
    evidence: {},
  };
}
