/** @module Each entra/* scenario's response really carries its change (read back from the exact XML). */
import { describe, expect, it } from 'vitest';
import {
  attr,
  build,
  claimValues,
  count,
  decryptAssertion,
  expectCheckForEvery,
  idpCertificate,
  scenariosOf,
  text,
  verifiedIds,
  type Built,
  type Check,
} from '../test-support/xml-checks.js';
import { GROUPS_150 } from './claims-directory.js';
import { LONG_DISPLAY_NAME, LONG_EXTENSION_VALUE, UNICODE_DISPLAY_NAME } from './claims-values.js';
import { CLAIM, NAMEID_FORMAT } from './entra-refs.js';
import { groups } from './index.js';
import type { LogoutStimulus } from '../types.js';
import { PAIRWISE_ID, TRANSIENT_ID } from './name-id.js';
import { scenarioIdp } from '../../runner/engine/test-support/scenario-harness.js';
import { certificateBase64 } from '../../mock-idp/keys/signing-certificate.js';

const BASELINE = 'B.Simon@contoso.com';
const B_SIMON_OID = 'b7c2e5a1-4d3f-4a8b-9c6e-1f2d3e4a5b01';
const ALG = {
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsaSha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  cbc: 'http://www.w3.org/2001/04/xmlenc#aes256-cbc',
  gcm: 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
};

const ids = ({ doc }: Built) => ({
  Response: attr(doc, 'Response', 'ID'),
  Assertion: attr(doc, 'Assertion', 'ID'),
});
const single = (built: Built, claim: string) => claimValues(built.doc, claim);

function signed(parts: ('Response' | 'Assertion')[], method = ALG.rsaSha256): Check {
  return (built) => {
    expect(verifiedIds(built.xml, built.doc, idpCertificate()).sort()).toEqual(
      parts.map((p) => ids(built)[p]).sort(),
    );
    expect(attr(built.doc, 'SignatureMethod', 'Algorithm')).toBe(method);
  };
}

/** Signed with a rollover-phase certificate (its own key, its certificate in KeyInfo), not the active one. */
function signedWithRolloverKey(which: 'retired' | 'neverPublished'): Check {
  return (built) => {
    const certificatePem = scenarioIdp().rollover![which].certificatePem;
    expect(built.scenario.phase).toBe('after-rollover');
    expect(verifiedIds(built.xml, built.doc, certificatePem)).toEqual([attr(built.doc, 'Assertion', 'ID')]);
    expect(text(built.doc, 'X509Certificate')).toBe(certificateBase64(certificatePem));
    expect(certificatePem).not.toBe(idpCertificate());
  };
}

/** A logout scenario: its stimulus, phase, needs and expectation (accept: the session must survive). */
function logoutCheck(stimulus: LogoutStimulus, expectation: 'accept' | 'reject'): Check {
  return (built) => {
    const { scenario } = built;
    expect([scenario.logout, scenario.phase, scenario.requires, scenario.flows, scenario.expect]).toEqual([
      stimulus,
      'logout',
      ['logout'],
      ['sp-initiated'],
      expectation,
    ]);
    signed(['Assertion'])(built);
  };
}

function nameId(format: string, value: string): Check {
  return ({ doc }) => {
    expect(attr(doc, 'NameID', 'Format')).toBe(format);
    expect(text(doc, 'NameID')).toBe(value);
  };
}

function identity(value: string): Check {
  return (built) => {
    expect(text(built.doc, 'NameID')).toBe(value);
    expect(single(built, CLAIM.email)).toEqual([[value]]);
    expect(single(built, CLAIM.name)).toEqual([[value]]);
  };
}

function encrypted(algorithm: string, responseSigned: boolean): Check {
  return async (built) => {
    expect(count(built.doc, 'Assertion')).toBe(0);
    expect(count(built.doc, 'EncryptedAssertion')).toBe(1);
    expect(attr(built.doc, 'EncryptionMethod', 'Algorithm')).toBe(algorithm);
    const response = verifiedIds(built.xml, built.doc, idpCertificate());
    expect(response).toEqual(responseSigned ? [attr(built.doc, 'Response', 'ID')] : []);
    const inner = await decryptAssertion(built.doc);
    expect(text(inner.doc, 'NameID')).toBe(BASELINE);
    expect(verifiedIds(inner.xml, inner.doc, idpCertificate())).toEqual([attr(inner.doc, 'Assertion', 'ID')]);
  };
}

