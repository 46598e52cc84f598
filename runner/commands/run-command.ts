/**
 * @module `samlspec run [ID_PREFIX...]`: the catalog against any SP. Flags override the config file.
 * Ctrl-C stops scheduling; what finished is reported (exit 2, interrupted).
 */
import type { Command } from 'commander';
import { DEFAULT_STATE_DIR } from '../../mock-idp/state/mock-idp-state.js';
import { DEFAULT_APP_NAME } from '../../mock-idp/default-app.js';
import type { ExecuteOptions } from '../run/execute-run.js';
import {
  DEFAULT_IDP_PORT,
  SIGNING_OPTION_NAMES,
  mergeConfig,
  parseRunConfig,
  readRunConfigFile,
  type RunConfig,
} from '../run/run-config.js';
import { parseEvidence, parsePort, parsePositiveInt } from '../options.js';
import type { EvidencePolicy } from '../../reports/lean-report.js';
import { withDiscoveredConfig } from '../run/config-discovery.js';
import { SP_PROFILE_NAMES } from '../../scenarios/sp-profiles/index.js';

export interface RunFlags {
  profile?: string;
  spMetadata?: string;
  spEntityId?: string;
  acsUrl?: string;
  instanceUrl?: string;
  accountPattern?: string;
  loginUrl?: string;
  probe?: string;
  spDomain?: string;
  idpInitiated?: boolean;
  idpPort?: number;
  idpHost?: string;
  stateDir?: string;
  app?: string;
  reporter?: string[];
  outputDir?: string;
  strict?: boolean;
  workers?: number;
  timeout?: number;
  config?: string;
  quiet?: boolean;
  browser?: boolean;
  browserPath?: string;
  screenshots?: string;
  idpBaseUrl?: string;
  signingOption?: string;
  keepSecrets?: boolean;
  grep?: string;
  tag?: string[];
  shard?: string;
  maxFailures?: number;
  evidence?: EvidencePolicy;
  refreshIdpMetadata?: string;
}

export const list = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

export function addRunOptions(command: Command): Command {
  return command
    .option(
      '--reporter <names>',
      'console,json,junit,html,markdown,github,line (repeatable or comma-separated; default console,json,junit,html,markdown)',
      list,
    )
    .option('--output-dir <dir>', 'where reports are written (default reports-out)')
    .option('--strict', 'SHOULD violations are findings too (exit 1)')
    .option(
      '--max-failures <n>',
      'stop scheduling after N findings (reports still written; exit code as the findings say)',
      parsePositiveInt,
    )
    .option('--workers <n>', 'scenarios run concurrently (default 4)', parsePositiveInt)
    .option('--timeout <ms>', 'time limit per scenario in ms (default 30000)', parsePositiveInt)
    .option('--quiet', 'console: only the summary')
    .option('--grep <regex>', 'only scenarios whose id or title matches (case-insensitive), beside ID_PREFIX')
    .option(
      '--tag <tag>',
      'only scenarios with this tag (repeatable: any of them; see samlspec list --tag)',
      list,
    )
    .option(
      '--shard <i/n>',
      'run shard i of n of the planned scenario runs, balanced by recorded cost (join the reports with samlspec merge-reports)',
    )
    .option(
      '--evidence <failures|all>',
      'evidence in the JSON and HTML reports: failures (default) leaves the transcripts of passes and skips out; all keeps them',
      parseEvidence,
    )
    .option(
      '--refresh-idp-metadata <url|cmd|wait:SECONDS>',
      'how the SP re-reads the IdP metadata after the certificate rollover phase: a URL to POST, a command, or wait:SECONDS for an SP polling the App Federation Metadata Url (without it the rollover scenarios are skipped)',
    )
    .option(
      '--keep-secrets',
      "keep the SP's Set-Cookie values (session cookies) in the reports (default: redacted)",
    )
    .option(
      '--signing-option <option>',
      `Entra's Signing Option for the run: ${SIGNING_OPTION_NAMES.join('|')} (default: calibrated, the first one the SP accepts)`,
    )
    .option('--browser', 'drive the SP with headless Chromium (real cookies, redirects and scripts)')
    .option(
      '--browser-path <file>',
      'the Chromium executable for --browser (default: $SAMLSPEC_CHROMIUM, then /usr/bin/chromium)',
    )
    .option(
      '--screenshots <when>',
      "--browser: a JPEG of the SP's final page for failures (fail, error, inconclusive; default), all, or off",
    );
}

