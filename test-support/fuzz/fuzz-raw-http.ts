/** @module Raw HTTP/1.1 requests for the fuzzer, with malformed cookies, path segments and query noise. */
import type { FuzzContext } from './fuzz-context.js';
import { int, pick, type Rng } from './fuzz-rng.js';

export function http(
  ctx: FuzzContext,
  method: string,
  path: string,
  headers: ReadonlyArray<readonly [string, string]> = [],
  body?: Buffer | string,
): Buffer {
  const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1');
  const lines = [
    `${method} ${path} HTTP/1.1`,
    `Host: ${ctx.host}`,
    'Connection: close',
    ...headers.map(([k, v]) => `${k}: ${v}`),
    ...(bytes !== undefined && !headers.some(([k]) => /^(content-length|transfer-encoding)$/i.test(k))
      ? [`Content-Length: ${bytes.length}`]
      : []),
  ];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), bytes ?? Buffer.alloc(0)]);
}

export const FORM = ['Content-Type', 'application/x-www-form-urlencoded'] as const;

export function cookieHeader(rng: Rng, ctx: FuzzContext): [string, string][] {
  if (rng() < 0.5) return [];
  const values = [
    'other=50%off',
    `${ctx.sessionCookie}=%E0%A4%A`,
    `${ctx.sessionCookie}=${'a'.repeat(int(rng, 3000))}`,
    `${ctx.sessionCookie}="quoted%zz"`,
    '=novalue',
    ';;;',
    'a=b; a=c; __proto__=x; constructor=y',
    `${ctx.sessionCookie}=00000000-0000-4000-8000-000000000001`,
    `x=${'%'.repeat(100)}`,
    'naïve=caf\u00e9',
  ];
  return [['Cookie', Array.from({ length: 1 + int(rng, 4) }, () => pick(rng, values)).join('; ')]];
}

export const BAD_SEGMENTS = [
  '%FF',
  '%C0%AF',
  '%',
  '%%',
  '%E0%A4%A',
  '..%2F..%2F',
  '%2e%2e',
  'a'.repeat(3000),
  '%00',
  '\u00e9',
  '%F0%9F%98%80',
];

export function segment(rng: Rng, good: string): string {
  return rng() < 0.6 ? good : pick(rng, BAD_SEGMENTS);
}

export function queryNoise(rng: Rng): string {
  return pick(rng, [
    '',
    '&login_hint=B.Simon',
    '&login_hint=%FF',
    '&login_hint=nobody@contoso.com',
    '&RelayState=%',
    '&SAMLRequest=x',
    '&SigAlg=http%3A%2F%2Fwww.w3.org%2F2001%2F04%2Fxmldsig-more%23rsa-sha256&Signature=AAAA',
    '&a[b]=c&a[c]=d',
    '&__proto__=1',
  ]);
}
