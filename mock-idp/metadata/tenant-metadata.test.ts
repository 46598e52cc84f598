/** @module Tenant-level federation metadata: several tenant keys, signed with one, and the `common` variant. */
import { describe, expect, it } from 'vitest';
import { NS } from '../constants/namespaces.js';
import { certificateBase64, createSigningCertificate, loadPrivateKey } from '../keys/signing-certificate.js';
import { tenantUrls } from '../model/tenant.js';
import { TEST_TENANT_ID } from '../test-support/fixtures.js';
import { verifyWithXmlsec1 } from '../test-support/xmlsec1.js';
import { sequentialIds } from '../util/ids.js';
import { childElements, parseXml } from '../util/xml.js';
import { buildTenantMetadata, MULTI_TENANT_ENTITY_ID } from './tenant-metadata.js';

const BASE_URL = 'https://mock.example.test/';
const ENTITY_DESCRIPTOR_ID = [{ ns: NS.md, localName: 'EntityDescriptor' }];

// Entra's historical tenant STS certificates were self-signed CN=accounts.accesscontrol.windows.net.
const tenantKeys = [1, 2].map(() => {
  const generated = createSigningCertificate({ commonName: 'accounts.accesscontrol.windows.net' });
  return { certificatePem: generated.certificatePem, privateKey: loadPrivateKey(generated.privateKeyPem) };
});
const [first, second] = tenantKeys as [(typeof tenantKeys)[number], (typeof tenantKeys)[number]];

function build(tenantId: string): { bytes: Buffer; xml: string } {
  const bytes = buildTenantMetadata({
    tenantId,
    baseUrl: BASE_URL,
    certificates: tenantKeys.map((k) => k.certificatePem),
    signingKey: first,
    ids: sequentialIds(50),
  });
  return { bytes, xml: bytes.toString('utf8') };
}

describe('tenant federation metadata (docs/entra.md §1.3)', () => {
  const { bytes, xml } = build(TEST_TENANT_ID);
  const root = parseXml(xml).documentElement!;
  const urls = tenantUrls(BASE_URL, TEST_TENANT_ID);

  it('has the app metadata framing: BOM, utf-8 declaration, one line, Signature first', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(xml).toMatch(/^\uFEFF<\?xml version="1\.0" encoding="utf-8"\?><EntityDescriptor ID="_/);
    expect(xml).not.toMatch(/[\r\n]/);
    expect(root.getAttribute('entityID')).toBe(urls.issuer);
    expect(childElements(root, NS.ds, 'Signature')).toHaveLength(1);
    expect(root.firstChild).toBe(childElements(root, NS.ds, 'Signature')[0]);
  });

  it('lists every tenant key in each of the three role descriptors, in the given order', () => {
    const expected = tenantKeys.map((k) => certificateBase64(k.certificatePem));
    for (const role of [
      ...childElements(root, NS.md, 'RoleDescriptor'),
      ...childElements(root, NS.md, 'IDPSSODescriptor'),
    ]) {
      const keyDescriptors = childElements(role, NS.md, 'KeyDescriptor');
      expect(
        keyDescriptors.map((k) => k.getElementsByTagNameNS(NS.ds, 'X509Certificate')[0]?.textContent),
      ).toEqual(expected);
    }
  });

  it('points the SAML and WS-Fed endpoints at the tenant', () => {
    const idp = childElements(root, NS.md, 'IDPSSODescriptor')[0]!;
    expect(childElements(idp, NS.md, 'SingleSignOnService').map((s) => s.getAttribute('Location'))).toEqual([
      urls.loginUrl,
      urls.loginUrl,
    ]);
    expect(xml).toContain(`<wsa:Address>${urls.wsfedUrl}</wsa:Address>`);
  });

  it('verifies with xmlsec1 against the signing key only', () => {
    expect(verifyWithXmlsec1(xml, first.certificatePem, ENTITY_DESCRIPTOR_ID).ok).toBe(true);
    expect(verifyWithXmlsec1(xml, second.certificatePem, ENTITY_DESCRIPTOR_ID).ok).toBe(false);
  });
});

describe('multi-tenant (common) federation metadata', () => {
  const { xml } = build('Common');
  const root = parseXml(xml).documentElement!;

  it("uses Entra's literal {tenantid} entityID and the percent-encoded TargetScopes address", () => {
    expect(root.getAttribute('entityID')).toBe(MULTI_TENANT_ENTITY_ID);
    expect(xml).toContain(
      '<fed:TargetScopes><wsa:EndpointReference xmlns:wsa="http://www.w3.org/2005/08/addressing">' +
        '<wsa:Address>https://sts.windows.net/%7Btenantid%7D/</wsa:Address>',
    );
  });

  it('serves the /common/ endpoints and still verifies', () => {
    expect(xml).toContain('Location="https://mock.example.test/common/saml2"');
    expect(xml).toContain('<wsa:Address>https://mock.example.test/common/wsfed</wsa:Address>');
    expect(verifyWithXmlsec1(xml, first.certificatePem, ENTITY_DESCRIPTOR_ID).ok).toBe(true);
  });
});
