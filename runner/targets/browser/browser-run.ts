/**
 * @module Browser mode for a whole run: one Chromium, a BrowserTarget (a fresh context) per scenario,
 * the run's screenshot and trace folder beside the reports (emptied at the start), the report notes
 * that say how the browser saw the sites, and a close that waits for every context to finish first.
 */
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser, type LaunchedBrowser } from '../../browser/launch.js';
import { BrowserTarget, type BrowserArtifactOptions } from '../browser-target.js';
import type { ScreenshotPolicy } from './evidence.js';
import { SessionPool } from './session-pool.js';
import { sameSite } from './site.js';
import type { OriginPolicy } from '../../http/origin-policy.js';
import { OriginProxy, proxyArgs } from './origin-proxy.js';

/** The run's folder for screenshots and traces, inside the report directory. */
export const BROWSER_ARTIFACTS_DIR = 'browser-artifacts';

const SHOTS: Record<ScreenshotPolicy, string> = {
  failures:
    "a JPEG of the SP's final page for each fail, error and inconclusive scenario (--screenshots all: every scenario)",
  all: "a JPEG of the SP's final page for every scenario",
  off: 'no screenshots (--screenshots off)',
};
const VIEWPORT = { width: 1024, height: 640 };
/** Contexts opened ahead of the scenarios (see SessionPool); each waiting one holds a renderer process. */
const POOL_DEPTH = 2;

export interface BrowserRunOptions {
  executablePath?: string | undefined;
  /** The report directory; artifacts are written only if given. */
  reportDir?: string | undefined;
  /** Per navigation. */
  timeoutMs: number;
  /** Which scenarios keep a screenshot of the SP's final page (default: fail, error, inconclusive). */
  screenshots?: ScreenshotPolicy | undefined;
}

export class BrowserRun {
  private readonly closing = new Set<Promise<void>>();
  private closed: Promise<void> | undefined;
  private pool: SessionPool | undefined;

  private constructor(
    private readonly launched: LaunchedBrowser,
    private readonly artifacts: BrowserArtifactOptions | undefined,
    private readonly timeoutMs: number,
    private readonly proxy: OriginProxy,
  ) {}

  static async start(options: BrowserRunOptions): Promise<BrowserRun> {
    // Every connection Chromium makes goes through the proxy, which lets through only the origins the
    // run may contact (allowOrigins); until then, none.
    const proxy = await OriginProxy.start();
    let launched: LaunchedBrowser;
    try {
      launched = await launchBrowser({ executablePath: options.executablePath, extraArgs: proxyArgs(proxy) });
    } catch (error) {
      await proxy.close();
      throw error;
    }
    let artifacts: BrowserArtifactOptions | undefined;
    if (options.reportDir !== undefined) {
      const reportDir = resolve(options.reportDir);
      await rm(join(reportDir, BROWSER_ARTIFACTS_DIR), { recursive: true, force: true });
      artifacts = {
        reportDir,
        subdir: BROWSER_ARTIFACTS_DIR,
        screenshots: options.screenshots ?? 'failures',
        // Scenarios run untraced (a trace costs a scenario about as much as its own steps); one that
        // fails runs again traced (tracedTarget), and that trace is the one kept.
        traces: false,
      };
    }
    return new BrowserRun(launched, artifacts, options.timeoutMs, proxy);
  }

  /** The origins the browser may reach: the ones the user named and the mock IdP's. */
  allowOrigins(policy: OriginPolicy): void {
    this.proxy.allow(policy);
  }

  /** Connections the proxy refused (requests and tunnels to other origins), for tests and notes. */
  get blocked(): readonly string[] {
    return this.proxy.blocked;
  }

  createTarget(
    loginUrl: string | undefined,
    idpLoginUrl: string,
    allowedOrigins?: OriginPolicy,
  ): BrowserTarget {
    // Opened on the first target, so that calibration's contexts already come from it.
    this.pool ??= new SessionPool(
      this.launched.browser,
      { viewport: VIEWPORT, tracing: false, timeoutMs: this.timeoutMs },
      POOL_DEPTH,
    );
    return this.target(
      loginUrl,
      idpLoginUrl,
      allowedOrigins,
      this.closed ? undefined : this.pool,
      this.artifacts,
    );
  }

