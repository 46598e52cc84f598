/**
 * @module HTTP mode: the SP is driven with a browserless user agent (cookie jar per scenario, redirects
 * followed, auto-submitting forms understood, per-request timeouts). The IdP side is never requested:
 * the runner answers the AuthnRequest itself with the scenario's response. Only the origins the run may
 * contact are ever requested (OriginPolicy): a redirect elsewhere is recorded and not followed.
 */
import { UserAgent } from '../http/user-agent.js';
import { firstForm } from '../http/html-form.js';
import type { UaResponse } from '../http/types.js';
import { UserAgentError } from '../http/user-agent-error.js';
import type { HttpExchange } from '../../reports/types.js';
import { HarnessError } from '../errors.js';
import type { Delivery, LoginStart, SpReply, SpTarget } from './types.js';
import { redirectStart } from './redirect-start.js';
import { OriginPolicy } from '../http/origin-policy.js';
import { classifyHop, type HopKind } from './classify-hop.js';
import { spReply } from './sp-reply.js';
import { offOriginError, requireLoginUrl } from './target-errors.js';
import { isSecureUrl } from '../http/cookie-jar.js';
import type { SeenPage } from '../oracles/page.js';
import type { CookieAccess, RecordsPages } from './reply-access.js';

export interface HttpTargetOptions {
  /** Where an SP-initiated login starts (the SP's login link). */
  loginUrl?: string | undefined;
  /** The IdP's Login URL: the flow stops when the SP sends the browser there. */
  idpLoginUrl: string;
  timeoutMs?: number;
  /** Bytes of each reply body kept as evidence. */
  excerptBytes?: number;
  /**
   * The origins the run may contact. Default: the login URL's and the IdP's, and each ACS and page URL
   * the caller hands in; redirects to any other origin are not followed either way.
   */
  allowedOrigins?: OriginPolicy | undefined;
}

const MAX_HOPS = 20;
/** Pages kept for the reply checks per delivery, and characters kept of each (bounded memory). */
const MAX_PAGES = 40;
const MAX_PAGE_CHARS = 512 * 1024;

export class HttpTarget implements SpTarget, RecordsPages, CookieAccess {
  readonly kind = 'http';
  private agent: UserAgent;
  private readonly policy: OriginPolicy;
  private readonly idpOrigin: string;
  private pages: SeenPage[] = [];

  constructor(private readonly options: HttpTargetOptions) {
    this.policy = options.allowedOrigins ?? new OriginPolicy([options.loginUrl, options.idpLoginUrl]);
    this.idpOrigin = new URL(options.idpLoginUrl).origin;
    this.agent = this.newAgent();
  }

  private newAgent(): UserAgent {
    // The agent refuses any other origin too: a second line behind the redirect checks below.
    return new UserAgent({
      timeoutMs: this.options.timeoutMs ?? 10_000,
      allowRequest: (url) => this.policy.allows(url),
    });
  }

  async startLogin(): Promise<LoginStart> {
    return this.followToIdp(requireLoginUrl(this.options.loginUrl), 'login');
  }

  /** Opens the SP's sign-out page and follows it until the SP hands the browser to the IdP (its LogoutRequest). */
  async startLogout(logoutUrl: string): Promise<LoginStart> {
    if (!this.options.allowedOrigins) this.policy.add(logoutUrl);
    return this.followToIdp(logoutUrl, 'logout');
  }

  private async followToIdp(start: string, what: 'login' | 'logout'): Promise<LoginStart> {
    const hops: HttpExchange[] = [];
    let url = start;
    for (let i = 0; i < MAX_HOPS; i++) {
      const response = await this.call(() => this.agent.get(url, { followRedirects: false }));
      hops.push(...response.hops);
      const location = response.headers.location;
      if (response.status >= 300 && response.status < 400 && location) {
        const next = resolveLocation(location, response.url);
        const kind = this.classify(next);
        if (kind === 'idp' && next !== undefined) return redirectStart(next, hops);
        if (kind === 'forbidden' || next === undefined) throw offOriginError(location, hops, this.policy);
        url = next;
        continue;
      }
      const form = firstForm(response.body, response.url);
      if (form && this.classify(form.action) === 'idp') {
        const fields = Object.fromEntries(form.fields);
        if (!fields.SAMLRequest) break;
        return {
          binding: 'post',
          form: fields,
          samlRequest: fields.SAMLRequest,
          relayState: fields.RelayState,
          hops,
        };
      }
      throw new HarnessError(
        'TARGET_UNREACHABLE',
        `the SP ${what} URL did not send the browser to the IdP (ended at ${response.url} with HTTP ${response.status})`,
      );
    }
    throw new HarnessError('TARGET_UNREACHABLE', `the SP ${what} URL redirected more than ${MAX_HOPS} times`);
  }

