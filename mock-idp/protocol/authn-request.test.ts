/** @module Tests for AuthnRequest parsing and Entra's validation codes (docs/entra.md §3.2). */
import { describe, expect, it } from 'vitest';
import { AadstsError } from './aadsts.js';
import { assertAuthnContextSatisfied, parseAuthnRequest } from './authn-request.js';
import { parseSamlMessage } from './decode-message.js';

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const AC = 'urn:oasis:names:tc:SAML:2.0:ac:classes:';

interface RequestParts {
  attrs?: Record<string, string | undefined>;
  /** Inner XML after the Issuer; `issuer: null` drops the Issuer. */
  body?: string;
  issuer?: string | null;
}

/** A minimal valid AuthnRequest with the given changes (test input may be a string). */
function authnRequest(parts: RequestParts = {}): string {
  const attrs: Record<string, string | undefined> = {
    ID: '_8e8dc5f69a98cc4c1ff3427e5ce34606fd672f91e6',
    Version: '2.0',
    IssueInstant: '2026-03-01T12:00:00Z',
    ...parts.attrs,
  };
  const attrText = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${v}"`)
    .join('');
  const issuer =
    parts.issuer === null
      ? ''
      : `<saml:Issuer>${parts.issuer ?? 'https://sp.example.com/metadata'}</saml:Issuer>`;
  return `<samlp:AuthnRequest xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}"${attrText}>${issuer}${parts.body ?? ''}</samlp:AuthnRequest>`;
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

const parseCode = (parts: RequestParts): string | undefined =>
  codeOf(() => parseAuthnRequest(authnRequest(parts)));

describe('parseAuthnRequest: fields', () => {
  it('reads a minimal request with Entra defaults', () => {
    const request = parseAuthnRequest(authnRequest());
    expect(request).toMatchObject({
      id: '_8e8dc5f69a98cc4c1ff3427e5ce34606fd672f91e6',
      version: '2.0',
      issueInstant: '2026-03-01T12:00:00Z',
      issuer: 'https://sp.example.com/metadata',
      forceAuthn: false,
      isPassive: false,
      hasSubject: false,
      hasSignature: false,
    });
    expect(request.acsUrl).toBeUndefined();
    expect(request.requestedAuthnContext).toBeUndefined();
  });

  it('reads every field Entra evaluates, by namespace URI rather than prefix', () => {
    const xml =
      `<p:AuthnRequest xmlns:p="${SAMLP}" ID="id-1" Version="2.0" IssueInstant="2026-03-01T12:00:00Z" ` +
      'Destination="https://login.example/t/saml2" AssertionConsumerServiceURL="https://sp.example.com/acs" ' +
      'ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" ForceAuthn="1" IsPassive="true">' +
      `<Issuer xmlns="${SAML}">https://sp.example.com/metadata</Issuer>` +
      '<p:NameIDPolicy Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress" AllowCreate="true" SPNameQualifier="x"/>' +
      `<p:RequestedAuthnContext><a:AuthnContextClassRef xmlns:a="${SAML}"> ${AC}Password </a:AuthnContextClassRef></p:RequestedAuthnContext>` +
      '<p:Scoping><p:IDPList><p:IDPEntry ProviderID="https://idp.example"/></p:IDPList></p:Scoping>' +
      '</p:AuthnRequest>';
    expect(parseAuthnRequest(xml)).toMatchObject({
      id: 'id-1',
      destination: 'https://login.example/t/saml2',
      acsUrl: 'https://sp.example.com/acs',
      protocolBinding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
      forceAuthn: true,
      isPassive: true,
      nameIdPolicyFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      requestedAuthnContext: { comparison: 'exact', classRefs: [`${AC}Password`] },
      scoping: { idpEntries: ['https://idp.example'] },
    });
  });

  it('reads AssertionConsumerServiceIndex and notes an embedded signature', () => {
    const body = '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>';
    const request = parseAuthnRequest(authnRequest({ attrs: { AssertionConsumerServiceIndex: '3' }, body }));
    expect(request.acsIndex).toBe(3);
    expect(request.hasSignature).toBe(true);
  });

  it('keeps the Issuer text exactly, for exact Identifier matching', () => {
    expect(parseAuthnRequest(authnRequest({ issuer: 'https://sp.example.com/metadata/' })).issuer).toBe(
      'https://sp.example.com/metadata/',
    );
  });

  it('accepts an already parsed message', () => {
    expect(parseAuthnRequest(parseSamlMessage(authnRequest())).issuer).toBe(
      'https://sp.example.com/metadata',
    );
  });
});

describe('parseAuthnRequest: AADSTS75005 (not a valid Saml2 protocol message)', () => {
  it.each<[string, RequestParts]>([
    ['missing ID', { attrs: { ID: undefined } }],
    ['empty ID', { attrs: { ID: '' } }],
    ['missing Version', { attrs: { Version: undefined } }],
    ['Version 1.1', { attrs: { Version: '1.1' } }],
    ['missing IssueInstant', { attrs: { IssueInstant: undefined } }],
    ['missing Issuer', { issuer: null }],
    ['two Issuers', { body: `<saml:Issuer>https://evil.example</saml:Issuer>` }],
    ['ForceAuthn not a boolean', { attrs: { ForceAuthn: 'yes' } }],
    [
      'AssertionConsumerServiceIndex not an unsigned short',
      { attrs: { AssertionConsumerServiceIndex: '70000' } },
    ],
    ['an empty RequestedAuthnContext', { body: '<samlp:RequestedAuthnContext/>' }],
  ])('%s', (_name, parts) => {
    expect(parseCode(parts)).toBe('75005');
  });

  it.each([
    ['a LogoutRequest', `<samlp:LogoutRequest xmlns:samlp="${SAMLP}" ID="_1" Version="2.0"/>`],
    [
      'an AuthnRequest in the wrong namespace',
      '<AuthnRequest xmlns="urn:oasis:names:tc:SAML:1.0:protocol" ID="_1"/>',
    ],
    ['a DTD', `<!DOCTYPE x [<!ENTITY e "e">]>${authnRequest()}`],
    ['malformed XML', authnRequest().slice(0, -5)],
    ['non-XML', 'SAMLRequest'],
  ])('rejects %s', (_name, xml) => {
    expect(codeOf(() => parseAuthnRequest(xml))).toBe('75005');
  });
});

describe('parseAuthnRequest: specific Entra codes', () => {
  it('AADSTS7500529 for an ID that begins with a digit', () => {
    expect(parseCode({ attrs: { ID: '8e8dc5f69a98cc4c1ff3427e5ce34606fd672f91e6' } })).toBe('7500529');
  });

  it('AADSTS75016 for an unsupported NameIDPolicy Format', () => {
    const body = '<samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity"/>';
    expect(parseCode({ body })).toBe('75016');
  });

  it.each(['persistent', 'transient'])('accepts the %s NameIDPolicy Format', (format) => {
    const body = `<samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:2.0:nameid-format:${format}"/>`;
    expect(parseCode({ body })).toBeUndefined();
  });

  it('AADSTS900236 for a Subject', () => {
    const body = '<saml:Subject><saml:NameID>admin@contoso.com</saml:NameID></saml:Subject>';
    expect(parseCode({ body })).toBe('900236');
  });

  it.each([
    ['ProxyCount', '<samlp:Scoping ProxyCount="1"/>'],
    ['RequesterID', '<samlp:Scoping><samlp:RequesterID>https://x</samlp:RequesterID></samlp:Scoping>'],
    [
      'GetComplete',
      '<samlp:Scoping><samlp:IDPList><samlp:GetComplete>https://x</samlp:GetComplete></samlp:IDPList></samlp:Scoping>',
    ],
  ])('AADSTS75006 (with 90011) for Scoping %s', (property, body) => {
    let error: unknown;
    try {
      parseAuthnRequest(authnRequest({ body }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AadstsError);
    expect((error as AadstsError).code).toBe('75006');
    expect((error as AadstsError).args.property).toBe(property);
  });

  it('AADSTS75003 for a ProtocolBinding other than HTTP-POST', () => {
    expect(
      parseCode({ attrs: { ProtocolBinding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact' } }),
    ).toBe('75003');
  });

  it.each(['minimum', 'better', 'maximum'])('AADSTS75011 for Comparison="%s"', (comparison) => {
    const body = `<samlp:RequestedAuthnContext Comparison="${comparison}"><saml:AuthnContextClassRef>${AC}Password</saml:AuthnContextClassRef></samlp:RequestedAuthnContext>`;
    expect(parseCode({ body })).toBe('75011');
  });

  it('AADSTS75011 for an AuthnContextDeclRef', () => {
    const body =
      '<samlp:RequestedAuthnContext><saml:AuthnContextDeclRef>urn:x</saml:AuthnContextDeclRef></samlp:RequestedAuthnContext>';
    expect(parseCode({ body })).toBe('75011');
  });
});

describe('assertAuthnContextSatisfied', () => {
  const requested = (...refs: string[]) => ({ comparison: 'exact' as const, classRefs: refs });

  it.each([`${AC}Password`, `${AC}PasswordProtectedTransport`, `${AC}unspecified`])(
    'password sign-in satisfies %s',
    (ref) => {
      expect(codeOf(() => assertAuthnContextSatisfied(requested(ref), 'password'))).toBeUndefined();
    },
  );

  it('AADSTS75011 when password sign-in cannot satisfy the request', () => {
    expect(
      codeOf(() => assertAuthnContextSatisfied(requested(`${AC}X509`, `${AC}Smartcard`), 'password')),
    ).toBe('75011');
  });

  it('accepts any method when nothing was requested', () => {
    expect(codeOf(() => assertAuthnContextSatisfied(undefined, 'password'))).toBeUndefined();
  });
});
