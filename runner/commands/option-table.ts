/**
 * @module One typed table drives a command's flags and their place in the run configuration (Vitest's
 * cli-config.ts is the model): each row is registered with commander once and mapped onto the config once,
 * so `run` and `demo` cannot drift apart, and a config path the schema does not have fails to compile.
 */
import { Option, type Command } from 'commander';
import type { RunConfigInput } from '../run/run-config.js';

type Section = 'sp' | 'idp' | 'run';
type ConfigKey<S extends Section> = keyof NonNullable<RunConfigInput[S]> & string;
/** Where a flag's value lands in the run configuration, checked against the zod schema's input type. */
export type ConfigPath = { [S in Section]: readonly [S, ConfigKey<S>] }[Section];

export interface OptionSpec {
  /** Commander's flag syntax, e.g. `--workers <n>` or `--no-idp-initiated`. */
  flags: string;
  /** The help text. */
  description: string;
  /** Turns the typed text into the value (and errors name the option); `previous` lets lists repeat. */
  parse?: (value: string, previous: never) => unknown;
  /**
   * Commander's value when the flag is not given (shown in --help). Not for rows that configFromOptions
   * maps (run, demo): a default there would override the config file; the schema holds those defaults.
   */
  defaultValue?: unknown;
  /** Where the value goes in the config; without it the command reads the flag itself (e.g. --config). */
  config?: ConfigPath;
  /** The flag's value as the config wants it (default: as parsed); undefined leaves the config alone. */
  toConfig?: (value: unknown) => unknown;
}

/** The flags object commander hands an action: values keyed by each option's attribute name. */
export type OptionValues = Readonly<Record<string, unknown>>;

export type ConfigFromOptions = Record<Section, Record<string, unknown>>;

/** Registers every row, in table order (the order --help lists them). */
export function addOptionTable(command: Command, table: readonly OptionSpec[]): Command {
  for (const spec of table) {
    const option = new Option(spec.flags, spec.description);
    if (spec.parse) option.argParser(spec.parse as (value: string, previous: unknown) => unknown);
    if (spec.defaultValue !== undefined) option.default(spec.defaultValue);
    command.addOption(option);
  }
  return command;
}

/** The key commander stores the option's value under (`--no-idp-initiated` → `idpInitiated`). */
export function attributeNameOf(spec: OptionSpec): string {
  return new Option(spec.flags).attributeName();
}

/** The given flags, placed in their config sections; flags that were not given are left out. */
export function configFromOptions(table: readonly OptionSpec[], values: OptionValues): ConfigFromOptions {
  const out: ConfigFromOptions = { sp: {}, idp: {}, run: {} };
  for (const spec of table) {
    if (!spec.config) continue;
    const raw = values[attributeNameOf(spec)];
    const value = spec.toConfig ? spec.toConfig(raw) : raw;
    if (value === undefined) continue;
    const [section, key] = spec.config;
    out[section][key] = value;
  }
  return out;
}
