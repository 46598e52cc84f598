/** @module The cookie jar: RFC 6265 storage, matching, ordering and expiry. */
import { describe, expect, it } from 'vitest';
import { CookieJar, MAX_COOKIE_BYTES, MAX_COOKIES_PER_DOMAIN } from './cookie-jar.js';

const at = (url: string): URL => new URL(url);

describe('CookieJar', () => {
  it('keeps a host-only cookie for its host only, whatever the port', () => {
    const jar = new CookieJar();
    jar.store(at('http://sp.test:3000/login'), 'sid=1');
    expect(jar.headerFor(at('http://sp.test:4000/'))).toBe('sid=1');
    expect(jar.headerFor(at('http://www.sp.test/'))).toBeUndefined();
    expect(jar.list()[0]).toMatchObject({ hostOnly: true, domain: 'sp.test', path: '/' });
  });

  it('sends a Domain cookie to subdomains and rejects a Domain that does not cover the host', () => {
    const jar = new CookieJar();
    jar.store(at('https://login.idp.test/'), 'a=1; Domain=.idp.test');
    jar.store(at('https://login.idp.test/'), 'b=2; Domain=other.test');
    jar.store(at('https://login.idp.test/'), 'c=3; Domain=test');
    expect(jar.headerFor(at('https://www.idp.test/'))).toBe('a=1');
    expect(jar.list().map((c) => c.name)).toEqual(['a']);
  });

  it('uses the default path, matches paths on segment boundaries and sends longer paths first', () => {
    const jar = new CookieJar();
    jar.store(at('http://sp.test/saml/acs'), 'p=default');
    jar.store(at('http://sp.test/'), 'root=1; Path=/');
    jar.store(at('http://sp.test/'), 'deep=1; Path=/saml/acs');
    expect(jar.list().find((c) => c.name === 'p')?.path).toBe('/saml');
    expect(jar.headerFor(at('http://sp.test/saml/acs'))).toBe('deep=1; p=default; root=1');
    expect(jar.headerFor(at('http://sp.test/samlx'))).toBe('root=1');
  });

  it('honours Max-Age over Expires and deletes with Max-Age=0 or a past Expires', () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const jar = new CookieJar(() => now);
    const url = at('http://sp.test/');
    jar.store(url, 'a=1; Max-Age=60; Expires=Thu, 01 Jan 2099 00:00:00 GMT');
    jar.store(url, 'b=1; Expires=Thu, 01 Jan 2099 00:00:00 GMT');
    expect(jar.headerFor(url)).toBe('a=1; b=1');
    now += 61_000;
    expect(jar.headerFor(url)).toBe('b=1');
    jar.store(url, 'b=; Max-Age=0');
    expect(jar.headerFor(url)).toBeUndefined();
    jar.store(url, 'c=1');
    jar.store(url, 'c=; Expires=Thu, 01 Jan 1970 00:00:00 GMT');
    expect(jar.list()).toEqual([]);
  });

  it('replaces a cookie of the same name, domain and path but keeps its position', () => {
    const jar = new CookieJar();
    const url = at('http://sp.test/');
    jar.store(url, 'a=1');
    jar.store(url, 'b=1');
    jar.store(url, 'a=2');
    expect(jar.headerFor(url)).toBe('a=2; b=1');
  });

  it('records Secure, HttpOnly and SameSite; Secure only over https or loopback', () => {
    const jar = new CookieJar();
    jar.store(at('https://idp.test/'), 's=1; Secure; HttpOnly; SameSite=None');
    jar.store(at('http://plain.test/'), 'rejected=1; Secure');
    jar.store(at('http://127.0.0.1:8080/'), 'loop=1; Secure; SameSite=lax');
    expect(jar.list()).toEqual([
      expect.objectContaining({ name: 's', secure: true, httpOnly: true, sameSite: 'None' }),
      expect.objectContaining({ name: 'loop', secure: true, sameSite: 'Lax' }),
    ]);
    expect(jar.headerFor(at('http://idp.test/'))).toBeUndefined();
    expect(jar.headerFor(at('https://idp.test/'))).toBe('s=1');
    expect(jar.headerFor(at('http://127.0.0.1:9090/'))).toBe('loop=1');
  });

  it('ignores malformed pairs and keeps "=" inside values', () => {
    const jar = new CookieJar();
    const url = at('http://sp.test/');
    jar.store(url, 'novalue');
    jar.store(url, '=x');
    jar.store(url, 'tok=a=b==');
    expect(jar.headerFor(url)).toBe('tok=a=b==');
  });

  it('stays bounded under a cookie flood: oversized cookies are ignored, the oldest evicted', () => {
    const jar = new CookieJar();
    const url = at('http://sp.test/');
    jar.store(url, `big=${'x'.repeat(MAX_COOKIE_BYTES)}`);
    for (let i = 0; i < 1000; i++) jar.store(url, `c${i}=v`);
    const names = jar.list().map((c) => c.name);
    expect(names).toHaveLength(MAX_COOKIES_PER_DOMAIN);
    expect(names).not.toContain('big');
    expect(names).toContain('c999');
    expect(names).not.toContain('c0');
  });
});
