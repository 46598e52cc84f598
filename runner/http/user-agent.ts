/**
 * @module A browserless HTTP user agent for driving SAML flows: node:http over keep-alive connections
 * (node-exchange.ts), redirects handled here, a cookie jar per instance, redirects followed and recorded hop by hop, and
 * auto-submitting forms (the HTTP-POST binding) submitted as a browser with JavaScript would.
 * Every request has a time limit and a body size limit; failures are `UserAgentError`s with a code.
 */
import { CookieJar } from './cookie-jar.js';
import { firstForm } from './html-form.js';
import type { FormFields, HtmlForm, Hop, RequestOptions, UaResponse } from './types.js';
import { UserAgentError } from './user-agent-error.js';
import { exchange } from './node-exchange.js';

export interface UserAgentOptions {
  /** Per request (each hop), connect to last body byte. Default 10 s. */
  timeoutMs?: number;
  /** Per response body. Default 5 MiB: far above any SAML page, far below a runaway server. */
  maxBodyBytes?: number;
  /** Redirects followed per request before TOO_MANY_REDIRECTS. Default 20 (as Chrome and fetch). */
  maxRedirects?: number;
  /** User-Agent header; default identifies the harness. */
  userAgent?: string;
  /** Share a jar between agents; default a new one. */
  cookieJar?: CookieJar;
  /**
   * Checked before every request, each redirect hop and form submission included; a URL it refuses is
   * never contacted (OFF_ORIGIN). Default: every http(s) URL.
   */
  allowRequest?: (url: URL) => boolean;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 20;
/** Auto-posted forms followed in a row by followAutoPost (SP → IdP → SP is two). */
export const DEFAULT_MAX_AUTO_POSTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export class UserAgent {
  readonly cookies: CookieJar;
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;
  private readonly maxRedirects: number;
  private readonly userAgent: string;
  private readonly allowRequest: (url: URL) => boolean;

  constructor(options: UserAgentOptions = {}) {
    this.cookies = options.cookieJar ?? new CookieJar();
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    this.userAgent = options.userAgent ?? 'samlspec-http-agent/0.1';
    this.allowRequest = options.allowRequest ?? (() => true);
  }

  get(url: string, options: Omit<RequestOptions, 'method' | 'form' | 'body'> = {}): Promise<UaResponse> {
    return this.request(url, { ...options, method: 'GET' });
  }

  post(
    url: string,
    form: FormFields,
    options: Omit<RequestOptions, 'method' | 'form'> = {},
  ): Promise<UaResponse> {
    return this.request(url, { ...options, method: 'POST', form });
  }

  /** GET, then follow redirects and auto-submitting forms: what a browser with JavaScript ends up showing. */
  async open(
    url: string,
    options: Omit<RequestOptions, 'method' | 'form' | 'body'> = {},
  ): Promise<UaResponse> {
    return this.followAutoPost(await this.get(url, options));
  }

  /** Sends one request and follows redirects (unless told not to), recording every hop. */
  async request(url: string, options: RequestOptions = {}): Promise<UaResponse> {
    let current = absoluteHttpUrl(url, 'request URL');
    let method = (options.method ?? (options.form ? 'POST' : 'GET')).toUpperCase();
    let body = options.form ? encodeForm(options.form) : options.body;
    let headers = {
      ...(options.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...options.headers,
    };
    const hops: Hop[] = [];
    for (;;) {
      const response = await this.exchange(
        current,
        method,
        headers,
        body,
        options.timeoutMs ?? this.timeoutMs,
        hops,
      );
      const location = response.headers.location;
      const redirect = REDIRECT_STATUSES.has(response.status) && location !== undefined;
      if (!redirect || options.followRedirects === false) return { ...response, hops };
      if (hops.length > this.maxRedirects) {
        throw new UserAgentError(
          'TOO_MANY_REDIRECTS',
          `more than ${this.maxRedirects} redirects from ${url}`,
          hops,
        );
      }
      const next = resolveLocation(location, current);
      // A redirect to another scheme (app link, javascript:) is where a browser would leave: stop there.
      if (!next) return { ...response, hops };
      // 301/302 after POST and every 303 become GET without a body (fetch spec, as browsers do).
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && method === 'POST')
      ) {
        if (method !== 'HEAD') method = 'GET';
        body = undefined;
        headers = withoutBodyHeaders(headers);
      }
      current = next;
    }
  }

  /**
   * Submits a form like a browser: POST as urlencoded body, GET with the fields as the action's query.
   * `overrides` replace the fields of the same name (all of them) or are appended — how a person
   * fills in username and password.
   */
  async submitForm(
    form: HtmlForm,
    overrides: FormFields = [],
    options: Omit<RequestOptions, 'method' | 'form' | 'body'> = {},
  ): Promise<UaResponse> {
    const fields = mergeFields(form.fields, overrides);
    const action = absoluteHttpUrl(form.action, 'form action');
    if (form.method === 'GET') {
      action.search = encodeForm(fields);
      return this.request(action.href, { ...options, method: 'GET' });
    }
    const origin = URL.canParse(form.pageUrl) ? new URL(form.pageUrl).origin : 'null';
    return this.request(action.href, {
      ...options,
      method: 'POST',
      form: fields,
      headers: { origin, ...options.headers },
    });
  }

