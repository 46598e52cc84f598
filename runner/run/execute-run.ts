/**
 * @module A whole run: prepare the mock IdP for the SP, plan the selected scenarios, run them with
 * bounded concurrency and time limits, and write every report — also when the run is interrupted or
 * the SP dies. Returns the report and the exit code; only the CLI exits. Browser mode (run.mode
 * 'browser') starts one Chromium for the run and gives each scenario a fresh context; scenarios only a
 * browser can judge are skipped in HTTP mode.
 */
import { createReporters, Multiplexer } from '../../reports/index.js';
import { summarize, type RunReport, type ScenarioResult } from '../../reports/types.js';
import { selectScenarios } from '../../scenarios/index.js';
import { defaultReplyUrl } from '../../mock-idp/model/app.js';
import { EXIT, HarnessError } from '../errors.js';
import { HttpTarget } from '../targets/http-target.js';
import type { SpTarget } from '../targets/types.js';
import { runScenario, type RunEnvironment } from '../engine/run-scenario.js';
import { Calibration } from '../engine/calibrate.js';
import { fromCliName } from '../engine/signing-options.js';
import { planRuns, type PlannedRun, type TargetCapabilities } from './plan.js';
import { applyCalibration, calibrateFlows } from './calibrate-flows.js';
import { livenessHooks } from './liveness.js';
import { runPlan } from './run-plan.js';
import { prepareIdp } from './prepare-idp.js';
import { applyProfileLevels, profileFor, profileSkipReason } from './apply-profile.js';
import { buildOracle } from './build-oracle.js';
import type { RunConfig } from './run-config.js';
import type { MockIdpState } from '../../mock-idp/state/mock-idp-state.js';
import { BROWSER_ONLY_TAG } from '../../scenarios/browser/tags.js';
import type { BrowserRun } from '../targets/browser/browser-run.js';

export const VERSION = '0.1.0';

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
}

export interface ExecuteResult {
  report: RunReport;
  exitCode: number;
  files: readonly string[];
}