  async deliver(delivery: Delivery): Promise<SpReply> {
    if (!this.options.allowedOrigins) this.policy.add(delivery.acsUrl);
    if (!this.policy.allows(delivery.acsUrl)) throw offOriginError(delivery.acsUrl, [], this.policy);
    this.pages = [];
    const fields: [string, string][] = [['SAMLResponse', delivery.samlResponse]];
    if (delivery.relayState !== undefined) fields.push(['RelayState', delivery.relayState]);
    let response: UaResponse;
    if (delivery.method === 'GET') {
      const url = new URL(delivery.acsUrl);
      for (const [k, v] of fields) url.searchParams.append(k, v);
      response = await this.call(() => this.agent.get(url.toString(), { followRedirects: false }));
    } else {
      response = await this.call(() => this.agent.post(delivery.acsUrl, fields, { followRedirects: false }));
    }
    return this.followWithinSp(response, delivery.acsUrl);
  }

  async fetchPage(url: string): Promise<SpReply> {
    if (!this.options.allowedOrigins) this.policy.add(url);
    const response = await this.call(() => this.agent.get(url, { followRedirects: false }));
    return this.toReply(response, response.hops);
  }

  async reset(): Promise<void> {
    this.agent = this.newAgent();
  }

  async close(): Promise<void> {}

  pagesSinceDelivery(): readonly SeenPage[] {
    return this.pages;
  }

  cookiesFor(url: string): { name: string; value: string }[] {
    return this.agent.cookies.cookiesFor(new URL(url)).map((c) => ({ name: c.name, value: c.value }));
  }

  plantCookie(url: string, name: string, value: string): void {
    // SameSite=None (Secure where the jar allows it) so the cookie rides the IdP's cross-site POST too.
    const attrs = isSecureUrl(new URL(url)) ? '; SameSite=None; Secure' : '';
    this.agent.cookies.store(new URL(url), `${name}=${value}; Path=/${attrs}`);
  }

  withCookies(url: string, cookies: readonly { name: string; value: string }[]): HttpTarget {
    const other = new HttpTarget({ ...this.options, allowedOrigins: this.policy });
    for (const c of cookies) other.plantCookie(url, c.name, c.value);
    return other;
  }

  /**
   * Follows the SP's redirects after the ACS while they stay on the ACS's origin. A redirect to the IdP
   * means "log in again"; one to another origin (an open redirect) is recorded, never followed.
   */
  private async followWithinSp(first: UaResponse, acsUrl: string): Promise<SpReply> {
    const origin = new URL(acsUrl).origin;
    let response = first;
    const hops = [...first.hops];
    for (let i = 0; i < MAX_HOPS; i++) {
      const location = response.headers.location;
      if (!(response.status >= 300 && response.status < 400 && location)) break;
      const next = resolveLocation(location, response.url);
      const kind = this.classify(next, origin);
      if (kind === 'idp') break;
      if (kind !== 'sp' || next === undefined) {
        return { ...this.toReply(response, hops), offSiteRedirect: location };
      }
      response = await this.call(() => this.agent.get(next, { followRedirects: false }));
      hops.push(...response.hops);
    }
    return this.toReply(response, hops);
  }

  /** See classifyHop: the rule browser mode applies too. */
  private classify(url: string | undefined, spOrigin?: string): HopKind {
    return classifyHop(url, { idpOrigin: this.idpOrigin, spOrigin, allows: (u) => this.policy.allows(u) });
  }

  private toReply(response: UaResponse, hops: readonly HttpExchange[]): SpReply {
    return spReply(response, hops, this.options.excerptBytes);
  }

  /** The reply checks scan whole pages (the evidence keeps only an excerpt), so each answer is kept, bounded. */
  private record(response: UaResponse): void {
    if (this.pages.length >= MAX_PAGES) return;
    this.pages.push({
      url: response.url,
      status: response.status,
      contentType: (response.headers['content-type'] ?? '').toLowerCase(),
      location: response.headers.location,
      body: response.body.slice(0, MAX_PAGE_CHARS),
    });
  }

  private async call(request: () => Promise<UaResponse>): Promise<UaResponse> {
    try {
      const response = await request();
      this.record(response);
      return response;
    } catch (error) {
      if (error instanceof UserAgentError)
        throw new HarnessError(
          error.code === 'OFF_ORIGIN' ? 'OFF_ORIGIN' : 'TARGET_UNREACHABLE',
          error.message,
          { cause: error },
        );
      throw error;
    }
  }
}

/** Resolves a Location as a browser would (`/\\host` is `//host`); undefined for non-http(s) schemes. */
function resolveLocation(location: string, base: string): string | undefined {
  let url: URL;
  try {
    url = new URL(location.trim().replace(/\\/g, '/'), base);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
}
