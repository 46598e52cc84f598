/**
 * @module The runner as a library: `runScenarios()` runs the catalog (or part of it) against an SP from
 * a vendor's own Vitest or Jest suite, with the CLI's settings as typed options, and resolves to the
 * JSON report (RunReport) and the exit code the CLI would give. Nothing is printed or written unless
 * reporters are asked for.
 *
 * Two ways to name the SP:
 * - a function that starts it (in-process, typically) from the mock IdP's metadata: the mock's state is
 *   then in memory, on a free port, and the SP is closed after the run — nothing to start by hand;
 * - its settings, for an SP already running and trusting the mock from the state directory and port
 *   that `samlspec idp metadata` used (the CLI's `samlspec run`).
 */
import {
  baseUrlFor,
  openConfiguredState,
  ensureApp,
  appMetadataFor,
  tenantUrls,
  formatIssues,
} from '../mock-idp/internal.js';
import type { RunReport } from '../reports/types.js';
import { executeRun } from './run/execute-run.js';
import { withFreePort } from './run/free-port.js';
import {
  parseRunConfig,
  runConfigSchema,
  type RunConfigInput,
  type SigningOptionName,
} from './run/run-config.js';
import { HarnessError } from './errors.js';
import type { ShardSpec } from './run/shard.js';

/** The SP under test, as `samlspec run` takes it (the config file's `sp` section). */
export type SpSettings = RunConfigInput['sp'];

/** The mock IdP as the SP must be configured with it, before the run starts the mock. */
export interface MockIdpForSp {
  /** The app's federation metadata (Entra's "Federation Metadata XML"). */
  metadataXml: string;
  /** The same bytes as a data: URL, for SPs that read an "App Federation Metadata Url" at start. */
  metadataUrl: string;
  /**
   * The mock's live App Federation Metadata Url, served once the run has started the mock: what an SP
   * re-reads when the run's `refreshIdpMetadata` hook tells it to (certificate rollover phase).
   */
  liveMetadataUrl: string;
  /** Entra's Login URL and Microsoft Entra Identifier, for SPs configured by hand. */
  loginUrl: string;
  issuer: string;
  /** "Certificate (Base64)": the signing certificate, PEM. */
  certificatePem: string;
  /** Where the mock will listen. */
  baseUrl: string;
}

/** What an SP factory hands back: the SP's settings, its metadata if it has it in hand, and how to stop it. */
export type StartedSp = Partial<SpSettings> & {
  /** The SP's metadata XML (instead of `metadata`, a file or URL). */
  metadataXml?: string;
  close?(): Promise<void>;
};

export interface RunScenariosOptions {
  /** The SP: a function that starts it given the mock IdP, or the settings of one already running. */
  sp: SpSettings | ((idp: MockIdpForSp) => Promise<StartedSp>);
  /** Scenario id prefixes (default: the whole catalog), as `samlspec run ID_PREFIX...`. */
  scenarios?: readonly string[];
  /** A regex (case-insensitive) on scenario id and title (`--grep`). */
  grep?: string;
  /** Scenarios with any of these tags (`--tag`). */
  tags?: readonly string[];
  /** Shard i of n of the planned runs: "2/4" or { current: 2, total: 4 } (`--shard`). */
  shard?: string | ShardSpec;
  /** Scenarios run concurrently (default 4). */
  workers?: number;
  /** Time limit per scenario in ms (default 30000). */
  timeoutMs?: number;
  /** SHOULD violations are findings too (exit code 1). */
  strict?: boolean;
  /** Entra's Signing Option for the run (default: calibrated). */
  signingOption?: SigningOptionName;
  /** Reporters, as `--reporter` names (default none: nothing printed or written). */
  reporters?: readonly string[];
  /** Where file reporters write (default reports-out). */
  outputDir?: string;
  /** Console reporter: only the summary. */
  quiet?: boolean;
  /** Drive the SP with headless Chromium; a string names the executable. */
  browser?: boolean | string;
  /** Keep the SP's session cookies in the reports (default: redacted). */
  keepSecrets?: boolean;
  /**
   * The mock IdP (the config file's `idp` section). For an SP already running: the port and state
   * directory it was configured from. For an SP factory: host, app and users file (port: a free one).
   */
  idp?: RunConfigInput['idp'];
  /** Stops scheduling scenarios; what finished is reported (exit code 2, interrupted). */
  signal?: AbortSignal;
  /** Progress lines (calibration, files written); default: silent. */
  log?: (line: string) => void;
}

