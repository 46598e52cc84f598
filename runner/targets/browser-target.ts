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
import type { HttpExchange, ScenarioResult } from '../../reports/types.js';
import { HarnessError } from '../errors.js';
import type { Delivery, LoginStart, SpReply, SpTarget } from './types.js';
import type {
  Credentials,
  EvidenceRecorder,
  InteractiveSignIn,
  InteractiveSignInResult,
  ScenarioEvidence,
} from './browser/capabilities.js';
import { describeCookieTrouble, refusedCookies, withheldCookies } from './browser/cookies.js';
import { ScenarioEvidenceKeeper, wantsScreenshot, type BrowserArtifactOptions } from './browser/evidence.js';
import { followSp, type FlowResult } from './browser/follow-sp.js';
import { loginStartFrom, postBody, submitIdpForm } from './browser/login-capture.js';
import { PageSession, type DocumentHop, type PausedRequest } from './browser/page-session.js';
import { deliveryPage } from './browser/pages.js';
import type { SessionPool } from './browser/session-pool.js';
import { settle, withTimeout } from './browser/settle.js';
import { signInOnIdpPage } from './browser/sign-in-page.js';
import { stoppedPage } from './browser/pages.js';
import { phase } from './browser/phase-clock.js';
import { OriginPolicy } from '../http/origin-policy.js';
import { classifyHop, type HopKind } from './classify-hop.js';
import { exchange, spReply } from './sp-reply.js';
import { offOriginError, requireLoginUrl } from './target-errors.js';

export type { BrowserArtifactOptions };

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

const OFF_ORIGIN_STOP =
  'The SP sent the browser to an origin this run may not contact; samlspec does not follow.';

/** The path the harness serves the delivery page at, on the IdP's origin. */
export const DELIVERY_PATH = '/samlspec/deliver';
/** How long an SP page that got the browser may take to post its own form to the IdP before the harness submits it. */
const FORM_GRACE_MS = 250;

export class BrowserTarget implements SpTarget, InteractiveSignIn, EvidenceRecorder {
  readonly kind = 'browser';
  private current: Promise<PageSession> | undefined;
  private readonly idpOrigin: string;
  private readonly timeoutMs: number;
  private deliveries = 0;
  private readonly evidence: ScenarioEvidenceKeeper;
  private readonly policy: OriginPolicy;
  /** The SP's final page after the last delivery, as shown: re-rendered for a screenshot taken late. */
  private shown: ShownPage | undefined;
  /** Whether the page has navigated away from `shown` since (a probe). */
  private movedOn = false;

  constructor(private readonly options: BrowserTargetOptions) {
    this.policy = options.allowedOrigins ?? new OriginPolicy([options.loginUrl, options.idpLoginUrl]);
    this.idpOrigin = new URL(options.idpLoginUrl).origin;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.evidence = new ScenarioEvidenceKeeper(options.artifacts);
  }

  startLogin(): Promise<LoginStart> {
    return phase('T.startLogin', this.startLoginNow());
  }

  private async startLoginNow(): Promise<LoginStart> {
    const loginUrl = requireLoginUrl(this.options.loginUrl);
    const session = await this.session();
    const hops: DocumentHop[] = [];
    const captured = settle<PausedRequest>();
    let loaded = false;
    const unreachable = (): HarnessError => {
      const last = hops.at(-1);
      return new HarnessError(
        'TARGET_UNREACHABLE',
        `the SP login URL did not send the browser to the IdP (ended at ${last?.url ?? loginUrl} with HTTP ${last?.status ?? '?'})`,
      );
    };
    session.steer({
      request: (request) => {
        const url = request.request.url;
        if (captured.settled) return { type: 'continue' };
        const kind = this.classify(url, this.policy);
        if (kind === 'forbidden') {
          // Recorded in the error and answered by the harness: the request never leaves the browser.
          captured.reject(offOriginError(url, hops, this.policy));
          return { type: 'fulfill', html: stoppedPage(OFF_ORIGIN_STOP, url) };
        }
        if (kind !== 'idp') return { type: 'continue' };
        captured.resolve(request);
        return { type: 'fail', reason: 'Aborted' };
      },
      response: (hop) => hops.push(hop),
      failed: (errorText) =>
        captured.reject(
          new HarnessError('TARGET_UNREACHABLE', `${hops.at(-1)?.url ?? loginUrl}: ${errorText}`),
        ),
      load: () => {
        if (loaded || captured.settled) return;
        loaded = true;
        // A page with a form to the IdP (HTTP-POST binding): its script posts it, or the harness does.
        setTimeout(() => {
          if (captured.settled) return;
          void submitIdpForm(session.page, this.idpOrigin).then((submitted) => {
            if (!submitted) captured.reject(unreachable());
          });
        }, FORM_GRACE_MS);
      },
    });
    try {
      void session.page.goto(loginUrl, { waitUntil: 'load' }).catch(() => undefined);
      const request = await withTimeout(captured.promise, this.timeoutMs, () => unreachable());
      return loginStartFrom(request, hops.map(exchange));
    } finally {
      session.steer(undefined);
    }
  }

