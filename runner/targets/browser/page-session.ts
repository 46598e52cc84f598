/**
 * @module One browser context — a new browser, as far as the SP can tell — with one page, steered through
 * the DevTools Fetch domain. Every main-frame document request pauses twice: before it is sent (the
 * steering continues it, answers it itself, or stops it — and a stopped request never leaves the
 * browser) and when its response headers arrive (recorded as a hop, redirects included, with the body of
 * non-redirects). Playwright's own request routing is not used: it does not see redirect hops, and the
 * harness must stop a redirect to the IdP or off-site before it is followed.
 *
 * Chromium's account of cookies (sent, withheld and why; refused and why) comes from the DevTools
 * Network domain's ExtraInfo events, keyed by the network id of the request.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { phase } from './phase-clock.js';
import { withTimeout } from './settle.js';
import type { AssociatedCookieReport, BlockedSetCookieReport } from './cookies.js';

/** The parts of `Fetch.requestPaused` used here (structurally the DevTools protocol type). */
export interface PausedRequest {
  requestId: string;
  request: {
    url: string;
    method: string;
    postData?: string;
    postDataEntries?: Array<{ bytes?: string }>;
  };
  frameId: string;
  resourceType: string;
  responseErrorReason?: string;
  responseStatusCode?: number;
  responseHeaders?: Array<{ name: string; value: string }>;
  networkId?: string;
  redirectedRequestId?: string;
}

/** One main-frame document response, as the SP sent it. */
export interface DocumentHop {
  method: string;
  url: string;
  status: number;
  /** Lower-case names; several Set-Cookie headers joined by newlines (as HTTP mode records them). */
  headers: Record<string, string>;
  location?: string | undefined;
  /** The body of a non-redirect response (redirect bodies are not available to the browser). */
  body: string;
  networkId?: string | undefined;
}

export type RequestAction =
  | { type: 'continue' }
  | { type: 'fulfill'; html: string; status?: number | undefined; contentType?: string | undefined }
  | { type: 'fail'; reason: 'Aborted' | 'BlockedByClient' };

/** How one operation (a login start, a delivery, a probe) treats the page's navigations. */
export interface Steering {
  /** Every main-frame document request, each hop of a redirect chain included. */
  request(request: PausedRequest): RequestAction;
  /** Every main-frame document response, redirects included, in order. */
  response?(hop: DocumentHop): void;
  /** A main-frame navigation failed, not because the steering stopped it. */
  failed?(errorText: string, networkId: string): void;
  /** The page's load event, with the URL of the document that loaded. */
  load?(url: string): void;
}

export interface PageSessionOptions {
  viewport: { width: number; height: number };
  /**
   * Whether the page may load a URL (subresources and frames; main-frame navigations are steered):
   * refused ones never leave the browser. Default: everything.
   */
  allows?: ((url: string) => boolean) | undefined;
  /** Record a Playwright trace (kept only if asked for when the session ends). */
  tracing: boolean;
  timeoutMs: number;
}

/** Text and page layout stay legible; the file is a few tens of KB. */
const JPEG_QUALITY = 60;
const REDIRECT = new Set([301, 302, 303, 307, 308]);
/** Bodies are kept for evidence and oracles; SP pages are small, this only bounds a runaway one. */
const MAX_BODY_CHARS = 1024 * 1024;