export interface RunScenariosResult {
  /** The JSON report: every result with its evidence, calibration, liveness, summary. */
  report: RunReport;
  /** As the CLI exits: 0 no must failures, 1 findings, 2 the harness could not judge (errors, inconclusive). */
  exitCode: number;
  /** Report files written (none without file reporters). */
  files: readonly string[];
}

/**
 * Runs the selected scenarios against the SP. Rejects (a HarnessError with a code) when the run cannot
 * start or stops as a whole: bad options, the SP unreachable, Entra refusing its AuthnRequest.
 */
export async function runScenarios(options: RunScenariosOptions): Promise<RunScenariosResult> {
  const run = runSection(options);
  const idp = { ...options.idp, ...(options.signingOption ? { signingOption: options.signingOption } : {}) };
  const execute = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.log ? { log: options.log } : {}),
  };
  if (typeof options.sp !== 'function') {
    const config = parseRunConfig({ sp: options.sp, idp, run }, 'runScenarios');
    return executeRun(config, execute);
  }
  const startSp = options.sp;
  // Options are checked before the SP starts: a typo costs no SP start-up.
  checkSections(idp, run);
  const host = options.idp?.host ?? '127.0.0.1';
  return withFreePort(
    async (port) => {
      const state = openConfiguredState(options.idp?.config ? { config: options.idp.config } : {});
      const tenant = state.defaultTenant;
      const app = ensureApp(tenant, options.idp?.app);
      const baseUrl = options.idp?.baseUrl ?? baseUrlFor(host, port);
      const metadataXml = appMetadataFor(tenant, app, baseUrl, state.ids).toString('utf8');
      const urls = tenantUrls(baseUrl, tenant.tenant.tenantId);
      const sp = await startSp({
        metadataXml,
        metadataUrl: `data:application/samlmetadata+xml;base64,${Buffer.from(metadataXml, 'utf8').toString('base64')}`,
        liveMetadataUrl: urls.appMetadataUrl(app.appId),
        loginUrl: urls.loginUrl,
        issuer: urls.issuer,
        certificatePem: tenant.signingMaterial(app).certificatePem,
        baseUrl,
      });
      try {
        const { metadataXml: spMetadataXml, close: _close, ...settings } = sp;
        // Metadata in hand needs no source; the config still names one for the report.
        const named = settings.metadata !== undefined || settings.entityId !== undefined;
        const config = parseRunConfig(
          {
            sp: {
              ...settings,
              ...(spMetadataXml !== undefined && !named ? { metadata: '(in-process SP)' } : {}),
            },
            idp: { ...idp, host, port },
            run,
          },
          'runScenarios',
        );
        return await executeRun(config, {
          ...execute,
          state,
          ...(spMetadataXml !== undefined ? { spMetadataXml } : {}),
        });
      } finally {
        await sp.close?.();
      }
    },
    { host },
  );
}

function runSection(options: RunScenariosOptions): NonNullable<RunConfigInput['run']> {
  return {
    reporters: [...(options.reporters ?? [])],
    ...(options.scenarios ? { scenarios: [...options.scenarios] } : {}),
    ...(options.grep !== undefined ? { grep: options.grep } : {}),
    ...(options.tags ? { tags: [...options.tags] } : {}),
    ...(options.shard !== undefined ? { shard: options.shard } : {}),
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.strict !== undefined ? { strict: options.strict } : {}),
    ...(options.outputDir !== undefined ? { outputDir: options.outputDir } : {}),
    ...(options.quiet !== undefined ? { quiet: options.quiet } : {}),
    ...(options.keepSecrets !== undefined ? { keepSecrets: options.keepSecrets } : {}),
    ...(options.browser ? { mode: 'browser' as const } : {}),
    ...(typeof options.browser === 'string' ? { browserPath: options.browser } : {}),
  };
}

function checkSections(idp: RunConfigInput['idp'], run: RunConfigInput['run']): void {
  for (const [name, result] of [
    ['idp', runConfigSchema.shape.idp.safeParse(idp)],
    ['run', runConfigSchema.shape.run.safeParse(run)],
  ] as const)
    if (!result.success)
      throw new HarnessError('BAD_CONFIG', formatIssues(`runScenarios ${name}`, result.error));
}
