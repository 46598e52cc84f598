/**
 * @module Browser mode: the SP is driven by headless Chromium, with its real cookie rules (SameSite,
 * Secure), redirects and scripts — the same SpTarget contract as HTTP mode, with the same semantics:
 * - startLogin follows the SP until it hands the browser to the IdP's Login URL (Redirect: the raw
 *   query; POST: the form), and stops that request before it is sent: the IdP never answers.
 * - deliver loads an auto-posting page served on the IdP's ORIGIN (answered by the harness, like Entra's
 *   "Working..." page) carrying the crafted response, so the browser posts it cross-site to the ACS as
 *   after a real sign-in; the SP's redirects are followed on the ACS origin, and one back to the IdP or
 *   to another origin is recorded and never followed.
 * - fetchPage navigates to the URL in the same context and reads the first response of the chain (a
 *   redirect to a login page reads as the redirect: no session); the redirect is not followed.
 * - reset() is a new browser context; every scenario starts in a fresh one.
 * Beyond the contract: a sign-in on the mock IdP's own page (typing, clicking), and evidence — a
 * screenshot of the SP's final page, a Playwright trace kept for fail and error outcomes, and the
 * cookies Chromium withheld from the ACS or refused to store, by name and rule.
 */
import type { Browser } from 'playwright-core';
import type { ScenarioResult } from '../../reports/types.js';
import { HarnessError } from '../errors.js';
import { OriginPolicy } from '../http/origin-policy.js';
import type { Delivery, LoginStart, SpReply, SpTarget } from './types.js';
import { requireLoginUrl } from './target-errors.js';
import { BrowserDelivery, type DeliveryKeepers } from './browser/browser-delivery.js';
import { startLoginIn } from './browser/browser-login-start.js';
import type {
  Credentials,
  EvidenceRecorder,
  InteractiveSignIn,
  InteractiveSignInResult,
  ScenarioEvidence,
} from './browser/capabilities.js';
import { ScenarioEvidenceKeeper, wantsScreenshot, type BrowserArtifactOptions } from './browser/evidence.js';
import { interactiveSignIn } from './browser/interactive-sign-in.js';
import { PageSession } from './browser/page-session.js';
import { phase } from './browser/phase-clock.js';
import type { SessionPool } from './browser/session-pool.js';
import { ShownPage } from './browser/shown-page.js';
import { probePage } from './browser/signed-in-probe.js';
import type { StepContext } from './browser/step-context.js';

export type { BrowserArtifactOptions };
export { DELIVERY_PATH } from './browser/browser-delivery.js';

export interface BrowserTargetOptions {
  browser: Browser;
  /** Where an SP-initiated login starts (the SP's login link). */
  loginUrl?: string | undefined;
  /** The IdP's Login URL: login starts stop there; its origin serves the delivery pages. */
  idpLoginUrl: string;
  /** Per step (a login start, a delivery, a probe). */
  timeoutMs?: number;
  excerptBytes?: number;
  artifacts?: BrowserArtifactOptions | undefined;
  viewport?: { width: number; height: number };
  /** Contexts opened ahead (the run's); without it, each is opened when first needed. */
  sessions?: SessionPool | undefined;
  /** Receives each context's closing, so the run can wait for them before closing the browser. */
  track?: (closing: Promise<void>) => void;
  /**
   * The origins the run may contact, enforced in every step (subresources included). Without it, only
   * a login start is held to the login URL's and the IdP's origins, as before a run named its origins.
   */
  allowedOrigins?: OriginPolicy | undefined;
}

/**
 * The SpTarget of browser mode: one browser context per scenario (opened on first use, or taken from
 * the run's pool), in which the steps (browser/*.ts) run, and the evidence they leave.
 */
export class BrowserTarget implements SpTarget, InteractiveSignIn, EvidenceRecorder {
  readonly kind = 'browser';
  private current: Promise<PageSession> | undefined;
  private readonly steps: StepContext;
  private readonly evidence: ScenarioEvidenceKeeper;
  /** The SP's final page after the last delivery, as shown: re-rendered for a screenshot taken late. */
  private readonly shown = new ShownPage();
  private readonly keepers: DeliveryKeepers;
  private readonly delivery: BrowserDelivery;

