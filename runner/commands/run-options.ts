/**
 * @module The option table of `run` and `demo`: the flags that say which SP to test (run only, since demo
 * brings its own SP) and the flags both share (what to run, how, and what to report). Help texts and
 * their config paths live here and nowhere else.
 */
import { IDP_DEFAULTS, RUN_DEFAULTS, SP_DEFAULTS, SIGNING_OPTION_NAMES } from '../run/run-config.js';
import { list, parseEvidence, parsePort, parsePositiveInt } from '../options.js';
import { REPORTER_NAMES } from '../../reports/index.js';
import { SP_PROFILE_NAMES } from '../../scenarios/sp-profiles/index.js';
import type { OptionSpec } from './option-table.js';

/** `run` only: the SP under test and the mock IdP it trusts (demo starts both itself). */
export const RUN_TARGET_OPTIONS: readonly OptionSpec[] = [
  {
    flags: '--profile <name>',
    description: `the product the SP works like: ${SP_PROFILE_NAMES.join('|')} (Entra app set up as its tutorial says; default ${SP_DEFAULTS.profile})`,
    config: ['sp', 'profile'],
  },
  {
    flags: '--sp-metadata <url|file>',
    description: "the SP's metadata (entity ID, ACS URLs, certificates)",
    config: ['sp', 'metadata'],
  },
  {
    flags: '--sp-entity-id <id>',
    description: 'without metadata: the Identifier (SP entity ID) typed into Entra',
    config: ['sp', 'entityId'],
  },
  {
    flags: '--acs-url <url>',
    description: 'without metadata: the Reply URL (ACS URL) typed into Entra',
    config: ['sp', 'acsUrl'],
  },
  {
    flags: '--instance-url <url>',
    description: 'where IdP-initiated sign-in must land (Relay State; atlassian profile)',
    config: ['sp', 'instanceUrl'],
  },
  {
    flags: '--account-pattern <regex>',
    description:
      'first group = the account id the probe page shows (account-lifecycle scenarios), e.g. \'"account":"([^"]+)"\'',
    config: ['sp', 'accountPattern'],
  },
  {
    flags: '--login-url <url>',
    description: 'where SP-initiated sign-in starts (without it only IdP-initiated flows run)',
    config: ['sp', 'loginUrl'],
  },
  {
    flags: '--probe <url|path>',
    description: 'answers 2xx only with a session and shows who is signed in (e.g. /me)',
    config: ['sp', 'probe'],
  },
  {
    flags: '--sp-domain <domain>',
    description: "the SP's email domain (enables the domain-mismatch scenarios)",
    config: ['sp', 'domain'],
  },
  {
    flags: '--no-idp-initiated',
    description: 'the SP accepts only SP-initiated sign-in',
    config: ['sp', 'idpInitiated'],
    // Commander defaults a --no- flag to true; only the explicit "no" overrides the profile's default.
    toConfig: (value) => (value === false ? false : undefined),
  },
  {
    flags: '--idp-port <port>',
    description: `mock IdP port (default ${IDP_DEFAULTS.port}); same as for \`samlspec idp metadata\``,
    parse: parsePort,
    config: ['idp', 'port'],
  },
  {
    flags: '--idp-host <address>',
    description: `mock IdP address (default ${IDP_DEFAULTS.host})`,
    config: ['idp', 'host'],
  },
  {
    flags: '--idp-base-url <url>',
    description:
      'mock IdP public base URL, if not http://<host>:<port> (e.g. http://localhost:7080: another site than an SP on 127.0.0.1)',
    config: ['idp', 'baseUrl'],
  },
  {
    flags: '--state-dir <dir>',
    description: `mock IdP state (default ${IDP_DEFAULTS.stateDir}); same as for \`samlspec idp metadata\``,
    config: ['idp', 'stateDir'],
  },
  {
    flags: '--app <name>',
    description: `enterprise app (default ${IDP_DEFAULTS.app})`,
    config: ['idp', 'app'],
  },
  {
    // Read by the command itself (the file under the flags), so no config path.
    flags: '--config <file>',
    description:
      'run configuration (JSON or YAML: sp, idp, run sections; default: samlspec.config.{yaml,yml,json} in the working directory)',
  },
];

