/** @module Tests for resolving an AuthnRequest: app lookup, reply URL, and signed-request verification. */
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { SignedXml } from 'xml-crypto';
import { ALG } from '../constants/namespaces.js';
import { certificateBase64, createSigningCertificate } from '../keys/signing-certificate.js';
import type { EnterpriseAppInput } from '../model/app.js';
import { signElement } from '../response/sign.js';
import type { TenantState } from '../state/tenant-state.js';
import { testTenant } from '../test-support/fixtures.js';
import { AadstsError } from './aadsts.js';
import { parseAuthnRequest } from './authn-request.js';
import { decodeSamlMessage, parseRedirectQuery } from './decode-message.js';
import { resolveAuthnRequest, type ReceivedRequest } from './resolve-request.js';

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const ISSUER = 'https://sp.example.com/metadata';
const ACS = 'https://sp.example.com/acs';
const ID = '_4fee3b046395c4e751011e97f8900b5273d56685';

function authnRequest(attrs = '', issuer = ISSUER, body = ''): string {
  return (
    `<samlp:AuthnRequest xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}" ID="${ID}" Version="2.0" ` +
    `IssueInstant="2026-03-01T12:00:00Z"${attrs}><saml:Issuer>${issuer}</saml:Issuer>${body}</samlp:AuthnRequest>`
  );
}

interface Keys {
  privateKey: KeyObject;
  certificatePem: string;
}
let sp: Keys;
let attacker: Keys;
beforeAll(() => {
  const load = (c: { privateKeyPem: string; certificatePem: string }): Keys => ({
    privateKey: createPrivateKey(c.privateKeyPem),
    certificatePem: c.certificatePem,
  });
  sp = load(createSigningCertificate({ commonName: 'sp.example.com' }));
  attacker = load(createSigningCertificate({ commonName: 'attacker' }));
});

const lowercaseEncode = (v: string): string =>
  encodeURIComponent(v).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());

interface RedirectOptions {
  relayState?: string;
  key?: KeyObject;
  sigAlg?: string;
  hash?: string;
  encode?: (value: string) => string;
  signed?: boolean;
}

/** An HTTP-Redirect query string, signed as an SP would (bindings §3.4.4.1). */
function redirectQuery(xml: string, options: RedirectOptions = {}): string {
  const encode = options.encode ?? encodeURIComponent;
  const unsigned = [
    `SAMLRequest=${encode(deflateRawSync(Buffer.from(xml)).toString('base64'))}`,
    ...(options.relayState === undefined ? [] : [`RelayState=${encode(options.relayState)}`]),
  ];
  if (options.signed === false) return unsigned.join('&');
  const signedPart = [...unsigned, `SigAlg=${encode(options.sigAlg ?? ALG.rsaSha256)}`].join('&');
  const signature = sign(options.hash ?? 'sha256', Buffer.from(signedPart), options.key ?? sp.privateKey);
  return `${signedPart}&Signature=${encode(signature.toString('base64'))}`;
}

// Each tenant generates an RSA key; resolving never changes state, so tenants are shared per configuration.
const tenants = new Map<string, TenantState>();
function tenantWith(appOverrides: Partial<EnterpriseAppInput>): TenantState {
  const key = JSON.stringify(appOverrides);
  const state = tenants.get(key) ?? testTenant(appOverrides).state;
  tenants.set(key, state);
  return state;
}

function resolveRedirect(qs: string, appOverrides: Partial<EnterpriseAppInput> = {}) {
  const state = tenantWith(appOverrides);
  const query = parseRedirectQuery(qs);
  const request = parseAuthnRequest(decodeSamlMessage(query.samlRequest?.value, 'redirect'));
  return resolveAuthnRequest(request, { binding: 'redirect', query }, state);
}

function resolvePost(xml: string, appOverrides: Partial<EnterpriseAppInput> = {}, relayState?: string) {
  const state = tenantWith(appOverrides);
  const received: ReceivedRequest = { binding: 'post', xml, relayState };
  return resolveAuthnRequest(parseAuthnRequest(xml), received, state);
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AadstsError) return error.code;
    throw error;
  }
  return undefined;
}

const requireSigned = (
  extra: Partial<EnterpriseAppInput['verification'] & object> = {},
): Partial<EnterpriseAppInput> => ({
  verification: { required: true, certificates: [sp.certificatePem], ...extra },
});