  constructor(private readonly options: BrowserTargetOptions) {
    const run = options.allowedOrigins;
    this.steps = {
      idpOrigin: new URL(options.idpLoginUrl).origin,
      timeoutMs: options.timeoutMs ?? 10_000,
      policy: run ?? new OriginPolicy([options.loginUrl, options.idpLoginUrl]),
      allows: run ? (url) => run.allows(url) : undefined,
      excerptBytes: options.excerptBytes,
    };
    this.evidence = new ScenarioEvidenceKeeper(options.artifacts);
    this.keepers = { evidence: this.evidence, shown: this.shown };
    this.delivery = new BrowserDelivery(this.steps, this.keepers);
  }

  startLogin(): Promise<LoginStart> {
    return phase('T.startLogin', this.startLoginNow());
  }

  private async startLoginNow(): Promise<LoginStart> {
    const loginUrl = requireLoginUrl(this.options.loginUrl);
    return startLoginIn(await this.session(), loginUrl, this.steps);
  }

  deliver(delivery: Delivery): Promise<SpReply> {
    return phase('T.deliver', this.deliverNow(delivery));
  }

  private async deliverNow(delivery: Delivery): Promise<SpReply> {
    return this.delivery.deliver(await this.session(), delivery);
  }

  fetchPage(url: string): Promise<SpReply> {
    return phase('T.fetchPage', this.fetchPageNow(url));
  }

  private async fetchPageNow(url: string): Promise<SpReply> {
    return probePage(await this.session(), url, this.steps, this.shown);
  }

  async signInInteractively(credentials: Credentials): Promise<InteractiveSignInResult> {
    const loginUrl = requireLoginUrl(this.options.loginUrl);
    return interactiveSignIn(await this.session(), loginUrl, credentials, this.steps, this.keepers);
  }

  reset(): Promise<void> {
    return phase('T.reset', this.resetNow());
  }

  private async resetNow(): Promise<void> {
    const previous = this.current;
    this.current = undefined;
    this.shown.forget();
    const session = await previous?.catch(() => undefined);
    if (!session) return;
    const trace = await this.evidence.temporaryTracePath();
    const closing = session.close(trace);
    if (trace) this.evidence.keepEarlierTrace(trace, closing);
    this.background(closing);
  }

  async finishScenario(result: Pick<ScenarioResult, 'id' | 'flow' | 'outcome'>): Promise<ScenarioEvidence> {
    const session = await this.current?.catch(() => undefined);
    if (
      session &&
      this.shown.recorded &&
      !this.evidence.screenshot &&
      wantsScreenshot(this.options.artifacts, result.outcome)
    )
      this.evidence.screenshot = await phase('T.lateScreenshot', this.shown.screenshot(session));
    return phase(
      'T.finishScenario',
      this.evidence.finish(result, session ? (path) => session.close(path) : undefined),
    );
  }

  async close(): Promise<void> {
    const previous = this.current;
    this.current = undefined;
    this.evidence.discard();
    const session = await previous?.catch(() => undefined);
    if (session) this.background(session.close());
  }

  // ---- internals ----

  /** The scenario's browser context: the one open, or a fresh one (the pool's, or opened now). */
  private session(): Promise<PageSession> {
    if (this.current) return this.current;
    const opening =
      this.options.sessions?.take(this.steps.allows) ??
      PageSession.open(this.options.browser, {
        viewport: this.options.viewport ?? { width: 1024, height: 640 },
        tracing: this.options.artifacts?.traces ?? false,
        timeoutMs: this.steps.timeoutMs,
        allows: this.steps.allows,
      });
    this.current = phase(
      'T.open',
      opening.catch((error: unknown) => {
        throw new HarnessError(
          'BROWSER_FAILED',
          `could not open a browser context: ${(error as Error).message.split('\n')[0]}`,
          { cause: error },
        );
      }),
    );
    return this.current;
  }

  private background(closing: Promise<void>): void {
    if (this.options.track) this.options.track(closing);
  }
}