export function registerRunCommand(
  program: Command,
  run: (config: RunConfig, options?: ExecuteOptions) => Promise<number>,
): void {
  addRunOptions(
    program
      .command('run')
      .description('run the scenario catalog (or the scenarios whose id starts with ID_PREFIX) against an SP')
      .argument('[ID_PREFIX...]', 'scenario id prefixes, e.g. profiles/4.1.4.3 attacks/xsw')
      .option(
        '--profile <name>',
        `the product the SP works like: ${SP_PROFILE_NAMES.join('|')} (Entra app set up as its tutorial says; default generic)`,
      )
      .option('--sp-metadata <url|file>', "the SP's metadata (entity ID, ACS URLs, certificates)")
      .option('--sp-entity-id <id>', 'without metadata: the Identifier (SP entity ID) typed into Entra')
      .option('--acs-url <url>', 'without metadata: the Reply URL (ACS URL) typed into Entra')
      .option(
        '--instance-url <url>',
        'where IdP-initiated sign-in must land (Relay State; atlassian profile)',
      )
      .option(
        '--account-pattern <regex>',
        'first group = the account id the probe page shows (account-lifecycle scenarios), e.g. \'"account":"([^"]+)"\'',
      )
      .option(
        '--login-url <url>',
        'where SP-initiated sign-in starts (without it only IdP-initiated flows run)',
      )
      .option('--probe <url|path>', 'answers 2xx only with a session and shows who is signed in (e.g. /me)')
      .option('--sp-domain <domain>', "the SP's email domain (enables the domain-mismatch scenarios)")
      .option('--no-idp-initiated', 'the SP accepts only SP-initiated sign-in')
      .option(
        '--idp-port <port>',
        `mock IdP port (default ${DEFAULT_IDP_PORT}); same as for \`samlspec idp metadata\``,
        parsePort,
      )
      .option('--idp-host <address>', 'mock IdP address (default 127.0.0.1)')
      .option(
        '--idp-base-url <url>',
        'mock IdP public base URL, if not http://<host>:<port> (e.g. http://localhost:7080: another site than an SP on 127.0.0.1)',
      )
      .option(
        '--state-dir <dir>',
        `mock IdP state (default ${DEFAULT_STATE_DIR}); same as for \`samlspec idp metadata\``,
      )
      .option('--app <name>', `enterprise app (default ${DEFAULT_APP_NAME})`)
      .option(
        '--config <file>',
        'run configuration (JSON or YAML: sp, idp, run sections; default: samlspec.config.{yaml,yml,json} in the working directory)',
      ),
  ).action(async (prefixes: string[], flags: RunFlags) => {
    process.exitCode = await run(configFromFlags(prefixes, withDiscoveredConfig(flags)));
  });
}

export function configFromFlags(prefixes: string[], flags: RunFlags): RunConfig {
  const file = flags.config ? readRunConfigFile(flags.config) : {};
  const fromFlags = {
    sp: {
      profile: flags.profile,
      metadata: flags.spMetadata,
      entityId: flags.spEntityId,
      acsUrl: flags.acsUrl,
      instanceUrl: flags.instanceUrl,
      accountPattern: flags.accountPattern,
      loginUrl: flags.loginUrl,
      probe: flags.probe,
      domain: flags.spDomain,
      idpInitiated: flags.idpInitiated === false ? false : undefined,
      refreshIdpMetadata: flags.refreshIdpMetadata,
    },
    idp: {
      port: flags.idpPort,
      host: flags.idpHost,
      baseUrl: flags.idpBaseUrl,
      stateDir: flags.stateDir,
      app: flags.app,
      signingOption: flags.signingOption,
    },
    run: {
      scenarios: prefixes.length > 0 ? prefixes : undefined,
      grep: flags.grep,
      tags: flags.tag,
      shard: flags.shard,
      reporters: flags.reporter,
      outputDir: flags.outputDir,
      strict: flags.strict,
      maxFailures: flags.maxFailures,
      workers: flags.workers,
      timeoutMs: flags.timeout,
      quiet: flags.quiet,
      keepSecrets: flags.keepSecrets,
      evidence: flags.evidence,
      mode: flags.browser ? 'browser' : undefined,
      browserPath: flags.browserPath,
      screenshots: flags.screenshots,
    },
  };
  const merged = mergeConfig(file, fromFlags) as Record<string, Record<string, unknown> | undefined>;
  return parseRunConfig(stripUndefined({ ...merged, sp: merged.sp ?? {} }), flags.config ?? 'command line');
}

function stripUndefined(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, stripUndefined(v)]),
  );
}
