/** @module App federation metadata: Entra's exact bytes and element tree, and a signature two verifiers accept. */
import { describe, expect, it, vi } from 'vitest';
import { SignedXml } from 'xml-crypto';
import { BINDING, NS } from '../constants/namespaces.js';
import { certificateBase64, createSigningCertificate } from '../keys/signing-certificate.js';
import { tenantUrls } from '../model/tenant.js';
import { TEST_TENANT_ID, testTenant } from '../test-support/fixtures.js';
import { verifyWithXmlsec1 } from '../test-support/xmlsec1.js';
import { sequentialIds } from '../util/ids.js';
import { childElements, isElement, parseXml, serializeXml, type Element } from '../util/xml.js';
import * as signModule from '../response/sign.js';
import { setDomSigning } from '../response/sign-on-dom.js';
import { appMetadataFor } from './app-metadata.js';
import { OFFERED_CLAIM_TYPES } from './claim-types.js';

const BASE_URL = 'http://localhost:3000';
const urls = tenantUrls(BASE_URL, TEST_TENANT_ID);
const ENTITY_DESCRIPTOR_ID = [{ ns: NS.md, localName: 'EntityDescriptor' }];

function build(overrides: Parameters<typeof testTenant>[0] = {}) {
  const { state, app } = testTenant(overrides);
  const bytes = appMetadataFor(state, app, BASE_URL, sequentialIds(100));
  return {
    state,
    app,
    bytes,
    xml: bytes.toString('utf8'),
    certificatePem: state.signingMaterial(app).certificatePem,
  };
}

const children = (el: Element): Element[] => Array.from(el.childNodes).filter(isElement);
const names = (el: Element): string[] => children(el).map((c) => c.localName ?? '');

function verifyWithXmlCrypto(xml: string, certPem: string): boolean {
  const text = xml.replace(/^\uFEFF/, '');
  const signature = childElements(parseXml(text).documentElement!, NS.ds, 'Signature')[0]!;
  const verifier = new SignedXml({ publicCert: certPem });
  verifier.loadSignature(serializeXml(signature));
  try {
    return verifier.checkSignature(text);
  } catch {
    return false;
  }
}

describe('app federation metadata bytes (docs/entra.md §1.1)', () => {
  const { bytes, xml } = build();

  it('starts with a UTF-8 BOM and the lowercase utf-8 declaration, directly followed by the root', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(xml).toMatch(
      new RegExp(
        `^\\uFEFF<\\?xml version="1\\.0" encoding="utf-8"\\?><EntityDescriptor ID="_[0-9a-f-]{36}" ` +
          `entityID="https://sts\\.windows\\.net/${TEST_TENANT_ID}/" xmlns="urn:oasis:names:tc:SAML:2\\.0:metadata"><Signature `,
      ),
    );
  });

  it('is a single line without whitespace between elements', () => {
    expect(xml).not.toMatch(/[\r\n]/);
    expect(xml).not.toMatch(/>\s+</);
    expect(xml.endsWith('</EntityDescriptor>')).toBe(true);
  });

  it('writes empty elements .NET-style, with a space before />', () => {
    expect(xml).toContain(
      `<SingleSignOnService Binding="${BINDING.post}" Location="${urls.loginUrl}" /></IDPSSODescriptor>`,
    );
    expect(xml).toContain('<CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#" />');
    expect(xml).not.toMatch(/"\/>/);
  });

  it('redeclares the dsig namespace on every KeyDescriptor KeyInfo but not on the Signature KeyInfo', () => {
    expect(
      xml.match(
        /<KeyDescriptor use="signing"><KeyInfo xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#"><X509Data>/g,
      ),
    ).toHaveLength(3);
    expect(xml).toContain('</SignatureValue><KeyInfo><X509Data><X509Certificate>');
  });

  it('declares xsi and fed after the other RoleDescriptor attributes, and auth on every ClaimType', () => {
    expect(xml).toContain(
      '<RoleDescriptor xsi:type="fed:SecurityTokenServiceType" protocolSupportEnumeration="http://docs.oasis-open.org/wsfed/federation/200706" ' +
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:fed="http://docs.oasis-open.org/wsfed/federation/200706">',
    );
    expect(
      xml.match(
        /<auth:ClaimType Uri="[^"]+" xmlns:auth="http:\/\/docs\.oasis-open\.org\/wsfed\/authorization\/200706">/g,
      ),
    ).toHaveLength(OFFERED_CLAIM_TYPES.length);
  });

  it('is deterministic for the same ids and key (RSA PKCS#1 v1.5 signatures are)', () => {
    const { state, app } = testTenant();
    expect(
      appMetadataFor(state, app, BASE_URL, sequentialIds(7)).equals(
        appMetadataFor(state, app, BASE_URL, sequentialIds(7)),
      ),
    ).toBe(true);
  });
});

