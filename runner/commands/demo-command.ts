/**
 * @module `samlspec demo`: the whole catalog against a built-in strict fixture SP — the reference SP
 * with an account layer (generic), or with `--profile` the product-like one — with the mock IdP in memory
 * on a free port; writes every report. The README's main command: it shows what a run looks like and
 * that a careful SP passes every must. `--broken` shows the opposite.
 */
import type { Command } from 'commander';
import { openConfiguredState, baseUrlFor, ensureApp } from '../../mock-idp/internal.js';
import { SP_PROFILE_NAMES, type SpProfileName } from '../../scenarios/sp-profiles/index.js';
import { HarnessError } from '../errors.js';
import { parseRunConfig, type RunConfig } from '../run/run-config.js';
import type { ExecuteOptions } from '../run/execute-run.js';
import { list } from '../options.js';
import { addOptionTable, configFromOptions, type OptionSpec, type OptionValues } from './option-table.js';
import { DEMO_SHARED_RUN_OPTIONS, DEMO_WORKERS } from './run-options.js';
import { startDemoSp } from './demo-sp.js';
import { demoSpThread } from './demo-early-start.js';
import { BrokenFlags } from '../../fixtures/sps/profile-sps/broken-flags.js';
import { seedDemoIdpKeys } from './demo-keys.js';
import { freePort } from '../run/free-port.js';

/** Demo's own flags: which built-in SP it starts (run's --profile and target flags do not apply). */
export const DEMO_SP_OPTIONS: readonly OptionSpec[] = [
  {
    flags: '--profile <name>',
    description: `the built-in SP behaves like ${SP_PROFILE_NAMES.filter((n) => n !== 'generic').join('|')} and the run uses that profile`,
  },
  {
    flags: '--broken <flags>',
    description: "break the profile SP on purpose (its variant flags; see the README's profiles)",
    parse: list,
  },
];

/** The shared table's values, and the three flags demo reads itself. */
type DemoFlags = OptionValues & { profile?: string; broken?: string[]; browser?: boolean };

export function registerDemoCommand(
  program: Command,
  run: (config: RunConfig, options?: ExecuteOptions) => Promise<number>,
): void {
  addOptionTable(
    program
      .command('demo')
      .description(
        'run the whole catalog against a built-in strict fixture SP (with --profile: the product-like one) and write all reports',
      )
      .argument('[ID_PREFIX...]', 'scenario id prefixes (default: all)'),
    [...DEMO_SP_OPTIONS, ...DEMO_SHARED_RUN_OPTIONS],
  ).action(async (prefixes: string[], flags: DemoFlags) => {
    // Launched by bin/samlspec.js before the CLI's modules loaded (demo-early-start.ts), it has been loading
    // the SP's modules since; the SP starts once the IdP it trusts exists.
    const spThread = demoSpThread();
    try {
      // The in-memory IdP signs with fixed test keys instead of generating six (demo-keys.ts).
      seedDemoIdpKeys();
      const host = '127.0.0.1';
      const port = await freePort(host);
      // Browser mode: the IdP on another site (localhost) than the SP (127.0.0.1), as Entra is.
      const idpBaseUrl = flags.browser ? `http://localhost:${port}` : baseUrlFor(host, port);
      const state = openConfiguredState({});
      const app = ensureApp(state.defaultTenant);
      const profile = parseProfile(flags.profile);
      checkBrokenFlags(profile ?? 'generic', flags.broken);
      const sp = await startDemoSp(
        profile ?? 'generic',
        { state, app, baseUrl: idpBaseUrl },
        { host, ...(flags.broken ? { broken: flags.broken } : {}), thread: spThread },
      );
      // The shared flags map onto the config exactly as for `run`; demo adds its own SP and IdP address.
      const shared = configFromOptions(DEMO_SHARED_RUN_OPTIONS, flags);
      const config = parseRunConfig(
        {
          sp: { ...sp.sp, ...shared.sp },
          idp: { port, host, ...(flags.browser ? { baseUrl: idpBaseUrl } : {}), ...shared.idp },
          run: demoRunSection(prefixes, shared.run),
        },
        'demo',
      );
      process.exitCode = await run(config, {
        state,
        ...(sp.metadataXml ? { spMetadataXml: sp.metadataXml } : {}),
        describeTarget: sp.description,
        notes: [
          'demo: the mock IdP and the fixture SP run in this process (the SP on its own thread); the IdP state is in memory',
        ],
      });
    } finally {
      await spThread.close();
    }
  });
}

/** The run section of the demo's config: the flags' values over the demo's own defaults (DEMO_WORKERS). */
export function demoRunSection(
  prefixes: readonly string[],
  fromFlags: Record<string, unknown>,
): Record<string, unknown> {
  return {
    workers: DEMO_WORKERS,
    ...(prefixes.length > 0 ? { scenarios: [...prefixes] } : {}),
    ...fromFlags,
  };
}

/** An unknown --broken flag is the user's configuration error (exit 2), said before the SP starts. */
function checkBrokenFlags(profile: SpProfileName, broken: readonly string[] | undefined): void {
  try {
    new BrokenFlags(profile, broken ?? []);
  } catch (error) {
    throw new HarnessError('BAD_CONFIG', `--broken: ${(error as Error).message}`);
  }
}

function parseProfile(name: string | undefined): SpProfileName | undefined {
  if (name === undefined) return undefined;
  if (!(SP_PROFILE_NAMES as readonly string[]).includes(name))
    throw new HarnessError('BAD_CONFIG', `--profile ${name}: not a profile (${SP_PROFILE_NAMES.join(', ')})`);
  return name as SpProfileName;
}
