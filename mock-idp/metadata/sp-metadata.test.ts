/** @module SP metadata import ("Upload metadata file"): parsing, refusals, and the app patch it yields. */
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BINDING, NAMEID_FORMAT } from '../constants/namespaces.js';
import { certificateBase64, createSigningCertificate } from '../keys/signing-certificate.js';
import { testTenant } from '../test-support/fixtures.js';
import { sequentialIds } from '../util/ids.js';
import { appMetadataFor } from './app-metadata.js';
import {
  appPatchFromSpMetadata,
  parseSpMetadata,
  SpMetadataError,
  type AppPatchOptions,
  type SpMetadataErrorCode,
} from './sp-metadata.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/metadata/${name}`, import.meta.url), 'utf8');
const SAML2 = 'urn:oasis:names:tc:SAML:2.0:protocol';
const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';

function errorCode(run: () => unknown): SpMetadataErrorCode | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof SpMetadataError) return error.code;
    throw error;
  }
  return undefined;
}

const sp = (inner: string, attrs = `protocolSupportEnumeration="${SAML2}"`): string =>
  `<EntityDescriptor xmlns="${MD}" entityID="https://sp.example.com/"><SPSSODescriptor ${attrs}>${inner}</SPSSODescriptor></EntityDescriptor>`;
const ACS = `<AssertionConsumerService Binding="${BINDING.post}" Location="https://sp.example.com/acs" index="0"/>`;