describe('resolveAuthnRequest: application', () => {
  it('finds the app by Issuer and uses the Issuer as Audience', () => {
    const resolved = resolvePost(authnRequest(), {}, 'state-1');
    expect(resolved.app.name).toBe('test-sp');
    expect(resolved.audience).toBe(ISSUER);
    expect(resolved.acsUrl).toBe(ACS);
    expect(resolved.relayState).toBe('state-1');
    expect(resolved.request.id).toBe(ID);
  });

  it('AADSTS700016 for an Issuer that matches no Identifier', () => {
    expect(codeOf(() => resolvePost(authnRequest('', 'https://other.example.com/metadata')))).toBe('700016');
  });

  it('AADSTS700016 for an Issuer that differs only in case (matching is exact)', () => {
    expect(codeOf(() => resolvePost(authnRequest('', 'https://SP.example.com/metadata')))).toBe('700016');
  });

  it('AADSTS650056 for an Issuer with a trailing slash the Identifier lacks', () => {
    expect(codeOf(() => resolvePost(authnRequest('', `${ISSUER}/`)))).toBe('650056');
  });

  it('AADSTS650056 for an Issuer missing the trailing slash the Identifier has (Sentry)', () => {
    const identifiers = ['https://sentry.io/saml/metadata/acme/'];
    expect(
      codeOf(() => resolvePost(authnRequest('', 'https://sentry.io/saml/metadata/acme'), { identifiers })),
    ).toBe('650056');
  });

  it('AADSTS7000112 for a disabled app', () => {
    expect(codeOf(() => resolvePost(authnRequest(), { enabled: false }))).toBe('7000112');
  });

  it('AADSTS75011 when the request asks for an authentication method other than password', () => {
    const body =
      '<samlp:RequestedAuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:X509' +
      '</saml:AuthnContextClassRef></samlp:RequestedAuthnContext>';
    expect(codeOf(() => resolvePost(authnRequest('', ISSUER, body)))).toBe('75011');
  });
});

describe('resolveAuthnRequest: reply URL', () => {
  const indexed: Partial<EnterpriseAppInput> = {
    replyUrls: [
      { url: ACS, index: 0, isDefault: true },
      { url: 'https://sp.example.com/acs/1', index: 1 },
    ],
  };

  it('honours an AssertionConsumerServiceURL that is registered', () => {
    expect(resolvePost(authnRequest(` AssertionConsumerServiceURL="${ACS}"`)).acsUrl).toBe(ACS);
  });

  it.each([
    ['an unregistered host', 'https://evil.example/acs'],
    ['a different case', 'https://sp.example.com/ACS'],
    ['http instead of https', 'http://sp.example.com/acs'],
    ['a trailing slash', `${ACS}/`],
    ['an empty value', ''],
  ])('AADSTS50011 for an AssertionConsumerServiceURL with %s', (_name, url) => {
    expect(codeOf(() => resolvePost(authnRequest(` AssertionConsumerServiceURL="${url}"`)))).toBe('50011');
  });

  it('AADSTS50011 when no ACS URL is requested and no Reply URL is configured', () => {
    expect(codeOf(() => resolvePost(authnRequest(), { replyUrls: [] }))).toBe('50011');
  });

  it('selects the Reply URL by AssertionConsumerServiceIndex', () => {
    expect(resolvePost(authnRequest(' AssertionConsumerServiceIndex="1"'), indexed).acsUrl).toBe(
      'https://sp.example.com/acs/1',
    );
  });

  it('falls back to the default Reply URL for an unknown index', () => {
    expect(resolvePost(authnRequest(' AssertionConsumerServiceIndex="7"'), indexed).acsUrl).toBe(ACS);
  });

  it('prefers the URL when both URL and index are sent', () => {
    const attrs = ` AssertionConsumerServiceIndex="1" AssertionConsumerServiceURL="${ACS}"`;
    expect(resolvePost(authnRequest(attrs), indexed).acsUrl).toBe(ACS);
  });
});

describe('resolveAuthnRequest: HTTP-Redirect signatures', () => {
  it('ignores signatures when the app does not require them', () => {
    expect(resolveRedirect(redirectQuery(authnRequest(), { key: attacker.privateKey })).app.name).toBe(
      'test-sp',
    );
  });

  it('accepts a request signed with a verification certificate, returning RelayState', () => {
    const resolved = resolveRedirect(
      redirectQuery(authnRequest(), { relayState: '/after login?x=1' }),
      requireSigned(),
    );
    expect(resolved.relayState).toBe('/after login?x=1');
  });

  it('verifies the raw query bytes, so lowercase percent-encoding still verifies', () => {
    const qs = redirectQuery(authnRequest(), { relayState: 'a/b+c=d', encode: lowercaseEncode });
    expect(qs).toMatch(/%2f/);
    expect(resolveRedirect(qs, requireSigned()).relayState).toBe('a/b+c=d');
  });

  it('accepts a certificate configured as bare base64', () => {
    const qs = redirectQuery(authnRequest());
    expect(
      codeOf(() =>
        resolveRedirect(qs, requireSigned({ certificates: [certificateBase64(sp.certificatePem)] })),
      ),
    ).toBeUndefined();
  });

  it.each<[string, () => string, Partial<EnterpriseAppInput['verification'] & object>?]>([
    ['unsigned', () => redirectQuery(authnRequest(), { signed: false })],
    ['signed by another key', () => redirectQuery(authnRequest(), { key: attacker.privateKey })],
    [
      'RelayState changed after signing',
      () => redirectQuery(authnRequest(), { relayState: 'a' }).replace('RelayState=a', 'RelayState=b'),
    ],
    [
      'RelayState added after signing',
      () => redirectQuery(authnRequest()).replace('&SigAlg', '&RelayState=x&SigAlg'),
    ],
    [
      'a signature that is not base64',
      () => `${redirectQuery(authnRequest())}`.replace(/Signature=.*$/, 'Signature=%21%21'),
    ],
    [
      'RSA-SHA1 without the opt-in',
      () => redirectQuery(authnRequest(), { sigAlg: ALG.rsaSha1, hash: 'sha1' }),
    ],
    [
      'an algorithm Entra does not support',
      () =>
        redirectQuery(authnRequest(), {
          sigAlg: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
          hash: 'sha512',
        }),
    ],
    ['no verification certificate configured', () => redirectQuery(authnRequest()), { certificates: [] }],
  ])('AADSTS76021 for %s', (_name, makeQuery, extra) => {
    expect(codeOf(() => resolveRedirect(makeQuery(), requireSigned(extra)))).toBe('76021');
  });

  it('accepts RSA-SHA1 with "Allow requests signed with RSA-SHA1"', () => {
    const qs = redirectQuery(authnRequest(), { sigAlg: ALG.rsaSha1, hash: 'sha1' });
    expect(resolveRedirect(qs, requireSigned({ allowSha1: true })).app.name).toBe('test-sp');
  });
});