  deliver(delivery: Delivery): Promise<SpReply> {
    return phase('T.deliver', this.deliverNow(delivery));
  }

  private async deliverNow(delivery: Delivery): Promise<SpReply> {
    const session = await this.session();
    const acsOrigin = new URL(delivery.acsUrl).origin;
    const deliveryUrl = `${this.idpOrigin}${DELIVERY_PATH}/${++this.deliveries}`;
    const flow = followSp(session, {
      idpOrigin: this.idpOrigin,
      acsOrigin: () => acsOrigin,
      isStart: (url) => url === deliveryUrl,
      allows: this.allows,
      request: (request, state) => {
        if (!state.acsStarted && request.request.url === deliveryUrl)
          return { type: 'fulfill', html: deliveryPage(delivery) };
        if (!state.acsStarted) {
          // The first request the delivery page makes: the response, on its way to the ACS.
          state.acsStarted = true;
          state.acsNetworkId = request.networkId;
        }
        return undefined;
      },
      timeoutMs: this.timeoutMs,
    });
    try {
      void session.page.goto(deliveryUrl, { waitUntil: 'commit' }).catch(() => undefined);
      return await this.finishDelivery(session, await phase('T.deliverFlow', flow), delivery.acsUrl);
    } finally {
      session.steer(undefined);
    }
  }

  fetchPage(url: string): Promise<SpReply> {
    return phase('T.fetchPage', this.fetchPageNow(url));
  }

  private async fetchPageNow(url: string): Promise<SpReply> {
    const session = await this.session();
    const answered = settle<DocumentHop>();
    const wanted = new URL(url);
    let probe: string | undefined;
    session.steer({
      request: (request) => {
        const at = new URL(request.request.url);
        const isProbe =
          probe === undefined &&
          request.redirectedRequestId === undefined &&
          at.origin === wanted.origin &&
          at.pathname === wanted.pathname;
        // A redirect is read, never followed; a navigation the SP's last page started is not the probe.
        if (!isProbe) return { type: 'fail', reason: 'Aborted' };
        probe = request.networkId ?? '';
        return { type: 'continue' };
      },
      response: (hop) => {
        if (probe !== undefined && (hop.networkId ?? '') === probe) answered.resolve(hop);
      },
      failed: (errorText) =>
        answered.reject(new HarnessError('TARGET_UNREACHABLE', `GET ${url}: ${errorText}`)),
    });
    try {
      this.movedOn = true;
      void session.page.goto(url, { waitUntil: 'commit' }).catch(() => undefined);
      const hop = await withTimeout(
        answered.promise,
        this.timeoutMs,
        () => new HarnessError('TARGET_UNREACHABLE', `GET ${url}: no answer within ${this.timeoutMs} ms`),
      );
      return this.toReply(hop, [hop]);
    } finally {
      session.steer(undefined);
    }
  }

  async signInInteractively(credentials: Credentials): Promise<InteractiveSignInResult> {
    const loginUrl = requireLoginUrl(this.options.loginUrl);
    const session = await this.session();
    let captured: PausedRequest | undefined;
    let acsRequest: PausedRequest | undefined;
    const atIdp = settle<void>();
    const flow = followSp(session, {
      idpOrigin: this.idpOrigin,
      acsOrigin: () => (acsRequest ? new URL(acsRequest.request.url).origin : ''),
      isStart: (url) => this.classify(url, undefined) === 'idp',
      allows: this.allows,
      request: (request, state) => {
        const url = request.request.url;
        if (!state.acsStarted && this.classify(url, undefined) === 'idp') {
          // Until it posts to the ACS, the real IdP answers: its sign-in page, its form post.
          if (captured === undefined) captured = request;
          return { type: 'continue' };
        }
        if (captured !== undefined && !state.acsStarted) {
          // The first request away from the IdP: its auto-posted response, cross-site to the ACS.
          state.acsStarted = true;
          state.acsNetworkId = request.networkId;
          acsRequest = request;
        }
        return undefined;
      },
      load: (url, state) => {
        if (!state.acsStarted && captured !== undefined && this.classify(url, undefined) === 'idp')
          atIdp.resolve();
      },
      timeoutMs: this.timeoutMs,
    });
    try {
      void session.page.goto(loginUrl, { waitUntil: 'load' }).catch(() => undefined);
      await withTimeout(
        Promise.race([atIdp.promise, flow.then(() => undefined)]),
        this.timeoutMs,
        () => new HarnessError('TARGET_UNREACHABLE', "the SP login URL did not bring the IdP's sign-in page"),
      );
      await signInOnIdpPage(session.page, credentials, flow, this.timeoutMs);
      const result = await flow;
      if (captured === undefined || acsRequest === undefined)
        throw new HarnessError('IDP_FAILED', 'the IdP never posted a response to the SP');
      const fields = new URLSearchParams(postBody(acsRequest));
      return {
        login: loginStartFrom(captured, []),
        delivered: {
          acsUrl: acsRequest.request.url,
          samlResponse: fields.get('SAMLResponse') ?? '',
          relayState: fields.get('RelayState') ?? undefined,
        },
        reply: await this.finishDelivery(session, result, acsRequest.request.url),
      };
    } finally {
      session.steer(undefined);
    }
  }