describe('parseSpMetadata', () => {
  it('reads an SPSSODescriptor split into one element per child, with a warning', () => {
    const nameId = `<NameIDFormat>${NAMEID_FORMAT.emailAddress}</NameIDFormat>`;
    const xml = sp(ACS).replace(
      '</EntityDescriptor>',
      `<SPSSODescriptor>${nameId}</SPSSODescriptor><SPSSODescriptor><SingleLogoutService Binding="${BINDING.redirect}" Location="https://sp.example.com/slo"/></SPSSODescriptor></EntityDescriptor>`,
    );
    const meta = parseSpMetadata(xml);
    expect(meta.assertionConsumerServices.map((a) => a.location)).toEqual(['https://sp.example.com/acs']);
    expect(meta.nameIdFormats).toEqual([NAMEID_FORMAT.emailAddress]);
    expect(meta.singleLogoutServices.map((s) => s.location)).toEqual(['https://sp.example.com/slo']);
    expect(meta.warnings).toHaveLength(1);
    expect(parseSpMetadata(sp(ACS)).warnings).toBeUndefined();
  });

  it('reads Heroku-shaped metadata', () => {
    expect(parseSpMetadata(fixture('heroku-sp.xml'))).toEqual({
      entityId: 'https://sso.heroku.com/saml/acme-corp',
      assertionConsumerServices: [
        {
          binding: BINDING.post,
          location: 'https://sso.heroku.com/saml/acme-corp/finalize',
          index: 0,
          isDefault: false,
        },
      ],
      singleLogoutServices: [],
      signingCertificates: [],
      encryptionCertificates: [],
      authnRequestsSigned: false,
      wantAssertionsSigned: true,
      nameIdFormats: [NAMEID_FORMAT.emailAddress],
    });
  });

  it("keeps Sentry's trailing-slash entityID verbatim and reads its signing-only certificate", () => {
    const meta = parseSpMetadata(fixture('sentry-sp.xml'));
    expect(meta.entityId).toBe('https://sentry.io/saml/metadata/acme/');
    expect(meta.singleLogoutServices).toEqual([
      { binding: BINDING.redirect, location: 'https://sentry.io/saml/sls/acme/' },
    ]);
    expect(meta.signingCertificates).toHaveLength(1);
    expect(new X509Certificate(meta.signingCertificates[0]!).subject).toBe('CN=sp-a.example.org');
    expect(meta.encryptionCertificates).toEqual([]);
    expect(meta.nameIdFormats).toEqual([NAMEID_FORMAT.unspecified]);
  });

  it('accepts a UTF-8 BOM, as a string or as bytes', () => {
    const text = fixture('sentry-sp.xml');
    const expected = parseSpMetadata(text);
    expect(parseSpMetadata(`\uFEFF${text}`)).toEqual(expected);
    expect(parseSpMetadata(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual(
      expected,
    );
  });

  it('picks the one SP out of an EntitiesDescriptor and reads every endpoint and key', () => {
    const meta = parseSpMetadata(fixture('shibboleth-multi-acs-sp.xml'));
    expect(meta.entityId).toBe('https://sp.example.org/shibboleth');
    expect(meta.authnRequestsSigned).toBe(true);
    expect(meta.wantAssertionsSigned).toBe(false);
    expect(meta.assertionConsumerServices.map((a) => [a.index, a.isDefault])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
      [5, false],
    ]);
    expect(meta.singleLogoutServices[1]).toEqual({
      binding: BINDING.redirect,
      location: 'https://sp.example.org/Shibboleth.sso/SLO/Redirect',
      responseLocation: 'https://sp.example.org/Shibboleth.sso/SLO/Redirect/Response',
    });
    // A KeyDescriptor without use serves both purposes; the wrapped PEM body is normalised.
    const subject = (pem: string): string => new X509Certificate(pem).subject;
    expect(meta.signingCertificates.map(subject)).toEqual(['CN=sp-b.example.org']);
    expect(meta.encryptionCertificates.map(subject)).toEqual(['CN=sp-b.example.org', 'CN=sp-c.example.org']);
    expect(meta.nameIdFormats).toEqual([NAMEID_FORMAT.persistent, NAMEID_FORMAT.transient]);
  });

  it('leaves index out when it is missing or not an unsignedShort', () => {
    const meta = parseSpMetadata(
      sp(
        `<AssertionConsumerService Binding="${BINDING.post}" Location="https://sp.example.com/a"/>` +
          `<AssertionConsumerService Binding="${BINDING.post}" Location="https://sp.example.com/b" index="70000"/>`,
      ),
    );
    expect(meta.assertionConsumerServices.map((a) => 'index' in a)).toEqual([false, false]);
  });
});

describe('parseSpMetadata refusals', () => {
  it('refuses a DTD (XXE) before parsing', () => {
    expect(errorCode(() => parseSpMetadata(fixture('dtd-xxe-sp.xml')))).toBe('DTD_NOT_ALLOWED');
  });

  it.each<[string, string, SpMetadataErrorCode]>([
    ['malformed XML', '<EntityDescriptor', 'INVALID_XML'],
    ['an empty upload', '   ', 'INVALID_XML'],
    [
      'a SAML Response',
      '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>',
      'NOT_METADATA',
    ],
    ['metadata in the wrong namespace', '<EntityDescriptor entityID="x"/>', 'NOT_METADATA'],
    [
      'an entity without entityID',
      `<EntityDescriptor xmlns="${MD}"><SPSSODescriptor protocolSupportEnumeration="${SAML2}">${ACS}</SPSSODescriptor></EntityDescriptor>`,
      'NO_ENTITY_ID',
    ],
    ['an SP without ACS', sp('<NameIDFormat>x</NameIDFormat>'), 'NO_ACS'],
    [
      'a SAML 1.1-only SP',
      sp(ACS, 'protocolSupportEnumeration="urn:oasis:names:tc:SAML:1.1:protocol"'),
      'NO_SP_DESCRIPTOR',
    ],
    [
      'an EntitiesDescriptor with two SPs',
      `<EntitiesDescriptor xmlns="${MD}">${sp(ACS)}${sp(ACS)}</EntitiesDescriptor>`,
      'MULTIPLE_SP_ENTITIES',
    ],
    ['an EntitiesDescriptor without SPs', `<EntitiesDescriptor xmlns="${MD}"/>`, 'NO_SP_DESCRIPTOR'],
    [
      'a certificate that does not parse',
      sp(
        `<KeyDescriptor><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>bm90IGEgY2VydA==</X509Certificate></X509Data></KeyInfo></KeyDescriptor>${ACS}`,
      ),
      'INVALID_CERTIFICATE',
    ],
  ])('refuses %s', (_label, xml, code) => {
    expect(errorCode(() => parseSpMetadata(xml))).toBe(code);
  });

  it("refuses IdP metadata (the mock's own) as having no SPSSODescriptor", () => {
    const { state, app } = testTenant();
    expect(
      errorCode(() => parseSpMetadata(appMetadataFor(state, app, 'http://localhost', sequentialIds()))),
    ).toBe('NO_SP_DESCRIPTOR');
  });
});

describe('appPatchFromSpMetadata', () => {
  it('maps Heroku metadata to Identifier and one indexed Reply URL', () => {
    expect(appPatchFromSpMetadata(parseSpMetadata(fixture('heroku-sp.xml')))).toEqual({
      patch: {
        identifiers: ['https://sso.heroku.com/saml/acme-corp'],
        defaultIdentifier: 'https://sso.heroku.com/saml/acme-corp',
        replyUrls: [{ url: 'https://sso.heroku.com/saml/acme-corp/finalize', index: 0 }],
      },
      skipped: [],
    });
  });

  it('takes the Redirect SLO as Logout Url and signing certificates as optional verification certificates', () => {
    const meta = parseSpMetadata(fixture('sentry-sp.xml'));
    const { patch } = appPatchFromSpMetadata(meta);
    expect(patch.logoutUrl).toBe('https://sentry.io/saml/sls/acme/');
    expect(patch.verification).toEqual({
      required: false,
      allowSha1: false,
      certificates: meta.signingCertificates,
    });
    expect(patch.encryption).toBeUndefined();
  });

  it('keeps POST endpoints with their index and default, and reports everything it left out', () => {
    const { patch, skipped } = appPatchFromSpMetadata(
      parseSpMetadata(fixture('shibboleth-multi-acs-sp.xml')),
    );
    expect(patch.replyUrls).toEqual([
      { url: 'https://sp.example.org/Shibboleth.sso/SAML2/POST', index: 1 },
      { url: 'https://sp.example.org/Shibboleth.sso/SAML2/POST-alt', index: 4, isDefault: true },
    ]);
    expect(patch.logoutUrl).toBe('https://sp.example.org/Shibboleth.sso/SLO/Redirect/Response');
    expect(skipped.map((s) => [s.service, s.location.replace(/^.*Shibboleth\.sso/, ''), s.reason])).toEqual([
      ['AssertionConsumerService', '/SAML2/POST-SimpleSign', 'unsupported-binding'],
      ['AssertionConsumerService', '/SAML2/Artifact', 'unsupported-binding'],
      ['AssertionConsumerService', '/SAML2/POST', 'duplicate'],
      ['SingleLogoutService', '/SLO/SOAP', 'unsupported-binding'],
      ['SingleLogoutService', '/SLO/POST', 'unsupported-binding'],
    ]);
  });

  it('skips a javascript: or data: SingleLogoutService (it would be where the browser is sent)', () => {
    for (const location of ['javascript:alert(1)', 'data:text/html,x']) {
      const xml = sp(`${ACS}<SingleLogoutService Binding="${BINDING.redirect}" Location="${location}"/>`);
      const { patch, skipped } = appPatchFromSpMetadata(parseSpMetadata(xml));
      expect(patch.logoutUrl).toBeUndefined();
      expect(skipped.map((s) => [s.service, s.reason])).toEqual([['SingleLogoutService', 'invalid-url']]);
    }
  });

  it('skips plain-http ACS URLs on public hosts but keeps loopback ones', () => {
    const { patch, skipped } = appPatchFromSpMetadata(parseSpMetadata(fixture('http-acs-sp.xml')));
    expect(patch.replyUrls?.map((r) => r.url)).toEqual([
      'http://localhost:8080/saml/acs',
      'http://127.0.0.1:8080/saml/acs',
    ]);
    expect(skipped).toEqual([
      {
        service: 'AssertionConsumerService',
        binding: BINDING.post,
        location: 'http://sp.example.net/saml/acs',
        reason: 'not-https',
      },
    ]);
  });

  it('leaves Reply URLs out of the patch when none is usable, rather than clearing them', () => {
    const meta = parseSpMetadata(
      sp(
        `<AssertionConsumerService Binding="${BINDING.post}" Location="http://sp.example.com/acs" index="0"/>`,
      ),
    );
    const { patch, skipped } = appPatchFromSpMetadata(meta);
    expect('replyUrls' in patch).toBe(false);
    expect(skipped).toHaveLength(1);
  });

  it('keeps only the first of several isDefault endpoints and skips over-long URLs', () => {
    const long = `https://sp.example.com/${'a'.repeat(250)}`;
    const meta = parseSpMetadata(
      sp(
        `<AssertionConsumerService Binding="${BINDING.post}" Location="https://sp.example.com/1" index="1" isDefault="true"/>` +
          `<AssertionConsumerService Binding="${BINDING.post}" Location="https://sp.example.com/2" index="2" isDefault="true"/>` +
          `<AssertionConsumerService Binding="${BINDING.post}" Location="${long}" index="3"/>`,
      ),
    );
    const { patch, skipped } = appPatchFromSpMetadata(meta);
    expect(patch.replyUrls).toEqual([
      { url: 'https://sp.example.com/1', index: 1, isDefault: true },
      { url: 'https://sp.example.com/2', index: 2 },
    ]);
    expect(skipped.map((s) => s.reason)).toEqual(['too-long']);
  });

  it('sets the encryption certificate only when asked, keeping the existing algorithms', () => {
    const meta = parseSpMetadata(fixture('shibboleth-multi-acs-sp.xml'));
    const existing: NonNullable<AppPatchOptions['existing']> = {
      verification: { required: true, certificates: [], allowSha1: true },
      encryption: { certificate: 'old', dataAlgorithm: 'aes256-gcm', keyAlgorithm: 'rsa-oaep' },
    };
    expect(appPatchFromSpMetadata(meta, { existing }).patch.encryption).toBeUndefined();
    const { patch } = appPatchFromSpMetadata(meta, { existing, includeEncryption: true });
    expect(patch.encryption).toEqual({
      certificate: meta.encryptionCertificates[0],
      dataAlgorithm: 'aes256-gcm',
      keyAlgorithm: 'rsa-oaep',
    });
    expect(patch.verification).toEqual({
      required: true,
      allowSha1: true,
      certificates: meta.signingCertificates,
    });
  });

  it('yields a patch the app model accepts', () => {
    const { state, app } = testTenant();
    const meta = parseSpMetadata(fixture('shibboleth-multi-acs-sp.xml'));
    const updated = state.updateApp(
      app.appId,
      appPatchFromSpMetadata(meta, { includeEncryption: true }).patch,
    );
    expect(updated.identifiers).toEqual(['https://sp.example.org/shibboleth']);
    expect(updated.replyUrls.find((r) => r.isDefault)?.url).toBe(
      'https://sp.example.org/Shibboleth.sso/SAML2/POST-alt',
    );
    expect(updated.verification.certificates.map(certificateBase64)).toEqual(
      meta.signingCertificates.map(certificateBase64),
    );
    expect(updated.encryption?.dataAlgorithm).toBe('aes256-cbc');
  });

  it('round-trips a certificate the mock generated', () => {
    const { certificatePem } = createSigningCertificate();
    const meta = parseSpMetadata(
      sp(
        `<KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>${certificateBase64(certificatePem)}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>${ACS}`,
      ),
    );
    // node-forge writes CRLF PEM; compare the DER, which is what matters.
    expect(meta.signingCertificates.map(certificateBase64)).toEqual([certificateBase64(certificatePem)]);
  });
});
