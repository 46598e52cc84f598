/**
 * @module Browser mode's Chromium: found (--browser-path, then SAMLSPEC_CHROMIUM, then the usual system
 * paths, Chromium's headless shell first) and started headless through Playwright, with the flags that
 * keep it off the network: no background networking, component updates, sync or QUIC. Playwright gives every launch a new, empty
 * profile directory (its own --user-data-dir, removed on close), so nothing carries over between runs.
 * A missing or broken browser is a HarnessError('BROWSER_FAILED') that says how to get one (exit 2).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Playwright from 'playwright-core';
import type { Browser } from 'playwright-core';
import { HarnessError } from '../errors.js';
import { withTimeout } from '../targets/browser/settle.js';

/** Environment variable naming the Chromium executable (same as --browser-path). */
export const CHROMIUM_ENV = 'SAMLSPEC_CHROMIUM';

/**
 * Where Debian, Ubuntu and Chrome installs put the browser. The headless shell (Debian's package
 * chromium-headless-shell: Chromium's "old headless" build, the one Playwright itself runs headless) comes
 * first: the same Blink and network stack, cookie rules included, without the desktop browser's UI layers,
 * so a new context and its page cost about a quarter of the CPU they cost in the full browser (measured:
 * the catalog in browser mode 4x faster). The full browser is taken when it is the only one installed.
 */
export const SYSTEM_CHROMIUM_PATHS = [
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
] as const;

/**
 * Besides Playwright's own defaults (--headless, a fresh --user-data-dir): the sandbox needs user
 * namespaces that containers and root lack; the next five stop Chromium calling home, which on a closed
 * network means connection errors at every start. Without site isolation, the IdP's page and the SP's
 * share a renderer process instead of starting one per site and scenario (a third of a scenario's cost
 * on two cores); cookie rules (SameSite, Secure) do not depend on it.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-site-isolation-trials',
] as const;

/** How long a closing Chromium may take (it normally needs well under a second). */
const CLOSE_TIMEOUT_MS = 10_000;

const HOW_TO_GET_ONE =
  "install Debian's package chromium-headless-shell (apt-get install chromium-headless-shell; the full chromium package works too, slower), or name the executable with --browser-path <file> or the environment variable SAMLSPEC_CHROMIUM";

export interface LaunchOptions {
  /** --browser-path (wins over the environment). */
  executablePath?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Time allowed for the browser to start. Default 30 s. */
  timeoutMs?: number;
  /** More switches after CHROMIUM_ARGS (browser mode's proxy). */
  extraArgs?: readonly string[];
}

export interface LaunchedBrowser {
  browser: Browser;
  executablePath: string;
  /** Chromium's version, e.g. 156.0.8078.79. */
  version: string;
  close(): Promise<void>;
}

/** The executable to start, and where that choice came from (for error messages). */
export function resolveChromiumPath(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  systemPaths: readonly string[] = SYSTEM_CHROMIUM_PATHS,
): { path: string; source: string } {
  if (explicit) return checkExecutable(explicit, `--browser-path ${explicit}`);
  const fromEnv = env[CHROMIUM_ENV];
  if (fromEnv) return checkExecutable(fromEnv, `${CHROMIUM_ENV}=${fromEnv}`);
  for (const path of systemPaths) if (isExecutable(path)) return { path, source: path };
  throw new HarnessError(
    'BROWSER_FAILED',
    `browser mode needs Chromium, and none was found (looked for ${systemPaths.join(', ')}): ${HOW_TO_GET_ONE}`,
  );
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const { path, source } = resolveChromiumPath(options.executablePath, options.env);
  // Loaded here so HTTP mode never loads Playwright. With require, not import(): the CLI's bundle runs from
  // V8's code cache, and a function restored from that cache cannot import() (runner/code-cache.ts).
  const { chromium } = createRequire(import.meta.url)('playwright-core') as typeof Playwright;
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: path,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
      timeout: options.timeoutMs ?? 30_000,
      // Chromium's own output is noise here; a failed start is reported below.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (error) {
    const first = firstMeaningfulLine((error as Error).message);
    throw new HarnessError(
      'BROWSER_FAILED',
      `Chromium (${source}) did not start: ${first}. Check that it is a working Chromium or Chrome; or ${HOW_TO_GET_ONE}`,
      { cause: error },
    );
  }
  return {
    browser,
    executablePath: path,
    version: browser.version(),
    // A browser that no longer answers is left to Playwright, which kills it when this process exits.
    close: () =>
      withTimeout(browser.close(), CLOSE_TIMEOUT_MS, () => new Error('Chromium did not close')).catch(
        () => undefined,
      ),
  };
}

function checkExecutable(path: string, source: string): { path: string; source: string } {
  if (!isExecutable(path)) {
    throw new HarnessError(
      'BROWSER_FAILED',
      `${source}: no executable file there. Give the Chromium executable with --browser-path <file> or SAMLSPEC_CHROMIUM, or install Debian's package chromium (apt-get install chromium)`,
    );
  }
  return { path, source };
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Playwright's launch errors carry the whole browser log; the first line says what went wrong. */
function firstMeaningfulLine(message: string): string {
  const line = message
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  return (line ?? 'unknown error').replace(/^browserType\.launch:\s*/, '').slice(0, 300);
}