const checks: Record<string, Check> = {
  'entra/claims/default-claims': ({ doc }) =>
    expect(
      [...doc.getElementsByTagNameNS('*', 'Attribute')].map((a) =>
        a.getAttribute('Name')?.replace(/.*\//, ''),
      ),
    ).toEqual([
      'tenantid',
      'objectidentifier',
      'displayname',
      'identityprovider',
      'authnmethodsreferences',
      'givenname',
      'surname',
      'emailaddress',
      'name',
    ]),
  'entra/claims/user-without-mail': (built) => {
    expect(text(built.doc, 'NameID')).toBe('nomail.user@contoso.onmicrosoft.com');
    expect(single(built, CLAIM.email)).toEqual([]);
    expect(single(built, CLAIM.name)).toEqual([['nomail.user@contoso.onmicrosoft.com']]);
  },
  'entra/claims/groups-multi-valued': (built) =>
    expect(single(built, CLAIM.groups).map((v) => v.length)).toEqual([3]),
  'entra/claims/groups-150': (built) => expect(single(built, CLAIM.groups)).toEqual([GROUPS_150]),
  'entra/claims/groups-overage-link': (built) => {
    const [[tenant]] = single(built, CLAIM.tenantId) as [[string]];
    expect(single(built, CLAIM.groups)).toEqual([]);
    expect(single(built, CLAIM.groupsLink)).toEqual([
      [`https://graph.windows.net/${tenant}/users/${B_SIMON_OID}/getMemberObjects`],
    ]);
  },
  'entra/claims/mfa-authn-methods': (built) => {
    expect(single(built, CLAIM.authnMethods)[0]).toContain(
      'http://schemas.microsoft.com/claims/multipleauthn',
    );
    expect(text(built.doc, 'AuthnContextClassRef')).toBe('urn:oasis:names:tc:SAML:2.0:ac:classes:Password');
  },
  'entra/claims/unicode-values': (built) => {
    expect(single(built, CLAIM.displayName)).toEqual([[UNICODE_DISPLAY_NAME]]);
    expect(single(built, CLAIM.surname)).toEqual([['Łukasiewicz-山田']]);
  },
  'entra/claims/long-values': (built) => {
    expect(single(built, CLAIM.displayName)).toEqual([[LONG_DISPLAY_NAME]]);
    expect(LONG_DISPLAY_NAME).toHaveLength(256);
    expect(single(built, 'http://schemas.contoso.com/claims/description')).toEqual([[LONG_EXTENSION_VALUE]]);
  },
  'entra/claims/attribute-name-format': ({ doc }) => {
    const formats = [...doc.getElementsByTagNameNS('*', 'Attribute')].map((a) =>
      a.getAttribute('NameFormat'),
    );
    expect(new Set(formats)).toEqual(new Set(['urn:oasis:names:tc:SAML:2.0:attrname-format:uri']));
  },
  'entra/claims/duplicate-role-attribute': (built) =>
    expect(single(built, CLAIM.role)).toEqual([['User'], ['Admin']]),
  'entra/claims/email-upper-case': identity('B.SIMON@CONTOSO.COM'),
  'entra/nameid/format-unspecified': nameId(NAMEID_FORMAT.unspecified, BASELINE),
  'entra/nameid/format-persistent': nameId(NAMEID_FORMAT.persistent, PAIRWISE_ID),
  'entra/nameid/format-transient': nameId(NAMEID_FORMAT.transient, TRANSIENT_ID),
  'entra/nameid/format-windows-domain-qualified': nameId(
    NAMEID_FORMAT.windowsDomainQualifiedName,
    'CONTOSO\\bsimon',
  ),
  'entra/nameid/guest-upn-ext': (built) => {
    expect(text(built.doc, 'NameID')).toBe('guest_fabrikam.com#EXT#@contoso.onmicrosoft.com');
    expect(single(built, CLAIM.email)).toEqual([['guest@fabrikam.com']]);
  },
  'entra/nameid/guest-name-id-mail': (built) => {
    expect(text(built.doc, 'NameID')).toBe('guest@fabrikam.com');
    expect(single(built, CLAIM.name)).toEqual([['guest_fabrikam.com#EXT#@contoso.onmicrosoft.com']]);
  },
  'entra/signing/sign-assertion-sha256': signed(['Assertion']),
  'entra/signing/sign-response-and-assertion': signed(['Response', 'Assertion']),
  'entra/signing/sign-response-only': signed(['Response']),
  'entra/signing/sign-assertion-sha1': (built) => {
    signed(['Assertion'], ALG.rsaSha1)(built);
    expect(attr(built.doc, 'DigestMethod', 'Algorithm')).toBe(ALG.sha1);
  },
  'entra/encryption/aes256-cbc': encrypted(ALG.cbc, false),
  'entra/encryption/aes256-cbc-signed-response': encrypted(ALG.cbc, true),
  'entra/encryption/aes256-gcm': encrypted(ALG.gcm, false),
  'entra/tenants/other-tenant': (built) => {
    expect(verifiedIds(built.xml, built.doc, idpCertificate('other'))).toEqual([
      attr(built.doc, 'Assertion', 'ID'),
    ]);
    expect(() => verifiedIds(built.xml, built.doc, idpCertificate('main'))).toThrow();
    expect(text(built.doc, 'NameID')).toBe('B.Simon@fabrikam.com');
  },
  'entra/tenants/other-tenant-asserting-baseline': (built) => {
    identity(BASELINE)(built);
    expect(verifiedIds(built.xml, built.doc, idpCertificate('other'))).toEqual([
      attr(built.doc, 'Assertion', 'ID'),
    ]);
  },
  'entra/tenants/email-outside-sp-domain': (built) => {
    identity('B.Simon@fabrikam.com')(built);
    expect(built.scenario.requires).toEqual(['sp-domain']);
    signed(['Assertion'])(built);
  },
  'entra/certificates/metadata-lists-two-certificates': (built) => {
    expect(built.scenario.phase).toBe('new-certificate-listed');
    signed(['Assertion'])(built);
  },
  'entra/certificates/rollover-new-active': (built) => {
    expect(built.scenario.phase).toBe('after-rollover');
    signed(['Assertion'])(built);
  },
  'entra/certificates/rollover-retired': signedWithRolloverKey('retired'),
  'entra/certificates/never-published-certificate': signedWithRolloverKey('neverPublished'),
  'entra/certificates/not-refreshed': (built) => {
    expect(built.scenario.phase).toBe('after-rollover');
    signed(['Assertion'])(built);
  },
  'entra/certificates/expired-certificate-still-signing': (built) => {
    expect(built.scenario.phase).toBe('expired-certificate');
    signed(['Assertion'])(built);
  },
  // Single logout: the phase drives the exchange (runner/run/logout-phase.ts); the sign-in is the baseline.
  'entra/logout/sp-initiated-logout': logoutCheck({ kind: 'sp-initiated' }, 'reject'),
  'entra/logout/logout-response-unsigned': logoutCheck(
    { kind: 'logout-response', change: 'unsigned' },
    'accept',
  ),
  'entra/logout/logout-response-other-request': logoutCheck(
    { kind: 'logout-response', change: 'other-request' },
    'accept',
  ),
  'entra/logout/logout-response-other-issuer': logoutCheck(
    { kind: 'logout-response', change: 'other-issuer' },
    'accept',
  ),
  'entra/logout/logout-response-not-success': logoutCheck(
    { kind: 'logout-response', change: 'not-success' },
    'accept',
  ),
  'entra/logout/idp-logout-request': logoutCheck(
    { kind: 'idp-logout-request', signing: 'idp', from: 'own-browser' },
    'reject',
  ),
  'entra/logout/forged-logout-request-unsigned': logoutCheck(
    { kind: 'idp-logout-request', signing: 'none', from: 'other-browser' },
    'accept',
  ),
  'entra/logout/forged-logout-request-unsigned-own-browser': logoutCheck(
    { kind: 'idp-logout-request', signing: 'none', from: 'own-browser' },
    'accept',
  ),
  'entra/logout/forged-logout-request-unknown-key': logoutCheck(
    { kind: 'idp-logout-request', signing: 'unknown-key', from: 'other-browser' },
    'accept',
  ),
  'entra/tenants/email-in-sp-subdomain': (built) => {
    identity('B.Simon@eu.contoso.com')(built);
    expect(built.scenario.requires).toEqual(['sp-domain']);
    signed(['Assertion'])(built);
  },
};

describe('entra scenarios', () => {
  const scenarios = scenariosOf(groups);

  it('has a check for every scenario', () => expectCheckForEvery(groups, checks));

  it('uses two different issuers for the two tenants', async () => {
    const main = await build(scenarios.get('entra/signing/sign-assertion-sha256')!);
    const other = await build(scenarios.get('entra/tenants/other-tenant')!);
    expect(text(other.doc, 'Issuer')).not.toBe(text(main.doc, 'Issuer'));
    expect(text(other.doc, 'Issuer', 1)).toBe(text(other.doc, 'Issuer'));
  });

  it.each(Object.keys(checks))('%s carries its change', async (id) => {
    await checks[id]!(await build(scenarios.get(id)!));
  });
});
