/**
 * @module tough-cookie (the harness's cookie jar) tests every domain and host it canonicalizes or matches
 * against its IPv6 address pattern, a ~2 kB regular expression that V8 compiles on its first use: ~9 ms at
 * the start of every `samlspec run` and demo, then ~2 µs per test, on host names that contain no colon and
 * so can never match (every alternative of the pattern has one). The bundle gets the same module with the
 * pattern's `test` guarded by that check: the same answer for every input, and the pattern compiled only
 * when a host could be an IPv6 address. A release whose file no longer has that shape (the pattern built
 * once as IP_V6_REGEX_OBJECT, used only through `.test(`) fails the build instead of being bundled
 * unchanged unnoticed.
 */
import { sourceTransform } from './source-transform.js';

const DEFINITION = 'var IP_V6_REGEX_OBJECT = new RegExp(`^${IP_V6_REGEX}$`);';
const GUARD =
  '\nvar samlspecIpv6Pattern = IP_V6_REGEX_OBJECT;\n' +
  // RegExp.prototype.test reads its argument as a string: so does the guard, before looking for a colon.
  'IP_V6_REGEX_OBJECT = { test(input) { const text = `${input}`; return text.includes(":") && samlspecIpv6Pattern.test(text); } };';

export function guardIpv6Regex(text: string, file: string): string {
  const uses = text.split('IP_V6_REGEX_OBJECT').length - 1;
  const tests = text.split('IP_V6_REGEX_OBJECT.test(').length - 1;
  if (text.split(DEFINITION).length !== 2 || uses !== tests + 1)
    throw new Error(`${file}: not the shape guardIpv6Regex expects (${DEFINITION} used only through .test)`);
  // A replacer function: the text holds `$` sequences a replacement string would expand.
  return text.replace(DEFINITION, () => `${DEFINITION}${GUARD}`);
}

export const IPV6_REGEX_GUARD = sourceTransform(
  'tough-cookie-ipv6-regex-guard',
  /[\\/]tough-cookie[\\/]dist[\\/]index\.c?js$/,
  guardIpv6Regex,
);