describe('app federation metadata element tree (docs/entra.md §1.2)', () => {
  const { xml, certificatePem } = build();
  const root = parseXml(xml).documentElement!;
  const [signature, sts, appService, idp] = children(root) as [Element, Element, Element, Element];

  it('has Signature first, then the STS and application-service RoleDescriptors, then IDPSSODescriptor', () => {
    expect(root.namespaceURI).toBe(NS.md);
    expect(names(root)).toEqual(['Signature', 'RoleDescriptor', 'RoleDescriptor', 'IDPSSODescriptor']);
    expect(signature.namespaceURI).toBe(NS.ds);
    expect(sts.getAttributeNS(NS.xsi, 'type')).toBe('fed:SecurityTokenServiceType');
    expect(appService.getAttributeNS(NS.xsi, 'type')).toBe('fed:ApplicationServiceType');
  });

  it('signs the root with exc-c14n, RSA-SHA256, SHA-256 and the enveloped + exc-c14n transforms', () => {
    const signedInfo = children(signature)[0]!;
    const algorithm = (el: Element | undefined): string | null | undefined => el?.getAttribute('Algorithm');
    const [c14n, method, reference] = children(signedInfo);
    expect(algorithm(c14n)).toBe('http://www.w3.org/2001/10/xml-exc-c14n#');
    expect(algorithm(method)).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(reference!.getAttribute('URI')).toBe(`#${root.getAttribute('ID')}`);
    const [transforms, digestMethod] = children(reference!);
    expect(children(transforms!).map(algorithm)).toEqual([
      'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
      'http://www.w3.org/2001/10/xml-exc-c14n#',
    ]);
    expect(algorithm(digestMethod)).toBe('http://www.w3.org/2001/04/xmlenc#sha256');
    expect(names(signature)).toEqual(['SignedInfo', 'SignatureValue', 'KeyInfo']);
  });

  it('lists the claim types and WS-Fed endpoints in the STS RoleDescriptor', () => {
    expect(OFFERED_CLAIM_TYPES).toHaveLength(19); // as in captured Entra metadata
    expect(names(sts)).toEqual([
      'KeyDescriptor',
      'ClaimTypesOffered',
      'SecurityTokenServiceEndpoint',
      'PassiveRequestorEndpoint',
    ]);
    const claimTypes = children(children(sts)[1]!);
    expect(claimTypes.map((c) => c.getAttribute('Uri'))).toEqual(OFFERED_CLAIM_TYPES.map((c) => c.uri));
    expect(claimTypes.map((c) => children(c).map((d) => d.textContent))).toEqual(
      OFFERED_CLAIM_TYPES.map((c) => [c.displayName, c.description]),
    );
    expect(sts.getElementsByTagNameNS(NS.wsa, 'Address')[0]?.textContent).toBe(urls.wsfedUrl);
  });

  it('points TargetScopes at the issuer and the application service at the WS-Fed endpoint', () => {
    expect(names(appService)).toEqual([
      'KeyDescriptor',
      'TargetScopes',
      'ApplicationServiceEndpoint',
      'PassiveRequestorEndpoint',
    ]);
    const addresses = Array.from(appService.getElementsByTagNameNS(NS.wsa, 'Address')).map(
      (a) => a.textContent,
    );
    expect(addresses).toEqual([urls.issuer, urls.wsfedUrl, urls.wsfedUrl]);
  });

  it('orders IDPSSODescriptor as KeyDescriptor, SLO Redirect, SSO Redirect, SSO POST, with no NameIDFormat', () => {
    expect(idp.getAttribute('protocolSupportEnumeration')).toBe(NS.samlp);
    expect(idp.hasAttribute('WantAuthnRequestsSigned')).toBe(false);
    expect(names(idp)).toEqual([
      'KeyDescriptor',
      'SingleLogoutService',
      'SingleSignOnService',
      'SingleSignOnService',
    ]);
    expect(
      children(idp)
        .slice(1)
        .map((e) => [e.getAttribute('Binding'), e.getAttribute('Location')]),
    ).toEqual([
      [BINDING.redirect, urls.loginUrl],
      [BINDING.redirect, urls.loginUrl],
      [BINDING.post, urls.loginUrl],
    ]);
    expect(root.getElementsByTagNameNS(NS.md, 'NameIDFormat')).toHaveLength(0);
  });

  it('publishes the signing certificate, and only it, in all three roles and in the Signature', () => {
    const certificates = Array.from(root.getElementsByTagNameNS(NS.ds, 'X509Certificate')).map(
      (c) => c.textContent,
    );
    expect(certificates).toEqual(Array(4).fill(certificateBase64(certificatePem)));
    for (const role of [sts, appService, idp]) {
      expect(childElements(role, NS.md, 'KeyDescriptor').map((k) => k.getAttribute('use'))).toEqual([
        'signing',
      ]);
    }
  });
});

