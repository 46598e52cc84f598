/**
 * @module A per-agent cookie jar after RFC 6265 §5: host-only vs. domain cookies, default path,
 * Max-Age/Expires, Secure and HttpOnly, SameSite recorded but not enforced (browser mode does that).
 * Cookies are keyed by host, not port, as in browsers: an IdP and an SP on 127.0.0.1 share them.
 */

export type SameSite = 'Strict' | 'Lax' | 'None';

export interface Cookie {
  name: string;
  value: string;
  /** Lowercase host (host-only) or domain without the leading dot. */
  domain: string;
  hostOnly: boolean;
  path: string;
  /** Epoch ms; undefined for a session cookie. */
  expires?: number;
  secure: boolean;
  httpOnly: boolean;
  /** As sent; absent when the attribute was missing or unrecognised. */
  sameSite?: SameSite;
  /** Creation order, for the header's tie-break (§5.4 step 2). */
  created: number;
}

/** Browsers ignore a cookie over 4096 bytes (name + value) and keep at most ~180 per domain (Chromium). */
export const MAX_COOKIE_BYTES = 4096;
export const MAX_COOKIES_PER_DOMAIN = 180;

export class CookieJar {
  private cookies: Cookie[] = [];
  private counter = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Stores the cookies of every Set-Cookie header of a response for `requestUrl`. */
  storeFromHeaders(requestUrl: URL, setCookieHeaders: readonly string[]): void {
    for (const header of setCookieHeaders) this.store(requestUrl, header);
  }

  /** Parses one Set-Cookie header; an unacceptable cookie is ignored, as browsers ignore it. */
  store(requestUrl: URL, setCookie: string): void {
    const parsed = parseSetCookie(setCookie, requestUrl, this.now());
    if (!parsed || parsed.name.length + parsed.value.length > MAX_COOKIE_BYTES) return;
    const same = (c: Cookie): boolean =>
      c.name === parsed.name && c.domain === parsed.domain && c.path === parsed.path;
    const existing = this.cookies.find(same);
    this.cookies = this.cookies.filter((c) => !same(c));
    // An already expired cookie is how servers delete one (§5.3 step 12).
    if (parsed.expires !== undefined && parsed.expires <= this.now()) return;
    this.cookies.push({ ...parsed, created: existing?.created ?? this.counter++ });
    // A cookie flood evicts the domain's oldest cookies, as browsers do, so the jar stays bounded.
    const sameDomain = this.cookies.filter((c) => c.domain === parsed.domain);
    if (sameDomain.length > MAX_COOKIES_PER_DOMAIN) {
      const oldest = sameDomain.reduce((a, b) => (a.created <= b.created ? a : b));
      this.cookies = this.cookies.filter((c) => c !== oldest);
    }
  }

  /** The cookies a request to `url` carries, longest path first, then oldest first (§5.4). */
  cookiesFor(url: URL): Cookie[] {
    const host = url.hostname.toLowerCase();
    const now = this.now();
    this.cookies = this.cookies.filter((c) => c.expires === undefined || c.expires > now);
    return this.cookies
      .filter((c) => (c.hostOnly ? host === c.domain : domainMatch(host, c.domain)))
      .filter((c) => pathMatch(url.pathname || '/', c.path))
      .filter((c) => !c.secure || isSecureUrl(url))
      .sort((a, b) => b.path.length - a.path.length || a.created - b.created);
  }

  /** The Cookie header value for `url`, or undefined when no cookie applies. */
  headerFor(url: URL): string | undefined {
    const cookies = this.cookiesFor(url);
    return cookies.length === 0 ? undefined : cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  }

  list(): Cookie[] {
    return this.cookies.map((c) => ({ ...c }));
  }

  clear(): void {
    this.cookies = [];
  }
}

/**
 * https, or http to a loopback host: browsers treat localhost as a secure context and let it set and
 * receive Secure cookies; local SPs that mark cookies Secure (SameSite=None requires it) then work.
 */
export function isSecureUrl(url: URL): boolean {
  return url.protocol === 'https:' || isLoopback(url.hostname);
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function parseSetCookie(header: string, requestUrl: URL, now: number): Omit<Cookie, 'created'> | undefined {
  const [pair = '', ...attributes] = header.split(';');
  const eq = pair.indexOf('=');
  // §5.2: a pair without "=" is ignored; an empty name is ignored too (browsers differ, be strict).
  if (eq <= 0) return undefined;
  const name = pair.slice(0, eq).trim();
  const value = pair.slice(eq + 1).trim();
  if (name === '') return undefined;
  const host = requestUrl.hostname.toLowerCase();
  const cookie: Omit<Cookie, 'created'> = {
    name,
    value,
    domain: host,
    hostOnly: true,
    path: defaultPath(requestUrl.pathname),
    secure: false,
    httpOnly: false,
  };
  let maxAge: number | undefined;
  let expires: number | undefined;
  for (const attribute of attributes) {
    const i = attribute.indexOf('=');
    const key = (i < 0 ? attribute : attribute.slice(0, i)).trim().toLowerCase();
    const val = i < 0 ? '' : attribute.slice(i + 1).trim();
    if (key === 'domain') {
      const domain = val.replace(/^\./, '').toLowerCase();
      if (domain === '') continue;
      // The domain must cover the request host; a bare label (no public-suffix list here) only
      // when it is the host itself, so "Domain=com" cannot plant a cookie for every .com site.
      if (!domainMatch(host, domain) || (!domain.includes('.') && domain !== host)) return undefined;
      cookie.domain = domain;
      cookie.hostOnly = false;
    } else if (key === 'path') {
      cookie.path = val.startsWith('/') ? val : defaultPath(requestUrl.pathname);
    } else if (key === 'max-age') {
      if (/^-?\d+$/.test(val)) maxAge = Number(val);
    } else if (key === 'expires') {
      const t = Date.parse(val);
      if (!Number.isNaN(t)) expires = t;
    } else if (key === 'secure') {
      cookie.secure = true;
    } else if (key === 'httponly') {
      cookie.httpOnly = true;
    } else if (key === 'samesite') {
      const v = val.toLowerCase();
      if (v === 'strict' || v === 'lax' || v === 'none')
        cookie.sameSite = (v[0]!.toUpperCase() + v.slice(1)) as SameSite;
    }
  }
  // Max-Age wins over Expires (§5.3 step 3).
  if (maxAge !== undefined) cookie.expires = maxAge <= 0 ? 0 : now + maxAge * 1000;
  else if (expires !== undefined) cookie.expires = expires;
  // A Secure cookie from an insecure origin is rejected (RFC 6265bis §5.6 step 9).
  if (cookie.secure && !isSecureUrl(requestUrl)) return undefined;
  return cookie;
}

/** §5.1.4: the request path up to, not including, its last "/"; "/" when that leaves nothing. */
function defaultPath(pathname: string): string {
  if (!pathname.startsWith('/')) return '/';
  const last = pathname.lastIndexOf('/');
  return last <= 0 ? '/' : pathname.slice(0, last);
}

/** §5.1.3; an IP address matches only itself. */
function domainMatch(host: string, domain: string): boolean {
  if (host === domain) return true;
  return !isIpAddress(host) && host.endsWith(`.${domain}`);
}

/** §5.1.4 */
function pathMatch(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
}
