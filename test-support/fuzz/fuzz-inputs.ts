/**
 * @module The fuzzer's inputs: raw HTTP requests for the mock IdP, generated from a seed (mulberry32),
 * so a run is reproducible from its seed and count alone. Every route and both bindings, with hostile
 * XML (DTDs, entities, external entities, XInclude, deep nesting, huge and NUL-laden documents), bad
 * encodings (base64, DEFLATE, percent-escapes, UTF-8, charsets), ACS URLs the app does not register,
 * malformed cookies, undecodable path parameters, admin API bodies and HTTP framing garbage.
 *
 * URLs a hostile document points at are the loopback canary (which counts any fetch) or an address in
 * TEST-NET-2, which the network guard refuses before a packet leaves: the mock must fetch neither.
 */
import { postParam, redirectParam, mutate } from './fuzz-encodings.js';
import type { FuzzContext, FuzzRequest } from './fuzz-context.js';
import { hostileXml } from './fuzz-hostile-xml.js';
import { authnRequest, protocolXml } from './fuzz-protocol-xml.js';
import { BAD_SEGMENTS, cookieHeader, FORM, http, queryNoise, segment } from './fuzz-raw-http.js';
import { int, pick, type Rng } from './fuzz-rng.js';

export type { FuzzContext, FuzzRequest } from './fuzz-context.js';
export { seededRng, type Rng } from './fuzz-rng.js';

export type FuzzCategory =
  | 'redirect-binding'
  | 'post-binding'
  | 'hostile-xml'
  | 'unregistered-acs'
  | 'cookies'
  | 'routes'
  | 'sign-in-form'
  | 'metadata'
  | 'launch'
  | 'admin'
  | 'http-garbage';

const WEIGHTS: ReadonlyArray<readonly [FuzzCategory, number]> = [
  ['redirect-binding', 16],
  ['post-binding', 14],
  ['hostile-xml', 16],
  ['unregistered-acs', 8],
  ['cookies', 8],
  ['routes', 10],
  ['sign-in-form', 6],
  ['metadata', 5],
  ['launch', 5],
  ['admin', 6],
  ['http-garbage', 6],
];
const TOTAL_WEIGHT = WEIGHTS.reduce((n, [, w]) => n + w, 0);

export function nextRequest(rng: Rng, ctx: FuzzContext): FuzzRequest {
  let roll = rng() * TOTAL_WEIGHT;
  let category: FuzzCategory = WEIGHTS[0]![0];
  for (const [name, weight] of WEIGHTS) {
    if ((roll -= weight) < 0) {
      category = name;
      break;
    }
  }
  return build(category, rng, ctx);
}

function samlMessage(rng: Rng, ctx: FuzzContext, category: FuzzCategory): { name: string; bytes: Buffer } {
  const chosen =
    category === 'hostile-xml'
      ? hostileXml(rng, ctx)
      : category === 'unregistered-acs'
        ? (() => {
            let m = protocolXml(rng, ctx);
            while (m.name !== 'unregistered-acs' && m.name !== 'acs-index') m = protocolXml(rng, ctx);
            return m;
          })()
        : rng() < 0.2
          ? hostileXml(rng, ctx)
          : rng() < 0.4
            ? {
                name: 'valid',
                xml: authnRequest({
                  issuer: pick(rng, [ctx.issuer, ctx.peopleIssuer]),
                  id: `_fz${int(rng, 1e9)}`,
                }),
              }
            : protocolXml(rng, ctx);
  const bytes = Buffer.isBuffer(chosen.xml) ? chosen.xml : Buffer.from(chosen.xml, 'utf8');
  return { name: chosen.name, bytes: mutate(rng, bytes) };
}

