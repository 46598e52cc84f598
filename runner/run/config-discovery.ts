/**
 * @module Config discovery, as Playwright and Vitest find their config: without `--config`, a
 * `samlspec.config.yaml` (`.yml`, `.json`) in the working directory is the run configuration — one file
 * for the sp, idp and run sections, so `samlspec run` and `samlspec idp` / `idp metadata` agree on the
 * mock's port, state directory and app without repeating flags. Two candidates at once is an error
 * rather than a silent pick. Flags still win over the file.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatIssues } from '../../mock-idp/internal.js';
import { HarnessError } from '../errors.js';
import { readRunConfigFile, runConfigSchema, type RunConfig } from './run-config.js';

export const CONFIG_FILE_NAMES = [
  'samlspec.config.yaml',
  'samlspec.config.yml',
  'samlspec.config.json',
] as const;

/** The config file in `dir` (default: the working directory), if there is exactly one; two is an error. */
export function discoverConfigFile(dir: string = process.cwd()): string | undefined {
  const found = CONFIG_FILE_NAMES.map((name) => join(dir, name)).filter(
    (path) => existsSync(path) && statSync(path).isFile(),
  );
  if (found.length > 1)
    throw new HarnessError(
      'BAD_CONFIG',
      `${found.join(' and ')}: more than one samlspec config file; keep one, or choose with --config`,
    );
  return found[0];
}

/** `flags` with `config` set to the discovered file when none was given (and a line saying so). */
export function withDiscoveredConfig<T extends { config?: string | undefined }>(
  flags: T,
  log: (line: string) => void = (line) => console.error(line),
  dir?: string,
): T {
  if (flags.config !== undefined) return flags;
  const found = discoverConfigFile(dir);
  if (found === undefined) return flags;
  log(`samlspec: config ${found} (found in the working directory; --config chooses another)`);
  return { ...flags, config: found };
}

export type IdpSection = Partial<RunConfig['idp']>;

/**
 * The `idp` section of the discovered config file — only the settings it names, validated — for the
 * `samlspec idp` commands' defaults. None when there is no file or no section.
 */
export function discoveredIdpSection(
  log: (line: string) => void = (line) => console.error(line),
  dir?: string,
): IdpSection | undefined {
  const path = discoverConfigFile(dir);
  if (path === undefined) return undefined;
  const raw = readRunConfigFile(path) as { idp?: unknown } | null;
  const section = raw?.idp;
  if (section === undefined) return undefined;
  const parsed = runConfigSchema.shape.idp.safeParse(section);
  if (!parsed.success) throw new HarnessError('BAD_CONFIG', formatIssues(`${path} idp`, parsed.error));
  const named = new Set(Object.keys(section as object));
  log(`samlspec: idp settings from ${path} (flags win)`);
  return Object.fromEntries(Object.entries(parsed.data).filter(([key]) => named.has(key))) as IdpSection;
}
