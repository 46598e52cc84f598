/**
 * @module The fuzzer's admin API inputs: every admin route with any method, broken and hostile bodies
 * (prototype pollution, script URLs, huge JSON, XXE), wrong content types and foreign Host and Origin
 * headers. It never changes the app sign-in fuzzing uses, nor the default directory's users.
 */
import { input, type FuzzContext, type FuzzInput } from './fuzz-context.js';
import { http } from './fuzz-raw-http.js';
import { int, pick, type Rng } from './fuzz-rng.js';

export function adminRequest(rng: Rng, ctx: FuzzContext): FuzzInput {
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
          ['Host', pick(rng, ['evil.example', 'evil.example:80', '127.0.0.1.evil.example', '[::1]', ''])] as [
            string,
            string,
          ],
        ]
      : [];
  const origin =
    rng() < 0.15
      ? [['Origin', pick(rng, ['https://evil.example', 'null', `http://${ctx.host}`])] as [string, string]]
      : [];
  const body = method === 'GET' || method === 'DELETE' ? undefined : pick(rng, bodies);
  const headers: [string, string][] = [
    ...(body !== undefined ? [['Content-Type', pick(rng, types)] as [string, string]] : []),
    ...origin,
  ];
  // A second Host header makes Node answer 400 itself; replace ours instead.
  const raw = http(ctx, method, path, headers, body);
  return input(
    host.length
      ? Buffer.from(raw.toString('latin1').replace(`Host: ${ctx.host}`, `Host: ${host[0]![1]}`), 'latin1')
      : raw,
    `${method} admin`,
  );
}