  /** Whether failed scenarios get a traced repeat (the run writes artifacts). */
  get tracing(): boolean {
    return this.artifacts !== undefined;
  }

  /**
   * A target whose contexts record a Playwright trace, kept when its scenario ends fail or error (no
   * screenshot: the first run's stands). Without artifacts (no report directory), a plain target.
   */
  tracedTarget(
    loginUrl: string | undefined,
    idpLoginUrl: string,
    allowedOrigins?: OriginPolicy,
  ): BrowserTarget {
    const artifacts = this.artifacts && { ...this.artifacts, screenshots: 'off' as const, traces: true };
    return this.target(loginUrl, idpLoginUrl, allowedOrigins, undefined, artifacts);
  }

  private target(
    loginUrl: string | undefined,
    idpLoginUrl: string,
    allowedOrigins: OriginPolicy | undefined,
    sessions: SessionPool | undefined,
    artifacts: BrowserArtifactOptions | undefined,
  ): BrowserTarget {
    return new BrowserTarget({
      browser: this.launched.browser,
      sessions,
      viewport: VIEWPORT,
      loginUrl,
      idpLoginUrl,
      allowedOrigins,
      timeoutMs: this.timeoutMs,
      artifacts,
      track: (closing) => {
        this.closing.add(closing);
        void closing.finally(() => this.closing.delete(closing));
      },
    });
  }

  /**
   * Scenarios at a time: the run's workers, but no more than half the machine's CPUs. Each scenario
   * keeps Chromium's browser process and a renderer busy, and the browser process handles every
   * context on one thread, so more at once mostly adds waiting (measured on two CPUs, 63 scenarios in
   * the full Chromium: one at a time and two at a time take the same 33 s, two doubles each scenario's
   * time to ~1.1 s; four at a time is 1.7 times slower overall. The whole catalog in the headless shell:
   * two at a time 47 s instead of 53 s, but the median scenario 191 ms instead of 108 ms).
   */
  workers(requested: number): number {
    return Math.max(1, Math.min(requested, Math.floor(availableParallelism() / 2)));
  }

  /** What the report should say about browser mode. */
  notes(idpLoginUrl: string, acsUrl: string, requestedWorkers: number): string[] {
    const workers = this.workers(requestedWorkers);
    const limited =
      workers < requestedWorkers
        ? ` (--workers ${requestedWorkers}, limited to half the machine's CPUs)`
        : '';
    const idp = new URL(idpLoginUrl).origin;
    const acs = new URL(acsUrl).origin;
    const notes = [
      `browser mode: headless Chromium ${this.launched.version} (${this.launched.executablePath}), one browser for the run and a new browser context per scenario, ${workers} at a time${limited}`,
      sameSite(idpLoginUrl, acsUrl)
        ? `browser mode: WARNING: the mock IdP (${idp}) and the SP's ACS (${acs}) are on the SAME site, so the browser does not apply its cross-site cookie rules (SameSite) to the IdP's POST to the ACS as it would with the real Entra ID; give the IdP another host name (e.g. --idp-base-url http://localhost:7080 for an SP on 127.0.0.1, with the SP configured from that metadata)`
        : `browser mode: the mock IdP (${idp}) and the SP's ACS (${acs}) are on different sites, so the browser applies its cross-site cookie rules (SameSite) to the IdP's POST to the ACS, as with the real Entra ID`,
    ];
    if (this.artifacts) {
      notes.push(
        `browser mode: ${SHOTS[this.artifacts.screenshots]}, and a Playwright trace of each fail and error, recorded when the scenario runs again right after it (npx playwright show-trace <file>), in ${BROWSER_ARTIFACTS_DIR}/`,
      );
    }
    return notes;
  }

  /** Waits for the scenarios' contexts to close (traces written), then closes the browser. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      await this.pool?.close();
      await Promise.allSettled([...this.closing]);
      await this.launched.close();
      await this.proxy.close();
    })();
    return this.closed;
  }
}