export class PageSession {
  private steering: Steering | undefined;
  /** Network ids of main-frame documents, and of those the steering stopped (their failure is expected). */
  private readonly mainDocuments = new Set<string>();
  private readonly stopped = new Set<string>();
  private readonly sentCookies = new Map<string, AssociatedCookieReport[]>();
  /** Cookies the browser refused to store, from any response of this session. */
  readonly refusedCookies: BlockedSetCookieReport[] = [];
  private tracing: boolean;
  private closing: Promise<void> | undefined;

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly cdp: CDPSession,
    private readonly mainFrameId: string,
    tracing: boolean,
    private allows: (url: string) => boolean,
    private readonly timeoutMs: number,
  ) {
    this.tracing = tracing;
  }

  /**
   * A new context with its page, steered. Bounded by `timeoutMs` as a whole: a Chromium that starts but
   * cannot make pages (a broken build, an exhausted machine) answers none of these calls, and a wait
   * without an end would hang the run (a context that turns up late is closed).
   */
  static open(browser: Browser, options: PageSessionOptions): Promise<PageSession> {
    let late = false;
    let context: BrowserContext | undefined;
    const opening = (async () => {
      context = await phase('ctx.new', browser.newContext({ viewport: options.viewport }));
      if (late) {
        await context.close().catch(() => undefined);
        throw new Error('the context opened after its time limit');
      }
      return PageSession.setUp(context, options);
    })();
    return withTimeout(opening, options.timeoutMs, () => {
      late = true;
      void context?.close().catch(() => undefined);
      return new Error(`Chromium did not open a browser context with a page within ${options.timeoutMs} ms`);
    });
  }

  private static async setUp(context: BrowserContext, options: PageSessionOptions): Promise<PageSession> {
    try {
      if (options.tracing)
        await phase('ctx.traceStart', context.tracing.start({ snapshots: true, screenshots: false }));
      const page = await phase('ctx.newPage', context.newPage());
      page.setDefaultTimeout(options.timeoutMs);
      page.setDefaultNavigationTimeout(options.timeoutMs);
      const cdp = await phase('ctx.cdp', context.newCDPSession(page));
      // The main frame's id is its target's id, and stays so across cross-process navigations.
      const { targetInfo } = await cdp.send('Target.getTargetInfo');
      const session = new PageSession(
        context,
        page,
        cdp,
        targetInfo.targetId,
        options.tracing,
        options.allows ?? (() => true),
        options.timeoutMs,
      );
      session.listen();
      await phase(
        'ctx.enable',
        Promise.all([
          cdp.send('Network.enable', { maxTotalBufferSize: 0, maxResourceBufferSize: 0 }),
          cdp.send('Fetch.enable', {
            patterns: [
              { urlPattern: '*', resourceType: 'Document', requestStage: 'Request' },
              { urlPattern: '*', resourceType: 'Document', requestStage: 'Response' },
              { urlPattern: '*/favicon.ico', requestStage: 'Request' },
              // Every other request too, so that an SP page's scripts, images and frames reach only the
              // origins the run may contact.
              { urlPattern: '*', requestStage: 'Request' },
            ],
          }),
        ]),
      );
      return session;
    } catch (error) {
      await context.close().catch(() => undefined);
      throw error;
    }
  }

  /** Holds the page's subresources to `allows` (undefined: everything); for a session opened ahead. */
  restrict(allows: ((url: string) => boolean) | undefined): void {
    this.allows = allows ?? (() => true);
  }

  /** Steers the page's navigations until the next call (undefined: everything continues). */
  steer(steering: Steering | undefined): void {
    this.steering = steering;
  }

  /** What Chromium said about each cookie of the first request with this network id. */
  cookiesSentWith(networkId: string): AssociatedCookieReport[] | undefined {
    return this.sentCookies.get(networkId);
  }

  /**
   * A JPEG of the viewport (evidence for a person to look at: a fifth of a PNG's bytes, and quicker to
   * encode), straight from DevTools (about half the time of Playwright's), else Playwright's.
   */
  async screenshot(): Promise<Buffer | undefined> {
    try {
      const { data } = await phase(
        'screenshot',
        this.bounded(
          this.cdp.send('Page.captureScreenshot', {
            format: 'jpeg',
            quality: JPEG_QUALITY,
            optimizeForSpeed: true,
          }),
        ),
      );
      return Buffer.from(data, 'base64');
    } catch {
      return this.page
        .screenshot({
          type: 'jpeg',
          quality: JPEG_QUALITY,
          animations: 'allow',
          caret: 'initial',
          timeout: 5000,
        })
        .catch(() => undefined);
    }
  }

  /**
   * Ends the session: the trace goes to `tracePath` if given (else is dropped), then the context closes.
   * Idempotent; never throws (a browser that is gone has nothing left to close).
   */
  close(tracePath?: string): Promise<void> {
    this.steering = undefined;
    this.closing ??= (async () => {
      if (this.tracing) {
        this.tracing = false;
        await phase(
          tracePath ? 'close.traceStopWrite' : 'close.traceStopDrop',
          this.bounded(this.context.tracing.stop(tracePath ? { path: tracePath } : {})).catch(
            () => undefined,
          ),
        );
      }
      await phase(
        'close.ctx',
        this.bounded(this.context.close()).catch(() => undefined),
      );
    })();
    return this.closing;
  }

  /** A DevTools or Playwright call that has no time limit of its own, held to the session's. */
  private bounded<T>(work: Promise<T>): Promise<T> {
    return withTimeout(
      work,
      this.timeoutMs,
      () => new Error(`Chromium did not answer within ${this.timeoutMs} ms`),
    );
  }

  private listen(): void {
    this.cdp.on('Fetch.requestPaused', (event: PausedRequest) => void this.onPaused(event));
    this.cdp.on('Network.requestWillBeSentExtraInfo', (event) => {
      // Redirect hops share the network id; the first report is the first hop's (e.g. the POST to the ACS).
      if (!this.sentCookies.has(event.requestId))
        this.sentCookies.set(event.requestId, event.associatedCookies);
    });
    this.cdp.on('Network.responseReceivedExtraInfo', (event) => {
      if (event.blockedCookies.length > 0) this.refusedCookies.push(...event.blockedCookies);
    });
    this.cdp.on('Network.loadingFailed', (event) => {
      if (!this.mainDocuments.has(event.requestId) || this.stopped.has(event.requestId)) return;
      // A navigation cancelled by the next one (the harness moving on) is not the SP failing.
      if (event.canceled && event.errorText === 'net::ERR_ABORTED') return;
      this.steering?.failed?.(event.errorText, event.requestId);
    });
    this.page.on('load', () => this.steering?.load?.(this.page.url()));
  }

  private async onPaused(event: PausedRequest): Promise<void> {
    const main = event.frameId === this.mainFrameId && event.resourceType === 'Document';
    try {
      if (event.responseStatusCode !== undefined || event.responseErrorReason !== undefined) {
        if (main && event.responseStatusCode !== undefined) {
          const hop = await this.readHop(event, event.responseStatusCode);
          this.steering?.response?.(hop);
        }
        await this.cdp.send('Fetch.continueRequest', { requestId: event.requestId });
        return;
      }
      if (main && event.networkId) this.mainDocuments.add(event.networkId);
      const action: RequestAction = main
        ? (this.steering?.request(event) ?? { type: 'continue' })
        : /\/favicon\.ico(?:[?#]|$)/.test(event.request.url) || !this.mayLoad(event.request.url)
          ? // The tab's favicon: a browserless client never asks for it; on an SP it may start a login.
            { type: 'fail', reason: 'BlockedByClient' }
          : { type: 'continue' };
      if (action.type === 'fulfill') {
        await this.cdp.send('Fetch.fulfillRequest', {
          requestId: event.requestId,
          responseCode: action.status ?? 200,
          responseHeaders: [
            { name: 'content-type', value: action.contentType ?? 'text/html; charset=utf-8' },
            { name: 'cache-control', value: 'no-store' },
          ],
          body: Buffer.from(action.html, 'utf8').toString('base64'),
        });
      } else if (action.type === 'fail') {
        if (event.networkId) this.stopped.add(event.networkId);
        await this.cdp.send('Fetch.failRequest', { requestId: event.requestId, errorReason: action.reason });
      } else {
        await this.cdp.send('Fetch.continueRequest', { requestId: event.requestId });
      }
    } catch {
      // The page or the context closed while the request was paused: nothing left to steer.
    }
  }

  /** Subresources: only http(s) URLs of the allowed origins (data: and blob: stay inside the browser). */
  private mayLoad(url: string): boolean {
    if (/^(?:data|blob|about):/i.test(url)) return true;
    return this.allows(url);
  }

  private async readHop(event: PausedRequest, status: number): Promise<DocumentHop> {
    const headers: Record<string, string> = {};
    const cookies: string[] = [];
    for (const { name, value } of event.responseHeaders ?? []) {
      const key = name.toLowerCase();
      if (key === 'set-cookie') cookies.push(value);
      else headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
    }
    if (cookies.length > 0) headers['set-cookie'] = cookies.join('\n');
    let body = '';
    if (!REDIRECT.has(status)) {
      try {
        const read = await this.cdp.send('Fetch.getResponseBody', { requestId: event.requestId });
        body = read.base64Encoded ? Buffer.from(read.body, 'base64').toString('utf8') : read.body;
        if (body.length > MAX_BODY_CHARS) body = body.slice(0, MAX_BODY_CHARS);
      } catch {
        // No body (204, HEAD) or not readable: evidence without it.
      }
    }
    return {
      method: event.request.method,
      url: event.request.url,
      status,
      headers,
      location: headers.location,
      body,
      networkId: event.networkId,
    };
  }
}

export function isRedirectStatus(status: number): boolean {
  return REDIRECT.has(status);
}
