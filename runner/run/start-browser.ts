/**
 * @module Browser mode's one Chromium for the run (run.mode 'browser'). Playwright is imported only here
 * and only then, so HTTP mode never loads it.
 */
import type { BrowserRun } from '../targets/browser/browser-run.js';
import type { RunConfig } from './run-config.js';

export async function startBrowser(config: RunConfig): Promise<BrowserRun> {
  const { BrowserRun } = await import('../targets/browser/browser-run.js');
  return BrowserRun.start({
    executablePath: config.run.browserPath,
    reportDir: writesFiles(config) ? config.run.outputDir : undefined,
    timeoutMs: Math.min(10_000, config.run.timeoutMs),
    screenshots: config.run.screenshots,
  });
}

/** Report files beside which screenshots and traces can go: any reporter but the console. */
function writesFiles(config: RunConfig): boolean {
  return config.run.reporters.some((name) => name !== 'console');
}