  /**
   * While the response is a page that submits a form by itself (HTTP-POST binding), submit it.
   * A response without such a form is returned as it is. Hops accumulate across the whole chain.
   */
  async followAutoPost(response: UaResponse, options: { maxForms?: number } = {}): Promise<UaResponse> {
    const maxForms = options.maxForms ?? DEFAULT_MAX_AUTO_POSTS;
    let current = response;
    for (let i = 0; ; i++) {
      const form = /<form[\s>]/i.test(current.body) ? firstForm(current.body, current.url) : undefined;
      if (!form?.autoSubmit) return current;
      if (i >= maxForms) {
        throw new UserAgentError(
          'TOO_MANY_REDIRECTS',
          `more than ${maxForms} auto-submitting forms in a row`,
          current.hops,
        );
      }
      const next = await this.submitForm(form);
      current = { ...next, hops: [...current.hops, ...next.hops] };
    }
  }

  private async exchange(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
    timeoutMs: number,
    hops: Hop[],
  ): Promise<Omit<UaResponse, 'hops'>> {
    const requestUrl = withoutFragment(url);
    if (!this.allowRequest(url))
      throw new UserAgentError(
        'OFF_ORIGIN',
        `${method} ${requestUrl.slice(0, 300)}: not an origin this agent may contact; not sent`,
        hops,
      );
    const cookie = this.cookies.headerFor(url);
    const sent: Record<string, string> = {
      'user-agent': this.userAgent,
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      ...headers,
      ...(cookie ? { cookie } : {}),
    };
    const what = `${method} ${requestUrl}`;
    // One deadline for the whole exchange: the body's bytes must arrive within the same time limit.
    const res = await exchange({
      url,
      method,
      headers: sent,
      body: body !== undefined && bodyAllowed(method) ? body : undefined,
      timeoutMs,
      maxBodyBytes: this.maxBodyBytes,
      what,
      hops,
    });
    this.cookies.storeFromHeaders(url, res.setCookies);
    const hop: Hop = { method, url: requestUrl, status: res.status };
    if (res.headers.location !== undefined) hop.location = res.headers.location;
    hops.push(hop);
    const text = await res.body();
    const responseHeaders = res.headers;
    return { status: res.status, url: url.href, headers: responseHeaders, body: text };
  }
}

function absoluteHttpUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserAgentError(
      'INVALID_URL',
      `${what} is not an absolute URL: ${JSON.stringify(value.slice(0, 200))}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserAgentError('INVALID_URL', `${what} is not http(s): ${url.protocol}`);
  }
  return url;
}

/**
 * The next URL of a redirect, or undefined when it leaves http(s). Location bytes are UTF-8 (browsers
 * read them so) although fetch hands them over as Latin-1; a fragment is inherited when the Location
 * has none (RFC 9110 §10.2.2).
 */
function resolveLocation(location: string, base: URL): URL | undefined {
  const text = /[^ -~]/.test(location) ? Buffer.from(location, 'latin1').toString('utf8') : location;
  let next: URL;
  try {
    next = new URL(text, base);
  } catch {
    return undefined;
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') return undefined;
  if (next.hash === '' && base.hash !== '' && !text.includes('#')) next.hash = base.hash;
  return next;
}

function encodeForm(fields: FormFields): string {
  const entries = Array.isArray(fields) ? fields : Object.entries(fields);
  return new URLSearchParams(entries.map(([k, v]) => [k, v] as [string, string])).toString();
}

function mergeFields(
  fields: ReadonlyArray<readonly [string, string]>,
  overrides: FormFields,
): Array<[string, string]> {
  const extra = (Array.isArray(overrides) ? overrides : Object.entries(overrides)) as ReadonlyArray<
    readonly [string, string]
  >;
  const byName = new Map<string, string[]>();
  for (const [name, value] of extra) byName.set(name, [...(byName.get(name) ?? []), value]);
  const result: Array<[string, string]> = [];
  // An overridden field keeps its place in the form, so the body looks like a browser's.
  for (const [name, value] of fields) {
    const values = byName.get(name);
    if (!values) result.push([name, value]);
    else if (values.length > 0) result.push(...values.splice(0).map((v) => [name, v] as [string, string]));
  }
  for (const [name, values] of byName) result.push(...values.map((v) => [name, v] as [string, string]));
  return result;
}

function withoutBodyHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (!['content-type', 'content-length', 'origin'].includes(k.toLowerCase())) out[k] = v;
  }
  return out;
}

function bodyAllowed(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

function withoutFragment(url: URL): string {
  return url.href.replace(/#.*$/, '');
}
