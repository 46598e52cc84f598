/**
 * @module Seeded random assertion content for equivalence tests: strings built from pieces that stress
 * every escaping and normalization rule (markup characters, CR/LF/TAB, XML 1.1 line ends, astral-plane
 * characters, long runs) and pieces that imitate the fast path's own template markers and instants.
 */
import { ATTRNAME_FORMAT, NAMEID_FORMAT } from '../constants/namespaces.js';
import type { AssertionContent } from '../response/build-response.js';

export type Random = () => number;

/** mulberry32: small, fast and reproducible from a 32-bit seed. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const PLAIN = ['abc', 'Z', '0123', 'user@contoso.com', 'https://sp.example.com/acs?a=1', '-', '_', '.', ' '];
const MARKUP = [
  '<',
  '>',
  '&',
  '"',
  "'",
  ']]>',
  '&amp;',
  '&#xD;',
  '&lt;',
  '<!--',
  '-->',
  '<![CDATA[x]]>',
  '=',
  '/>',
  '#',
];
const WHITESPACE = ['\t', '\n', '\r', '\r\n', '\n\r', '  ', '\u00a0'];
// Line ends a parser applying XML 1.1 rules rewrites (see fast-path-escape.ts), and U+2029 which it does not.
const LINE_ENDS = ['\u0085', '\u2028', '\u2029', '\r\u0085', '\r\u2028'];
const UNICODE = ['é', 'ß', '中文', 'שלום', 'e\u0301', '\u200b', '\ufeff', 'Ω', '\ufffd'];
const ASTRAL = ['😀', '𝄞', '\u{10fffd}', '👩‍💻'];
// Values that look like the template's own markers and reference instants must stay plain values.
const LOOKALIKES = [
  '\ue000',
  '\ue001',
  '\ue000v0\ue001',
  '\ue000d0\ue001',
  '\ue000s1\ue001',
  '2001-02-03T04:05:06.007Z',
  '1971-02-03T04:05:06.007Z',
];
const POOLS = [PLAIN, MARKUP, WHITESPACE, LINE_ENDS, UNICODE, ASTRAL, LOOKALIKES];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A non-empty string of 1–12 pieces; `hostile` leaves out the plain pool; now and then a long one. */
export function randomString(random: Random, options: { hostile?: boolean } = {}): string {
  const pools = options.hostile ? POOLS.slice(1) : POOLS;
  // Long values stay a few KB: xml-crypto's bundled xmldom 0.8 parses in O(n²) once a U+2029 is present
  // (its line locator's `.` stops there), and the xml-crypto path is the reference these tests wait for.
  if (random() < 0.02) {
    const piece = pick(random, PLAIN);
    return piece.repeat(Math.ceil((1000 + random() * 3000) / piece.length));
  }
  let text = '';
  const pieces = 1 + Math.floor(random() * 12);
  for (let i = 0; i < pieces; i++) text += pick(random, pick(random, pools));
  return text;
}

export function randomContent(random: Random, options: { hostile?: boolean } = {}): AssertionContent {
  const text = (): string => randomString(random, options);
  const content: AssertionContent = {
    issuer: text(),
    acsUrl: text(),
    audience: text(),
    nameId: { format: random() < 0.7 ? pick(random, Object.values(NAMEID_FORMAT)) : text(), value: text() },
    claims: Array.from({ length: Math.floor(random() * 11) }, () => ({
      name: text(),
      values: Array.from({ length: 1 + Math.floor(random() * 4) }, text),
    })),
    authnInstant: new Date(Date.UTC(1990, 0, 1) + Math.floor(random() * 60 * 365 * 86_400_000)),
  };
  if (random() < 0.6) content.inResponseTo = text();
  if (random() < 0.3) content.authnContextClassRef = text();
  if (random() < 0.4)
    content.attributeNameFormat = pick(
      random,
      Object.keys(ATTRNAME_FORMAT) as (keyof typeof ATTRNAME_FORMAT)[],
    );
  return content;
}