  reset(): Promise<void> {
    return phase('T.reset', this.resetNow());
  }

  private async resetNow(): Promise<void> {
    const previous = this.current;
    this.current = undefined;
    this.shown = undefined;
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
      this.shown &&
      !this.evidence.screenshot &&
      wantsScreenshot(this.options.artifacts, result.outcome)
    )
      this.evidence.screenshot = await phase('T.lateScreenshot', this.screenshotShown(session, this.shown));
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

  private session(): Promise<PageSession> {
    if (this.current) return this.current;
    const opening =
      this.options.sessions?.take(this.allows) ??
      PageSession.open(this.options.browser, {
        viewport: this.options.viewport ?? { width: 1024, height: 640 },
        tracing: this.options.artifacts?.traces ?? false,
        timeoutMs: this.timeoutMs,
        allows: this.allows,
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

  private async finishDelivery(session: PageSession, result: FlowResult, acsUrl: string): Promise<SpReply> {
    const last = result.hops.at(-1);
    if (!last) throw new HarnessError('TARGET_UNREACHABLE', `the delivery never reached the ACS ${acsUrl}`);
    const sent = result.acsNetworkId === undefined ? undefined : session.cookiesSentWith(result.acsNetworkId);
    for (const trouble of [...withheldCookies(sent ?? []), ...refusedCookies(session.refusedCookies)])
      this.evidence.notes.add(describeCookieTrouble(trouble));
    this.shown =
      result.stop !== undefined
        ? { url: result.stop.url, html: stoppedPageFor(result.stop), status: 200, contentType: undefined }
        : { url: last.url, html: last.body, status: last.status, contentType: last.headers['content-type'] };
    this.movedOn = false;
    // Taken now only when every scenario keeps one; otherwise once the outcome says it is wanted.
    if (this.options.artifacts?.screenshots === 'all')
      this.evidence.screenshot =
        (await phase('T.screenshotTotal', session.screenshot())) ?? this.evidence.screenshot;
    const reply = this.toReply(last, result.hops);
    if (result.stop?.kind === 'off-site')
      return { ...reply, offSiteRedirect: last.location ?? result.stop.url };
    return reply;
  }

  /**
   * A screenshot of the SP's final page for a scenario whose outcome asks for one. When a probe has
   * navigated the page since, the page is shown again from the SP's recorded answer (served by the
   * harness at its URL; the SP is not asked again, and nothing the page starts is followed) — so
   * the image is of what the SP answered the delivery, as when it was taken right after it.
   */
  private async screenshotShown(session: PageSession, shown: ShownPage): Promise<Buffer | undefined> {
    if (this.movedOn) {
      const loaded = settle<void>();
      let served = false;
      session.steer({
        request: (request) => {
          if (served || request.request.url !== shown.url) return { type: 'fail', reason: 'Aborted' };
          served = true;
          return { type: 'fulfill', html: shown.html, status: shown.status, contentType: shown.contentType };
        },
        load: () => loaded.resolve(),
        failed: () => loaded.resolve(),
      });
      try {
        void session.page.goto(shown.url, { waitUntil: 'commit' }).catch(() => undefined);
        await withTimeout(loaded.promise, SHOW_AGAIN_MS, () => new Error('not loaded')).catch(
          () => undefined,
        );
      } finally {
        session.steer(undefined);
      }
    }
    return session.screenshot();
  }

  private toReply(hop: DocumentHop, hops: readonly HttpExchange[]): SpReply {
    return spReply(hop, hops, this.options.excerptBytes);
  }

  /** See classifyHop: the rule HTTP mode applies too. */
  private classify(url: string, policy: OriginPolicy | undefined): HopKind {
    return classifyHop(url, { idpOrigin: this.idpOrigin, allows: policy && ((u) => policy.allows(u)) });
  }

  /** The run's origins, when it named them (see BrowserTargetOptions.allowedOrigins). */
  private get allows(): ((url: string) => boolean) | undefined {
    const policy = this.options.allowedOrigins;
    return policy ? (url) => policy.allows(url) : undefined;
  }

  private background(closing: Promise<void>): void {
    if (this.options.track) this.options.track(closing);
  }
}

/** What the page showed after a delivery: the SP's answer, or the harness's "stopped here" page. */
interface ShownPage {
  url: string;
  html: string;
  status: number;
  contentType: string | undefined;
}

/** How long the SP's final page, shown again, may take to load before the screenshot is taken anyway. */
const SHOW_AGAIN_MS = 3000;

function stoppedPageFor(stop: NonNullable<FlowResult['stop']>): string {
  return stoppedPage(
    stop.kind === 'idp'
      ? 'The SP sent the browser back to the IdP.'
      : 'The SP redirected the browser off its own origin; samlspec does not follow.',
    stop.url,
  );
}
