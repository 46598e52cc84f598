/**
 * @module Signature and digest algorithms (docs/attacks.md §D, ALG-01..05): HMAC keyed with the public IdP
 * certificate (key confusion), a zero-length HMAC, SHA-1, MD5, and algorithm URIs that are unknown or
 * do not fit the key.
 */
import { defineScenarios } from '../define.js';
import type { NegativeControl, ScenarioInput } from '../types.js';
import { swapIdentity } from '../mutations/basic.js';
import {
  SIGNATURE_METHOD,
  hmacWithCertificate,
  rsaWithIdpKey,
  signByHand,
  type HandSignature,
  type PemForm,
} from '../mutations/signature.js';
import { cve, dsig, ghsa } from './common.js';
import { SIGNATURE_UNCHECKED } from '../control-groups.js';

const HMAC_GHSA = ghsa(
  'GHSA-c27r-x354-4m68',
  'xml-crypto <2.0.0: HMAC signatures verified with the public certificate as key',
);
const RFC_6931 = {
  url: 'https://www.rfc-editor.org/rfc/rfc6931',
  title: 'RFC 6931: Additional XML Security URIs (MD5 NOT RECOMMENDED)',
};
const NIST_131A = {
  url: 'https://csrc.nist.gov/pubs/sp/800/131/a/r2/final',
  title: 'NIST SP 800-131A Rev. 2 (SHA-1 signatures disallowed)',
};
const ASYMMETRIC_ONLY =
  'The SP MUST reject a symmetric (HMAC) SignatureMethod when its trust anchor is an asymmetric IdP key.';
const KNOWN_ONLY =
  'The SP SHOULD reject a signature whose algorithm URIs it does not implement or that do not fit the IdP key.';

function hmac(form: PemForm, label: string, control: NegativeControl): ScenarioInput {
  return {
    slug: `hmac-keyed-with-certificate-${form}`,
    title: `Forges the victim's Assertion "signed" with HMAC-SHA1 keyed with the IdP certificate PEM (${label}) (ALG-01)`,
    requirement: ASYMMETRIC_ONLY,
    fix: 'Allowlist the asymmetric algorithms the IdP uses (RSA-SHA256) and refuse HMAC SignatureMethods; xml-crypto users: upgrade to 2.0.0 or later (GHSA-c27r-x354-4m68).',
    refs: [HMAC_GHSA, dsig('6.3')],
    level: 'must',
    expect: 'no-victim-session',
    control,
    response: { sign: 'none' },
    mutations: [swapIdentity('before-sign'), hmacWithCertificate('assertion', form)],
    tags: ['algorithm', 'signature'],
  };
}

function odd(slug: string, title: string, spec: HandSignature, refs: ScenarioInput['refs']): ScenarioInput {
  return {
    slug,
    title,
    requirement: KNOWN_ONLY,
    fix: 'Allowlist signature and digest algorithms (RSA-SHA256 or stronger, SHA-256 digests) that fit the pinned IdP key, and refuse unknown, MD5 or mismatched URIs.',
    refs,
    level: 'should',
    expect: 'reject',
    // Only an SP that verifies nothing takes them: the unknown or mismatched URIs fail every verifier here.
    control: SIGNATURE_UNCHECKED,
    response: { sign: 'none' },
    mutations: [signByHand('assertion', spec)],
    tags: ['algorithm', 'signature'],
  };
}

const rsa256 = { signatureMethod: SIGNATURE_METHOD.rsaSha256, sign: rsaWithIdpKey('sha256') } as const;

export default defineScenarios('attacks/algorithms', [
  hmac('pem', 'PEM text with trailing newline', [
    { sp: 'naive-allow-hmac' },
    { sp: 'naive-no-signature-check' },
    { sp: 'naive-xml-unverified' },
    { sp: 'naive-unverified-multiple-assertions' },
  ]),
  hmac('pem-trimmed', 'PEM text trimmed', SIGNATURE_UNCHECKED),
  hmac('pem-crlf', 'PEM text with CRLF line ends', SIGNATURE_UNCHECKED),
  {
    slug: 'hmac-output-length-zero',
    title:
      "Forges the victim's Assertion with HMAC-SHA1, HMACOutputLength 0 and an empty SignatureValue (ALG-02)",
    requirement:
      'The SP MUST reject an HMAC signature truncated below the algorithm minimum (and any HMAC from an asymmetric IdP).',
    fix: 'Refuse HMAC from an asymmetric IdP outright; where HMAC is allowed, refuse HMACOutputLength below 80 bits or half the hash (CVE-2009-0217; xmlsec1 1.2.12+, Santuario Java 1.4.3+).',
    refs: [cve('CVE-2009-0217'), dsig('6.3.1')],
    level: 'must',
    expect: 'no-victim-session',
    control: SIGNATURE_UNCHECKED,
    response: { sign: 'none' },
    mutations: [swapIdentity('before-sign'), hmacWithCertificate('assertion', 'pem', 0)],
    tags: ['algorithm', 'signature'],
  },
  {
    slug: 'rsa-sha1',
    title: 'Signs the Assertion correctly with K but with rsa-sha1 and a sha1 digest (ALG-03)',
    requirement: 'A hardened SP SHOULD reject (or at least warn about) SHA-1 signatures.',
    fix: 'Accept only RSA-SHA256 or stronger signatures and digests: NIST disallows SHA-1 signatures, and Entra signs with SHA-256 unless an admin changes it.',
    refs: [NIST_131A, dsig('6.4.2')],
    level: 'info',
    expect: 'reject',
    response: { signatureAlgorithm: 'sha1' },
    note: 'Policy: SAML permits SHA-1; Entra can be set to SHA-1. Recorded, not scored.',
    tags: ['algorithm', 'signature'],
  },
  odd(
    'rsa-md5',
    'Signs the Assertion with K using xmldsig-more#rsa-md5 and an md5 digest (ALG-04)',
    { signatureMethod: SIGNATURE_METHOD.rsaMd5, digest: 'md5', sign: rsaWithIdpKey('md5') },
    [RFC_6931, dsig('6.1')],
  ),
  odd(
    'unknown-signature-method',
    'Signs with K (RSA-SHA256) but names an unknown SignatureMethod URI (ALG-05)',
    { ...rsa256, signatureMethod: 'urn:samlspec:unknown-signature-method' },
    [dsig('6.1'), RFC_6931],
  ),
  odd(
    'ecdsa-uri-with-rsa-key',
    'Signs with K (RSA-SHA256) but names ecdsa-sha256 as the SignatureMethod (ALG-05)',
    { ...rsa256, signatureMethod: SIGNATURE_METHOD.ecdsaSha256 },
    [dsig('6.4.3'), RFC_6931],
  ),
  odd(
    'unknown-digest-method',
    'Signs with K; the Reference names an unknown DigestMethod URI over a SHA-256 digest (ALG-05)',
    { ...rsa256, digestMethod: 'urn:samlspec:unknown-digest-method' },
    [dsig('6.2'), RFC_6931],
  ),
]);
