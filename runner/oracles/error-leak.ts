/**
 * @module The error-page oracle (docs/attacks.md APP-06, CWE-209): a refusal page must not echo the
 * delivered response's SignatureValue or DigestValue (it tells a forger what the SP computed or read)
 * nor an exception's stack trace (internal paths, library versions, the failing check).
 */
import { excerptAround, type SeenPage } from './page.js';

export interface Leak {
  url: string;
  what: 'signature-value' | 'digest-value' | 'stack-trace';
  excerpt: string;
}

/** Shorter values are not searched: a short base64 run can occur by chance. */
const MIN_VALUE_CHARS = 16;
/** A prefix is enough: a page that truncates the value still leaks it. */
const NEEDLE_CHARS = 24;

const STACK_SHAPES: readonly RegExp[] = [
  /\n\s*at [^\n]{1,200}[(\s](?:file:\/\/|node:|\/)[^\n)]*:\d+:\d+\)?/, // Node.js / V8
  /\bat [\w$.]+\([\w$]+\.(?:java|kt|scala):\d+\)/, // JVM
  /Traceback \(most recent call last\)/, // Python
  /\bin \S+\.php(?: on line |:)\d+/, // PHP
  /\bat [\w.`]+\([^)\n]*\) in [^\n]+:line \d+/, // .NET
];

/** The SignatureValue and DigestValue texts of the delivered XML, whitespace removed. */
export function signatureValuesOf(xml: string): { signature: string[]; digest: string[] } {
  const values = (local: string): string[] =>
    [...xml.matchAll(new RegExp(`<(?:[\\w-]+:)?${local}(?:\\s[^>]*)?>([^<]*)<`, 'g'))]
      .map((m) => m[1]!.replace(/\s+/g, ''))
      .filter((v) => v.length >= MIN_VALUE_CHARS);
  return { signature: values('SignatureValue'), digest: values('DigestValue') };
}

export function findLeaks(
  pages: readonly SeenPage[],
  values: { signature: readonly string[]; digest: readonly string[] },
): Leak[] {
  const leaks: Leak[] = [];
  for (const page of pages) {
    // Bodies may wrap long base64 lines; compare without whitespace, excerpt from the original.
    const flat = page.body.replace(/\s+/g, '');
    const search = (list: readonly string[], what: Leak['what']): void => {
      for (const value of list) {
        const needle = value.slice(0, NEEDLE_CHARS);
        const at = flat.indexOf(needle);
        if (at >= 0) leaks.push({ url: page.url, what, excerpt: excerptAround(flat, at, needle.length) });
      }
    };
    search(values.signature, 'signature-value');
    search(values.digest, 'digest-value');
    for (const shape of STACK_SHAPES) {
      const match = shape.exec(page.body);
      if (match) {
        leaks.push({
          url: page.url,
          what: 'stack-trace',
          excerpt: excerptAround(page.body, match.index, match[0].length),
        });
        break;
      }
    }
  }
  return leaks;
}
