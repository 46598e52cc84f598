/**
 * @module The fuzzer's page inputs: any route with any method (undecodable and odd path segments), the
 * sign-in form, tenant and app federation metadata, and app launch (My Apps and the portal's Test).
 */
import { input, type FuzzContext, type FuzzInput } from './fuzz-context.js';
import { BAD_SEGMENTS, cookieHeader, FORM, http, segment } from './fuzz-raw-http.js';
import { int, pick, type Rng } from './fuzz-rng.js';

/** Any route, any method. */
export function routeRequest(rng: Rng, ctx: FuzzContext): FuzzInput {
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
  return input(
    http(ctx, method, pick(rng, paths), [...headers, ...cookieHeader(rng, ctx)], body),
    `${method} route`,
  );
}

/** The sign-in form's POST, with real and broken sign-in contexts and duplicated fields. */
export function signInFormRequest(rng: Rng, ctx: FuzzContext): FuzzInput {
  const fields = [
    `ctx=${rng() < 0.5 && ctx.signInContext ? ctx.signInContext : pick(rng, ['', 'x', '%FF', '00000000-0000-4000-8000-000000000001', 'a'.repeat(5000)])}`,
    `username=${pick(rng, ['B.Simon', 'B.Simon%40contoso.com', 'nobody', '%C0%AF', ''])}`,
    `password=${pick(rng, ['Passw0rd%21', 'x', ''])}`,
    ...(rng() < 0.3 ? ['ctx=second', 'username[]=x'] : []),
  ];
  const body = fields.join('&');
  return input(
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

/** Federation metadata for known, special and unknown tenants and app ids. */
export function metadataRequest(rng: Rng, ctx: FuzzContext): FuzzInput {
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
  return input(http(ctx, 'GET', `/${tenant}/${file}${rng() < 0.8 ? `?appid=${appid}` : ''}`), 'GET metadata');
}

/** IdP-initiated sign-in: My Apps launch and the portal's Test button. */
export function launchRequest(rng: Rng, ctx: FuzzContext): FuzzInput {
  const app = pick(rng, [ctx.appId, ctx.appName, ctx.scratchApp, 'nope', '%C0%AF', '%FF', '']);
  const tenant = pick(rng, [ctx.tenantId, 'nope', '%FF', '']);
  const path =
    rng() < 0.5
      ? `/launcher/api/signin/${app}?tenantId=${tenant}${rng() < 0.5 ? `&login_hint=${pick(rng, ['B.Simon', 'x', '%FF'])}` : ''}${rng() < 0.2 ? '&force=1' : ''}`
      : `/portal/${tenant}/apps/${app}/test`;
  return input(http(ctx, 'GET', path, cookieHeader(rng, ctx)), 'GET launch');
}