/** `run` and `demo` alike: which scenarios, how they run, and what is reported. */
export const SHARED_RUN_OPTIONS: readonly OptionSpec[] = [
  {
    flags: '--reporter <names>',
    description: `${REPORTER_NAMES.join(',')} (repeatable or comma-separated; default ${RUN_DEFAULTS.reporters.join(',')})`,
    parse: list,
    config: ['run', 'reporters'],
  },
  {
    flags: '--output-dir <dir>',
    description: `where reports are written (default ${RUN_DEFAULTS.outputDir})`,
    config: ['run', 'outputDir'],
  },
  {
    flags: '--strict',
    description: 'SHOULD violations are findings too (exit 1)',
    config: ['run', 'strict'],
  },
  {
    flags: '--max-failures <n>',
    description: 'stop scheduling after N findings (reports still written; exit code as the findings say)',
    parse: parsePositiveInt,
    config: ['run', 'maxFailures'],
  },
  {
    flags: '--workers <n>',
    description: workersHelp(RUN_DEFAULTS.workers),
    parse: parsePositiveInt,
    config: ['run', 'workers'],
  },
  {
    flags: '--timeout <ms>',
    description: `time limit per scenario in ms (default ${RUN_DEFAULTS.timeoutMs})`,
    parse: parsePositiveInt,
    config: ['run', 'timeoutMs'],
  },
  { flags: '--quiet', description: 'console: only the summary', config: ['run', 'quiet'] },
  {
    flags: '--grep <regex>',
    description: 'only scenarios whose id or title matches (case-insensitive), beside ID_PREFIX',
    config: ['run', 'grep'],
  },
  {
    flags: '--tag <tag>',
    description: 'only scenarios with this tag (repeatable: any of them; see samlspec list --tag)',
    parse: list,
    config: ['run', 'tags'],
  },
  {
    flags: '--shard <i/n>',
    description:
      'run shard i of n of the planned scenario runs, balanced by recorded cost (join the reports with samlspec merge-reports)',
    config: ['run', 'shard'],
  },
  {
    flags: '--evidence <failures|all>',
    description:
      'evidence in the JSON and HTML reports: failures (default) leaves the transcripts of passes and skips out; all keeps them',
    parse: parseEvidence,
    config: ['run', 'evidence'],
  },
  {
    flags: '--logout-url <url>',
    description:
      "the SP's page that starts sign-out: the single logout phase checks its LogoutRequest and LogoutResponse handling (without it the logout scenarios are skipped)",
    config: ['sp', 'logoutUrl'],
  },
  {
    flags: '--refresh-idp-metadata <url|cmd|wait:SECONDS>',
    description:
      'how the SP re-reads the IdP metadata after the certificate rollover phase: a URL to POST, a command, or wait:SECONDS for an SP polling the App Federation Metadata Url (without it the rollover scenarios are skipped)',
    config: ['sp', 'refreshIdpMetadata'],
  },
  {
    flags: '--keep-secrets',
    description: "keep the SP's Set-Cookie values (session cookies) in the reports (default: redacted)",
    config: ['run', 'keepSecrets'],
  },
  {
    flags: '--signing-option <option>',
    description: `Entra's Signing Option for the run: ${SIGNING_OPTION_NAMES.join('|')} (default: calibrated, the first one the SP accepts)`,
    config: ['idp', 'signingOption'],
  },
  {
    flags: '--browser',
    description: 'drive the SP with headless Chromium (real cookies, redirects and scripts)',
    config: ['run', 'mode'],
    toConfig: (value) => (value === true ? 'browser' : undefined),
  },
  {
    flags: '--browser-path <file>',
    description:
      'the Chromium executable for --browser (default: $SAMLSPEC_CHROMIUM, then /usr/bin/chromium-headless-shell, then /usr/bin/chromium)',
    config: ['run', 'browserPath'],
  },
  {
    flags: '--screenshots <when>',
    description:
      "--browser: a JPEG of the SP's final page for failures (fail, error, inconclusive; default), all, or off",
    config: ['run', 'screenshots'],
  },
];

/**
 * `samlspec demo`'s scenarios at a time. Its SP is built in: a thread of the same process, on the same machine,
 * so nobody else's server is loaded by more at once. Each flow alternates between the harness and the SP, and
 * with four in flight both threads often sat waiting for each other; with eight, each has work queued (on two
 * CPUs, eight interleaved rounds: the demo's wall time -5%, its CPU no higher, the same outcome for every run).
 * `run` keeps four: its SP is someone's server. Browser mode limits either to half the machine's CPUs.
 */
export const DEMO_WORKERS = 8;

/** SHARED_RUN_OPTIONS as `demo` shows them: its own default for --workers. */
export const DEMO_SHARED_RUN_OPTIONS: readonly OptionSpec[] = SHARED_RUN_OPTIONS.map((option) =>
  option.config?.join('.') === 'run.workers' ? { ...option, description: workersHelp(DEMO_WORKERS) } : option,
);

function workersHelp(defaultWorkers: number): string {
  return `scenarios run concurrently (default ${defaultWorkers})`;
}