function build(category: FuzzCategory, rng: Rng, ctx: FuzzContext): FuzzRequest {
  const saml2 = `/${segment(rng, ctx.tenantId)}/saml2`;
  const make = (raw: Buffer, summary: string): FuzzRequest => ({
    category,
    raw,
    summary: `${summary}: ${raw.subarray(0, 160).toString('latin1').split('\r\n')[0]}`,
  });
  switch (category) {
    case 'redirect-binding':
    case 'hostile-xml':
    case 'unregistered-acs':
    case 'cookies':
    case 'post-binding': {
      const message = samlMessage(rng, ctx, category);
      const post = category === 'post-binding' || (category !== 'redirect-binding' && rng() < 0.5);
      const relay =
        rng() < 0.3
          ? `&RelayState=${encodeURIComponent(pick(rng, ['/x', 'a'.repeat(int(rng, 5000)), 'javascript:alert(1)', '\u0000']))}`
          : '';
      const cookies =
        category === 'cookies'
          ? cookieHeader(rng, ctx).concat([['Cookie', 'other=50%off']])
          : cookieHeader(rng, ctx);
      if (post) {
        const body = `SAMLRequest=${postParam(rng, message.bytes)}${relay}`;
        const headers: [string, string][] = [
          [
            FORM[0],
            rng() < 0.7
              ? FORM[1]
              : pick(rng, [
                  `${FORM[1]}; charset=utf-7`,
                  `${FORM[1]}; charset=x-bogus`,
                  `${FORM[1]}; charset=iso-8859-1`,
                  'text/plain',
                  'application/json',
                  'multipart/form-data; boundary=x',
                ]),
          ],
          ...cookies,
        ];
        if (rng() < 0.05) headers.push(['Content-Encoding', pick(rng, ['gzip', 'deflate', 'br', 'x-bogus'])]);
        return make(
          http(
            ctx,
            'POST',
            `${saml2}${rng() < 0.2 ? `?login_hint=${pick(rng, ['B.Simon', '%FF', ''])}` : ''}`,
            headers,
            body,
          ),
          `POST ${message.name}`,
        );
      }
      const path = `${saml2}?SAMLRequest=${redirectParam(rng, message.bytes)}${relay}${queryNoise(rng)}`;
      return make(http(ctx, 'GET', path, cookies), `GET ${message.name}`);
    }
    case 'routes': {
      const paths = [
        '/',
        `/${segment(rng, ctx.tenantId)}/saml2`,
        `/${segment(rng, ctx.tenantId)}/saml2?SAMLResponse=${pick(rng, ['x', '%', ''])}`,
        `/${segment(rng, ctx.tenantId)}/login`,
        `/portal/${segment(rng, ctx.tenantId)}/apps/${segment(rng, ctx.appId)}/saml`,
        `/portal/${segment(rng, ctx.tenantId)}/apps/${segment(rng, ctx.appId)}/certificates/${segment(rng, ctx.certificateId)}/${pick(rng, ['base64', 'raw', 'pem', 'thumbprint', 'x', '%FF'])}`,
        `/portal/${segment(rng, ctx.tenantId)}/apps/${segment(rng, ctx.appId)}/test`,
        `/launcher/api/signin/${segment(rng, ctx.appId)}?tenantId=${segment(rng, ctx.tenantId)}`,
        `/${segment(rng, ctx.tenantId)}/federationmetadata/2007-06/federationmetadata.xml?appid=${segment(rng, ctx.appId)}`,
        `/${pick(rng, BAD_SEGMENTS)}/${pick(rng, BAD_SEGMENTS)}`,
        `/admin/api/tenants/${segment(rng, 'default')}/apps/${segment(rng, ctx.appName)}`,
        `/${'a/'.repeat(int(rng, 2000))}`,
        '/%2F%2F',
        '//',
        '/?'.padEnd(int(rng, 8000), 'x'),
      ];
      const method = pick(rng, [
        'GET',
        'GET',
        'GET',
        'POST',
        'HEAD',
        'PUT',
        'DELETE',
        'OPTIONS',
        'PATCH',
        'TRACE',
      ]);
      const body = method === 'POST' || method === 'PUT' || method === 'PATCH' ? 'a=b' : undefined;
      const headers: [string, string][] = body !== undefined ? [[FORM[0], FORM[1]]] : [];
      return make(
        http(ctx, method, pick(rng, paths), [...headers, ...cookieHeader(rng, ctx)], body),
        `${method} route`,
      );
    }
    case 'sign-in-form': {
      const fields = [
        `ctx=${rng() < 0.5 && ctx.signInContext ? ctx.signInContext : pick(rng, ['', 'x', '%FF', '00000000-0000-4000-8000-000000000001', 'a'.repeat(5000)])}`,
        `username=${pick(rng, ['B.Simon', 'B.Simon%40contoso.com', 'nobody', '%C0%AF', ''])}`,
        `password=${pick(rng, ['Passw0rd%21', 'x', ''])}`,
        ...(rng() < 0.3 ? ['ctx=second', 'username[]=x'] : []),
      ];
      const body = fields.join('&');
      return make(
        http(
          ctx,
          'POST',
          `/${segment(rng, ctx.tenantId)}/login`,
          [[FORM[0], FORM[1]], ...cookieHeader(rng, ctx)],
          body,
        ),
        'POST sign-in',
      );
    }
    case 'metadata': {
      const tenant = pick(rng, [
        ctx.tenantId,
        'common',
        'organizations',
        'consumers',
        'contoso.com',
        'nope',
        '%FF',
        ctx.tenantId.toUpperCase(),
      ]);
      const appid = pick(rng, [ctx.appId, '', 'x', '%FF', ctx.appName, `${ctx.appId}&appid=${ctx.appId}`]);
      const file = pick(rng, [
        'federationmetadata/2007-06/federationmetadata.xml',
        'FederationMetadata/2007-06/FederationMetadata.xml',
        'federationmetadata/2007-06/x',
      ]);
      return make(
        http(ctx, 'GET', `/${tenant}/${file}${rng() < 0.8 ? `?appid=${appid}` : ''}`),
        'GET metadata',
      );
    }
    case 'launch': {
      const app = pick(rng, [ctx.appId, ctx.appName, ctx.scratchApp, 'nope', '%C0%AF', '%FF', '']);
      const tenant = pick(rng, [ctx.tenantId, 'nope', '%FF', '']);
      const path =
        rng() < 0.5
          ? `/launcher/api/signin/${app}?tenantId=${tenant}${rng() < 0.5 ? `&login_hint=${pick(rng, ['B.Simon', 'x', '%FF'])}` : ''}${rng() < 0.2 ? '&force=1' : ''}`
          : `/portal/${tenant}/apps/${app}/test`;
      return make(http(ctx, 'GET', path, cookieHeader(rng, ctx)), 'GET launch');
    }
    case 'admin': {
      const ref = pick(rng, [ctx.scratchApp, 'nope', '%FF', '%C0%AF']);
      const method = pick(rng, ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);
      const paths = [
        '/admin/api/tenants',
        `/admin/api/tenants/${pick(rng, ['default', ctx.tenantId, 'nope', '%FF'])}`,
        '/admin/api/tenants/default/users',
        `/admin/api/tenants/default/users/${pick(rng, ['B.Simon@contoso.com', 'nope', '%FF'])}`,
        '/admin/api/tenants/default/groups',
        '/admin/api/tenants/default/apps',
        `/admin/api/tenants/default/apps/${ref}`,
        `/admin/api/tenants/default/apps/${ref}/sp-metadata`,
        `/admin/api/tenants/default/apps/${ref}/certificates`,
        `/admin/api/tenants/default/apps/${ref}/certificates/${pick(rng, ['x', ctx.certificateId])}/activate`,
      ];
      let path = pick(rng, paths);
      // Never change the app the sign-in fuzzing uses, nor the default directory's users.
      if (
        method !== 'GET' &&
        (path.endsWith('/users/B.Simon@contoso.com') || path.endsWith(`/apps/${ctx.appName}`))
      )
        path = `/admin/api/tenants/default/apps/${ctx.scratchApp}`;
      const bodies = [
        '{}',
        '{"displayName":',
        '[]',
        'null',
        '{"__proto__":{"admin":true}}',
        '{"identifiers":["https://x.example/"],"replyUrls":[{"url":"javascript:alert(1)"}]}',
        '{"signOnUrl":"javascript:alert(1)"}',
        '{"logoutUrl":"data:text/html,x"}',
        `{"userPrincipalName":"fz${int(rng, 1e6)}@contoso.com"}`,
        '{"years":99}',
        '{"notAfter":"not a date"}',
        JSON.stringify({ a: 'x'.repeat(int(rng, 2_000_000)) }),
        '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"/>',
        `<!DOCTYPE x [<!ENTITY e SYSTEM "${ctx.canaryUrl}/admin-xxe">]><x>&e;</x>`,
        '\u0000',
      ];
      const types = [
        'application/json',
        'application/xml',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=utf-16',
      ];
      const host =
        rng() < 0.15
          ? [
              [
                'Host',
                pick(rng, ['evil.example', 'evil.example:80', '127.0.0.1.evil.example', '[::1]', '']),
              ] as [string, string],
            ]
          : [];
      const origin =
        rng() < 0.15
          ? [
              ['Origin', pick(rng, ['https://evil.example', 'null', `http://${ctx.host}`])] as [
                string,
                string,
              ],
            ]
          : [];
      const body = method === 'GET' || method === 'DELETE' ? undefined : pick(rng, bodies);
      const headers: [string, string][] = [
        ...(body !== undefined ? [['Content-Type', pick(rng, types)] as [string, string]] : []),
        ...origin,
      ];
      // A second Host header makes Node answer 400 itself; replace ours instead.
      const raw = http(ctx, method, path, headers, body);
      return make(
        host.length
          ? Buffer.from(raw.toString('latin1').replace(`Host: ${ctx.host}`, `Host: ${host[0]![1]}`), 'latin1')
          : raw,
        `${method} admin`,
      );
    }
    case 'http-garbage': {
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
        () =>
          Buffer.from(`GET http://evil.example/ HTTP/1.1\r\nHost: ${ctx.host}\r\nConnection: close\r\n\r\n`),
        () =>
          Buffer.from(
            `GET /${ctx.tenantId}/saml2?${'a=b&'.repeat(20_000)} HTTP/1.1\r\nHost: ${ctx.host}\r\nConnection: close\r\n\r\n`,
          ),
        () =>
          http(
            ctx,
            'POST',
            `/${ctx.tenantId}/saml2`,
            [[FORM[0], FORM[1]]],
            `${'a=b&'.repeat(200)}SAMLRequest=x`,
          ),
        () =>
          http(ctx, 'POST', `/${ctx.tenantId}/saml2`, [[FORM[0], FORM[1]]], Buffer.alloc(3_000_000, 0x61)),
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
        () =>
          http(ctx, 'POST', `/${ctx.tenantId}/login`, [[FORM[0], `${FORM[1]}; charset=latin1`]], 'ctx=%E9'),
        () => http(ctx, 'GET', `/${ctx.tenantId}/saml2`, [['Cookie', `${'a=b; '.repeat(2000)}`]]),
      ];
      return make(pick(rng, options)(), 'raw');
    }
  }
}
