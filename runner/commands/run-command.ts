/**
 * @module `samlspec run [ID_PREFIX...]`: the catalog against any SP. Flags override the config file.
 * Ctrl-C stops scheduling; what finished is reported (exit 2, interrupted).
 */
import type { Command } from 'commander';
import type { ExecuteOptions } from '../run/execute-run.js';
import { mergeConfig, parseRunConfig, readRunConfigFile, type RunConfig } from '../run/run-config.js';
import { withDiscoveredConfig } from '../run/config-discovery.js';
import { addOptionTable, configFromOptions, type OptionValues } from './option-table.js';
import { RUN_TARGET_OPTIONS, SHARED_RUN_OPTIONS } from './run-options.js';

/** What commander hands `run`'s action: every option table value by attribute name, and the config file. */
export type RunFlags = OptionValues & { config?: string };

/** Run's whole table: the target's flags first, then the shared ones (the order --help lists them). */
const RUN_OPTIONS = [...RUN_TARGET_OPTIONS, ...SHARED_RUN_OPTIONS];

export function registerRunCommand(
  program: Command,
  run: (config: RunConfig, options?: ExecuteOptions) => Promise<number>,
): void {
  addOptionTable(
    program
      .command('run')
      .description('run the scenario catalog (or the scenarios whose id starts with ID_PREFIX) against an SP')
      .argument('[ID_PREFIX...]', 'scenario id prefixes, e.g. profiles/4.1.4.3 attacks/xsw'),
    RUN_OPTIONS,
  ).action(async (prefixes: string[], flags: RunFlags) => {
    process.exitCode = await run(configFromFlags(prefixes, withDiscoveredConfig(flags)));
  });
}

export function configFromFlags(prefixes: string[], flags: RunFlags): RunConfig {
  const file = flags.config ? readRunConfigFile(flags.config) : {};
  const fromFlags = configFromOptions(RUN_OPTIONS, flags);
  if (prefixes.length > 0) fromFlags.run.scenarios = prefixes;
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
