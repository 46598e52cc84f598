/**
 * @module A per-agent cookie jar on tough-cookie (RFC 6265: host-only vs. domain cookies, default path,
 * Max-Age/Expires, Secure and HttpOnly, the public-suffix list, secure contexts for loopback). SameSite
 * is recorded but not enforced by default (browser mode does that); a caller that knows the request's
 * SameSite context can pass it and tough-cookie withholds what a browser would. Cookies are keyed by
 * host, not port, as in browsers: an IdP and an SP on 127.0.0.1 share them. On top of tough-cookie the
 * jar keeps browsers' bounds (cookie size, cookies per domain), so a hostile SP cannot grow it.
 */
import { Cookie as ToughCookie, CookieJar as ToughJar, MemoryCookieStore } from 'tough-cookie';

export type SameSite = 'Strict' | 'Lax' | 'None';

/** The context of a request as tough-cookie knows it: same-site ('strict'), top-level cross-site GET ('lax'), other ('none'). */
export type SameSiteContext = 'strict' | 'lax' | 'none';

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

const SAME_SITE: Readonly<Record<string, SameSite>> = { strict: 'Strict', lax: 'Lax', none: 'None' };

export class CookieJar {
  private readonly memory = new MemoryCookieStore();
  private readonly jar = new ToughJar(this.memory, {
    rejectPublicSuffixes: true,
    // localhost and *.test hosts are where local SPs and tests live; "Domain=test" stays refused.
    allowSpecialUseDomain: true,
    looseMode: false,
  });
  private readonly perDomain = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Stores the cookies of every Set-Cookie header of a response for `requestUrl`. */
  storeFromHeaders(requestUrl: URL, setCookieHeaders: readonly string[]): void {
    for (const header of setCookieHeaders) this.store1(requestUrl, header);
  }

  /** Parses one Set-Cookie header; an unacceptable cookie is ignored, as browsers ignore it. */
  store(requestUrl: URL, setCookie: string): void {
    this.store1(requestUrl, setCookie);
  }

  /** The cookies a request to `url` carries, longest path first, then oldest first (§5.4). */
  cookiesFor(url: URL, sameSiteContext?: SameSiteContext): Cookie[] {
    const now = this.now();
    // tough-cookie's own expiry check reads the wall clock; the jar's clock decides here (tests, replays).
    // Given the URL object, tough-cookie reads its parts instead of parsing its text (twice) again.
    const found = this.jar.getCookiesSync(url, {
      expire: false,
      sort: true,
      ...(sameSiteContext ? { sameSiteContext } : {}),
    });
    const live: Cookie[] = [];
    for (const c of found) {
      const cookie = toCookie(c);
      if (cookie.expires !== undefined && cookie.expires <= now) this.remove(c);
      else live.push(cookie);
    }
    return live;
  }

  /** The Cookie header value for `url`, or undefined when no cookie applies. */
  headerFor(url: URL, sameSiteContext?: SameSiteContext): string | undefined {
    if (this.perDomain.size === 0) return undefined;
    const cookies = this.cookiesFor(url, sameSiteContext);
    return cookies.length === 0 ? undefined : cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  }

  /** Every unexpired cookie, oldest first. */
  list(): Cookie[] {
    const now = this.now();
    return this.all()
      .map(toCookie)
      .filter((c) => c.expires === undefined || c.expires > now)
      .sort((a, b) => a.created - b.created);
  }

  clear(): void {
    this.jar.removeAllCookiesSync();
    this.perDomain.clear();
  }

  private store1(requestUrl: URL, header: string): void {
    const eq = header.split(';', 1)[0]!.indexOf('=');
    // §5.2: a pair without "=" is ignored; an empty name is ignored too (browsers differ, be strict).
    if (eq <= 0 || header.slice(0, eq).trim() === '') return;
    if (pairBytes(header) > MAX_COOKIE_BYTES) return;
    const parsed = ToughCookie.parse(header);
    if (!parsed) return;
    const now = this.now();
    // tough-cookie counts Max-Age from each cookie's last access (by the wall clock); RFC 6265 §5.3
    // step 3 counts it from when the cookie was received: make it the absolute expiry it stands for.
    if (typeof parsed.maxAge === 'number') {
      parsed.expires = new Date(parsed.maxAge <= 0 ? 0 : now + parsed.maxAge * 1000);
      parsed.maxAge = null;
    }
    const stored = this.jar.setCookieSync(parsed, requestUrl, { now: new Date(now), ignoreError: true });
    if (!stored?.domain) return;
    const domain = stored.domain;
    const count = this.all().filter((c) => c.domain === domain);
    this.perDomain.set(domain, count.length);
    // A cookie flood evicts the domain's oldest cookies, as browsers do, so the jar stays bounded.
    if (count.length > MAX_COOKIES_PER_DOMAIN) {
      const oldest = count.reduce((a, b) => (a.creationIndex <= b.creationIndex ? a : b));
      this.remove(oldest);
    }
  }

  private remove(cookie: ToughCookie): void {
    const domain = cookie.domain ?? '';
    this.memory.removeCookie(domain, cookie.path ?? '/', cookie.key, () => undefined);
    this.perDomain.set(domain, Math.max(0, (this.perDomain.get(domain) ?? 1) - 1));
    if (this.perDomain.get(domain) === 0) this.perDomain.delete(domain);
  }

  /** MemoryCookieStore answers its callbacks synchronously (it is what tough-cookie's *Sync methods rely on). */
  private all(): ToughCookie[] {
    let cookies: ToughCookie[] = [];
    this.memory.getAllCookies((error, found) => {
      if (!error && found) cookies = found;
    });
    return cookies;
  }
}

/** Bytes of the name=value pair as sent (what the browsers' 4096-byte limit counts). */
function pairBytes(header: string): number {
  const pair = header.split(';', 1)[0]!;
  return Buffer.byteLength(pair.replace('=', '').trim());
}

function toCookie(c: ToughCookie): Cookie {
  const expiry = c.expiryTime();
  const sameSite = c.sameSite ? SAME_SITE[c.sameSite.toLowerCase()] : undefined;
  return {
    name: c.key,
    value: c.value,
    domain: c.domain ?? '',
    hostOnly: c.hostOnly ?? true,
    path: c.path ?? '/',
    ...(expiry !== undefined && Number.isFinite(expiry) ? { expires: expiry } : {}),
    secure: c.secure,
    httpOnly: c.httpOnly,
    ...(sameSite ? { sameSite } : {}),
    created: c.creationIndex,
  };
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
