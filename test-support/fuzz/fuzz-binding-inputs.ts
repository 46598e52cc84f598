/**
 * @module The fuzzer's SAML binding inputs: AuthnRequests (valid, hostile XML, ACS URLs the app does not
 * register, protocol variants) sent to `/{tenant}/saml2` by HTTP-Redirect or HTTP-POST, with mutated
 * encodings, odd RelayState, form content types and malformed cookies.
 */
import { postParam, redirectParam, mutate } from './fuzz-encodings.js';
import { input, type FuzzContext, type FuzzInput } from './fuzz-context.js';
import { hostileXml } from './fuzz-hostile-xml.js';
import { authnRequest, protocolXml } from './fuzz-protocol-xml.js';
import { cookieHeader, FORM, http, queryNoise } from './fuzz-raw-http.js';
import { int, pick, type Rng } from './fuzz-rng.js';

export type BindingCategory =
  'redirect-binding' | 'post-binding' | 'hostile-xml' | 'unregistered-acs' | 'cookies';

/** A SAML message for `category`, sent to `saml2` (the tenant's endpoint, its segment already drawn). */
export function bindingRequest(
  category: BindingCategory,
  rng: Rng,
  ctx: FuzzContext,
  saml2: string,
): FuzzInput {
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
    return input(
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
  return input(http(ctx, 'GET', path, cookies), `GET ${message.name}`);
}

function samlMessage(rng: Rng, ctx: FuzzContext, category: BindingCategory): { name: string; bytes: Buffer } {
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