describe('app federation metadata signature', () => {
  const { xml, certificatePem } = build();

  it('verifies with xmlsec1, BOM included', () => {
    const result = verifyWithXmlsec1(xml, certificatePem, ENTITY_DESCRIPTOR_ID);
    expect(result.output).toContain('OK');
    expect(result.ok).toBe(true);
  });

  it('fails xmlsec1 once a signed value is changed (negative control)', () => {
    const tampered = xml.replace(`Location="${urls.loginUrl}"`, 'Location="https://evil.example/saml2"');
    expect(tampered).not.toBe(xml);
    expect(verifyWithXmlsec1(tampered, certificatePem, ENTITY_DESCRIPTOR_ID).ok).toBe(false);
  });

  it('fails xmlsec1 against another certificate (it does not trust the embedded one)', () => {
    const other = createSigningCertificate().certificatePem;
    expect(verifyWithXmlsec1(xml, other, ENTITY_DESCRIPTOR_ID).ok).toBe(false);
  });

  it('verifies with xml-crypto, and a tampered copy does not', () => {
    expect(verifyWithXmlCrypto(xml, certificatePem)).toBe(true);
    expect(verifyWithXmlCrypto(xml.replace('Given Name', 'Given name'), certificatePem)).toBe(false);
  });

  it('is signed on the DOM it was built as, to the bytes the string path (xml-crypto) gives', () => {
    const { state, app } = testTenant();
    const calls = vi.spyOn(signModule, 'signElement');
    try {
      const onDom = appMetadataFor(state, app, BASE_URL, sequentialIds(100));
      expect(calls).not.toHaveBeenCalled();
      setDomSigning(false);
      const viaString = appMetadataFor(state, app, BASE_URL, sequentialIds(100));
      expect(calls).toHaveBeenCalledTimes(1);
      expect(onDom.equals(viaString)).toBe(true);
    } finally {
      setDomSigning(true);
      calls.mockRestore();
    }
  });
});

describe('appMetadataFor certificate selection', () => {
  it('lists only the active certificate while another one is inactive (Entra default)', () => {
    const { state, app } = testTenant();
    state.newCertificate(app.appId);
    const xml = appMetadataFor(state, state.requireApp(app.appId), BASE_URL, sequentialIds(100)).toString(
      'utf8',
    );
    expect(xml.match(/<KeyDescriptor /g)).toHaveLength(3);
  });

  it('adds unexpired inactive certificates after the active one with publishInactiveCertificates', () => {
    const { state, app } = testTenant({ publishInactiveCertificates: true });
    const next = state.newCertificate(app.appId);
    const current = state.signingMaterial(app);
    const xml = appMetadataFor(state, state.requireApp(app.appId), BASE_URL, sequentialIds(100)).toString(
      'utf8',
    );
    const root = parseXml(xml).documentElement!;
    const idp = childElements(root, NS.md, 'IDPSSODescriptor')[0]!;
    const listed = Array.from(idp.getElementsByTagNameNS(NS.ds, 'X509Certificate')).map((c) => c.textContent);
    expect(listed).toEqual([
      certificateBase64(current.certificatePem),
      certificateBase64(state.certificatePem(next.id)),
    ]);
    expect(verifyWithXmlsec1(xml, current.certificatePem, ENTITY_DESCRIPTOR_ID).ok).toBe(true);
  });

  it('signs with the newly activated certificate after "Make certificate active"', () => {
    const { state, app } = testTenant();
    const next = state.newCertificate(app.appId);
    const updated = state.activateCertificate(app.appId, next.id);
    const xml = appMetadataFor(state, updated, BASE_URL, sequentialIds(100)).toString('utf8');
    expect(verifyWithXmlsec1(xml, state.certificatePem(next.id), ENTITY_DESCRIPTOR_ID).ok).toBe(true);
    expect(xml).toContain(certificateBase64(state.certificatePem(next.id)));
  });
});