export async function executeRun(config: RunConfig, options: ExecuteOptions = {}): Promise<ExecuteResult> {
  const profile = profileFor(config);
  const scenarios = applyProfileLevels(profile, selectScenarios(config.run.scenarios));
  if (scenarios.length === 0)
    throw new HarnessError(
      'BAD_CONFIG',
      `no scenario matches ${config.run.scenarios.join(', ')} (see samlspec list)`,
    );
  const reporters = new Multiplexer(
    createReporters(config.run.reporters, { outputDir: config.run.outputDir, quiet: config.run.quiet }),
    {
      onReporterError: (f) =>
        options.log?.(`samlspec: reporter ${f.reporter} failed in ${f.hook}: ${f.message}`),
    },
  );
  const browser =
    config.run.mode === 'browser' && !options.createTarget ? await startBrowser(config) : undefined;
  let idp: Awaited<ReturnType<typeof prepareIdp>>;
  try {
    idp = await prepareIdp(config, {
      ...(options.spMetadataXml ? { spMetadataXml: options.spMetadataXml } : {}),
      ...(options.inMemoryIdp ? { inMemory: true } : {}),
      ...(options.state ? { state: options.state } : {}),
    });
  } catch (error) {
    await browser?.close();
    throw error;
  }
  const startedAt = new Date();
  try {
    const acsUrl = defaultReplyUrl(idp.app)!;
    const oracle = buildOracle(config.sp, acsUrl);
    const capabilities = {
      spInitiated: Boolean(config.sp.loginUrl),
      idpInitiated: config.sp.idpInitiated ?? profile.flows.idpInitiated,
      encryption: idp.sp.encryptionCertificates.length > 0,
      spDomain: Boolean(config.sp.domain),
      accountId: Boolean(config.sp.accountPattern),
    };
    const planFor = (can: TargetCapabilities): PlannedRun[] =>
      skipBrowserOnly(
        planRuns(scenarios, can).map((run) =>
          run.skip ? run : { ...run, skip: profileSkipReason(profile, run.scenario) },
        ),
        config.run.mode,
      );
    let plan = planFor(capabilities);
    const accountPattern = config.sp.accountPattern ? new RegExp(config.sp.accountPattern) : undefined;
    const describeTarget = options.describeTarget ?? `SP ${idp.sp.entityId}`;
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
      options.createTarget?.(idp.handle.loginUrl) ??
      browser?.createTarget(config.sp.loginUrl, idp.handle.loginUrl) ??
      new HttpTarget({
        loginUrl: config.sp.loginUrl,
        idpLoginUrl: idp.handle.loginUrl,
        timeoutMs: Math.min(10_000, config.run.timeoutMs),
      });
    const baseEnv = { idp: idp.scenarioIdp, createTarget, oracle, now: () => new Date(), accountPattern };
    const calibration = new Calibration(baseEnv, {
      configured: idp.app.signing.option,
      algorithm: idp.app.signing.algorithm,
      fixed: config.idp.signingOption ? fromCliName(config.idp.signingOption) : undefined,
    });
    const calibrated = await calibrateFlows(calibration, plan, config.sp.idpInitiated === true);
    plan = applyCalibration(plan, calibrated, () =>
      planFor({ ...capabilities, idpInitiated: false }).filter((run) => run.flow === 'idp-initiated'),
    );
    for (const flow of calibrated) options.log?.(`samlspec: calibration: ${flow.summary}`);
    const env: RunEnvironment = { ...baseEnv, baseline: calibration };
    const livenessFlow = calibrated.find((c) => c.option !== undefined)?.flow;
    const outcome = await runPlan(plan, {
      workers: browser?.workers(config.run.workers) ?? config.run.workers,
      timeoutMs: config.run.timeoutMs,
      signal: options.signal,
      execute: (run) => runScenario(run.scenario, run.flow, env),
      skipped: (run) =>
        run.inconclusive
          ? staticResult(run, 'inconclusive', run.inconclusive)
          : staticResult(run, 'skipped', run.skip ?? 'not applicable'),
      timedOut: (run, ms) =>
        staticResult(run, 'error', `the scenario did not finish within ${ms} ms`, 'TIMEOUT'),
      onResult: (result) => reporters.onScenarioEnd(result),
      liveness: livenessFlow
        ? livenessHooks(calibration, livenessFlow, {
            every: LIVENESS_EVERY,
            recoveryMs: config.run.spRecoveryMs,
          })
        : undefined,
    });
    await browser?.close();
    const report = buildReport(config, describeTarget, idp, startedAt, outcome.results, outcome.interrupted, [
      ...calibrated.map((c) => `calibration: ${c.summary}`),
      ...idp.notes,
      ...(browser?.notes(idp.handle.loginUrl, acsUrl, config.run.workers) ?? []),
      ...(options.notes ?? []),
    ]);
    report.calibration = calibrated;
    if (outcome.liveness) report.liveness = outcome.liveness;
    const files = await reporters.onRunEnd(report);
    return { report, exitCode: exitCodeFor(report, reporters.failures.length > 0), files };
  } finally {
    await browser?.close();
    await idp.handle.close();
  }
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
  idp: Awaited<ReturnType<typeof prepareIdp>>,
  startedAt: Date,
  results: ScenarioResult[],
  interrupted: boolean,
  notes: string[],
): RunReport {
  const finishedAt = new Date();
  return {
    tool: { name: 'samlspec', version: VERSION },
    target: {
      description,
      mode: config.run.mode,
      spEntityId: idp.sp.entityId,
      idpIssuer: idp.handle.issuer,
      notes,
    },
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    strict: config.run.strict,
    interrupted,
    summary: summarize(results),
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
  if (reporterFailed || report.interrupted || report.summary.errors > 0 || report.summary.inconclusive > 0)
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
