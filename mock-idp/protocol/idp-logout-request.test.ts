/** @module The IdP-initiated LogoutRequest: Entra's shape, signed over the raw lowercase-encoded query. */
import { generateKeyPairSync, verify } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildIdpLogoutRequest, type IdpLogoutRequestOptions } from './idp-logout-request.js';
import { parseLogoutRequest } from './logout.js';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const base: IdpLogoutRequestOptions = {
  app: { logoutIssuerStyle: 'sts' },
  tenantId: 'tid-1',
  loginBase: 'https://login.example',
  destination: 'https://sp.example/saml/slo',
  nameId: 'B.Simon@contoso.com',
  nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  sessionIndex: '_session-1',
  id: '_logout-1',
  now: new Date('2026-01-01T00:00:00Z'),
  signingKey: keys.privateKey,
};

describe('buildIdpLogoutRequest', () => {
  it('names the session and signs the query as sent, with lowercase percent-encoding', () => {
    const { url, xml } = buildIdpLogoutRequest(base);
    const parsed = parseLogoutRequest(xml);
    expect([parsed.id, parsed.issuer, parsed.nameId, parsed.sessionIndexes]).toEqual([
      '_logout-1',
      'https://sts.windows.net/tid-1/',
      'B.Simon@contoso.com',
      ['_session-1'],
    ]);
    const query = url.slice(url.indexOf('?') + 1);
    expect(query).toMatch(/^SAMLRequest=[^&]+&SigAlg=[^&]+&Signature=[^&]+$/);
    expect(query).not.toMatch(/%[0-9a-f]?[A-F]/);
    const [signed, signature] = query.split('&Signature=') as [string, string];
    const bytes = Buffer.from(decodeURIComponent(signature), 'base64');
    expect(verify('sha256', Buffer.from(signed), keys.publicKey, bytes)).toBe(true);
    const deflated = new URL(url).searchParams.get('SAMLRequest')!;
    expect(inflateRawSync(Buffer.from(deflated, 'base64')).toString()).toBe(xml);
  });

  it('sends no SigAlg or Signature without a key', () => {
    const { url } = buildIdpLogoutRequest({ ...base, signingKey: undefined, relayState: 'x y' });
    expect([...new URL(url).searchParams.keys()]).toEqual(['SAMLRequest', 'RelayState']);
  });
});
