/**
 * @module The fuzzer's HTTP framing garbage: requests Node's parser or the body parsers must refuse
 * cleanly (no request line, huge or too many headers, bad chunking, duplicate Content-Length, NUL in the
 * path, unknown versions, absolute-form URLs, parameter floods, oversize and falsely encoded bodies).
 */
import { input, type FuzzContext, type FuzzInput } from './fuzz-context.js';
import { FORM, http } from './fuzz-raw-http.js';
import { pick, type Rng } from './fuzz-rng.js';

export function httpGarbage(rng: Rng, ctx: FuzzContext): FuzzInput {
  const options: Array<() => Buffer> = [
    () => Buffer.from('GARBAGE\r\n\r\n'),
    () =>
      Buffer.from(
        `GET /${ctx.tenantId}/saml2 HTTP/1.1\r\nHost: ${ctx.host}\r\nX: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
      ),
    () =>
      Buffer.from(
        `GET / HTTP/1.1\r\nHost: ${ctx.host}\r\nConnection: close\r\n${Array.from({ length: 3000 }, (_, i) => `X-${i}: y`).join('\r\n')}\r\n\r\n`,
      ),
    () =>
      Buffer.from(
        `POST /${ctx.tenantId}/saml2 HTTP/1.1\r\nHost: ${ctx.host}\r\nConnection: close\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nZZ\r\nxx\r\n0\r\n\r\n`,
      ),
    () =>
      Buffer.from(
        `POST /${ctx.tenantId}/saml2 HTTP/1.1\r\nHost: ${ctx.host}\r\nConnection: close\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nabcdefg`,
      ),
    () => Buffer.from(`GET /\u0000 HTTP/1.1\r\nHost: ${ctx.host}\r\nConnection: close\r\n\r\n`, 'latin1'),
    () => Buffer.from(`GET / HTTP/9.9\r\nHost: ${ctx.host}\r\nConnection: close\r\n\r\n`),
    () => Buffer.from(`GET http://evil.example/ HTTP/1.1\r\nHost: ${ctx.host}\r\nConnection: close\r\n\r\n`),
    () =>
      Buffer.from(
        `GET /${ctx.tenantId}/saml2?${'a=b&'.repeat(20_000)} HTTP/1.1\r\nHost: ${ctx.host}\r\nConnection: close\r\n\r\n`,
      ),
    () =>
      http(ctx, 'POST', `/${ctx.tenantId}/saml2`, [[FORM[0], FORM[1]]], `${'a=b&'.repeat(200)}SAMLRequest=x`),
    () => http(ctx, 'POST', `/${ctx.tenantId}/saml2`, [[FORM[0], FORM[1]]], Buffer.alloc(3_000_000, 0x61)),
    () =>
      http(
        ctx,
        'POST',
        `/${ctx.tenantId}/saml2`,
        [
          [FORM[0], FORM[1]],
          ['Content-Encoding', 'gzip'],
        ],
        Buffer.from('not gzip'),
      ),
    () => http(ctx, 'POST', `/${ctx.tenantId}/login`, [[FORM[0], `${FORM[1]}; charset=latin1`]], 'ctx=%E9'),
    () => http(ctx, 'GET', `/${ctx.tenantId}/saml2`, [['Cookie', `${'a=b; '.repeat(2000)}`]]),
  ];
  return input(pick(rng, options)(), 'raw');
}