describe('resolveAuthnRequest: HTTP-POST signatures', () => {
  const signPost = (xml: string, key: Keys = sp, algorithm: 'sha256' | 'sha1' = 'sha256'): string =>
    signElement(xml, { key, algorithm, elementId: ID });

  /** Signs with a Reference and location of our choosing, for the malformed cases. */
  function signCustom(xml: string, reference: { xpath: string; uri?: string; isEmptyUri?: boolean }): string {
    const signer = new SignedXml({
      privateKey: sp.privateKey,
      signatureAlgorithm: ALG.rsaSha256,
      canonicalizationAlgorithm: ALG.excC14n,
    });
    signer.addReference({
      ...reference,
      transforms: [ALG.envelopedSignature, ALG.excC14n],
      digestAlgorithm: ALG.sha256,
    });
    signer.computeSignature(xml, { location: { reference: '/*', action: 'prepend' } });
    return signer.getSignedXml();
  }

  it('accepts a request signed with a verification certificate', () => {
    expect(resolvePost(signPost(authnRequest()), requireSigned()).app.name).toBe('test-sp');
  });

  it('accepts RSA-SHA1 with "Allow requests signed with RSA-SHA1"', () => {
    expect(
      resolvePost(signPost(authnRequest(), sp, 'sha1'), requireSigned({ allowSha1: true })).app.name,
    ).toBe('test-sp');
  });

  it.each<[string, () => string]>([
    ['unsigned', () => authnRequest()],
    ['signed by a key whose certificate is only in KeyInfo', () => signPost(authnRequest(), attacker)],
    [
      'changed after signing',
      () => signPost(authnRequest()).replace('Version="2.0"', 'Version="2.0" ForceAuthn="true"'),
    ],
    ['RSA-SHA1 without the opt-in', () => signPost(authnRequest(), sp, 'sha1')],
    [
      'a second signature sits inside the signed request',
      () => {
        const xml = authnRequest(
          '',
          ISSUER,
          '<samlp:Extensions ID="_ext"><x xmlns="urn:x"/></samlp:Extensions>',
        );
        return signPost(signElement(xml, { key: sp, algorithm: 'sha256', elementId: '_ext' }));
      },
    ],
    [
      'a Reference with an empty URI',
      () => signCustom(authnRequest(), { xpath: '/*', uri: '', isEmptyUri: true }),
    ],
    [
      'a Reference to another element',
      () =>
        signCustom(authnRequest('', ISSUER, '<samlp:Extensions ID="_ext"/>'), { xpath: "//*[@ID='_ext']" }),
    ],
    [
      'a signature inside a child element',
      () => {
        const xml = authnRequest(
          '',
          ISSUER,
          '<samlp:Extensions ID="_ext"><x xmlns="urn:x"/></samlp:Extensions>',
        );
        return signElement(xml, { key: sp, algorithm: 'sha256', elementId: '_ext' });
      },
    ],
  ])('AADSTS76021 when %s', (_name, makeXml) => {
    expect(codeOf(() => resolvePost(makeXml(), requireSigned()))).toBe('76021');
  });

  it('AADSTS75005 for two enveloped signatures on the request (which one counts?)', () => {
    const twice = signElement(signPost(authnRequest()), { key: sp, algorithm: 'sha256', elementId: ID });
    expect(codeOf(() => resolvePost(twice, requireSigned()))).toBe('75005');
  });

  it('ignores an invalid signature when the app does not require signing', () => {
    expect(resolvePost(signPost(authnRequest(), attacker)).app.name).toBe('test-sp');
  });
});
