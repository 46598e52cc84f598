import type * as ToughCookie from 'tough-cookie';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guardIpv6Regex } from './ipv6-regex-guard.js';

const require = createRequire(import.meta.url);
const file = require.resolve('tough-cookie');
const original = require(file) as typeof ToughCookie;

/** The package's CommonJS build with the guard in, loaded as Node would load it. */
function guarded(): typeof ToughCookie {
  const module = { exports: {} as Record<string, unknown> };
  new Function(
    'exports',
    'require',
    'module',
    '__filename',
    '__dirname',
    guardIpv6Regex(readFileSync(file, 'utf8'), file),
  )(module.exports, createRequire(file), module, file, fileURLToPath(new URL('.', `file://${file}`)));
  return module.exports as unknown as typeof ToughCookie;
}

const HOSTS = [
  '127.0.0.1',
  'localhost',
  'sp.contoso.com',
  '.Contoso.COM',
  '::1',
  '[::1]',
  '2001:db8::1',
  '[2001:DB8:0:0:0:0:0:1]',
  'fe80::1%eth0',
  '::ffff:192.0.2.1',
  '1:2:3:4:5:6:7:8',
  '1:2:3:4:5:6:7:8:9',
  'a:b',
  ':',
  'münchen.de',
  '',
  '  spaced.example ',
];

/** What a call gives, or the error it throws (some hosts are refused, by both alike). */
function outcome(call: () => unknown): unknown {
  try {
    return call();
  } catch (error) {
    return `threw ${(error as Error).message}`;
  }
}

describe('guardIpv6Regex', () => {
  it("gives tough-cookie's answers for every host, IPv6 ones included", () => {
    const jar = guarded();
    for (const host of HOSTS) {
      expect(
        outcome(() => jar.canonicalDomain(host)),
        host,
      ).toEqual(outcome(() => original.canonicalDomain(host)));
      expect(
        outcome(() => jar.domainMatch(host, host)),
        host,
      ).toEqual(outcome(() => original.domainMatch(host, host)));
      expect(
        outcome(() => jar.permuteDomain(host)),
        host,
      ).toEqual(outcome(() => original.permuteDomain(host)));
    }
  });

  it('keeps cookies for IPv6 and IPv4 hosts as the package does', async () => {
    const jar = new (guarded().CookieJar)();
    const reference = new original.CookieJar();
    for (const url of ['http://[::1]:8080/', 'http://127.0.0.1:8080/', 'http://localhost/']) {
      for (const j of [jar, reference]) await j.setCookie('s=1; Path=/', url);
      expect(await jar.getCookieString(url), url).toBe(await reference.getCookieString(url));
    }
  });

  it('refuses a file that is not the shape it was written for', () => {
    expect(() => guardIpv6Regex('var IP_V6_REGEX_OBJECT = /x/;', 'x.js')).toThrow(/x\.js/);
    const used = readFileSync(file, 'utf8').replace('IP_V6_REGEX_OBJECT.test(', 'IP_V6_REGEX_OBJECT.exec(');
    expect(() => guardIpv6Regex(used, 'y.js')).toThrow(/y\.js/);
  });
});
