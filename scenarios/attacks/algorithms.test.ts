/** @module Tests for ALG-01..05: HMAC key confusion verifies under an HMAC-enabled verifier; odd algorithm URIs sit over real K signatures. */
import { describe, expect, it } from 'vitest';
import { responseFor, scenarioIdp } from '../../runner/engine/test-support/scenario-harness.js';
import group from './algorithms.js';
import { DIGEST_URI } from '../mutations/c14n.js';
import { SIGNATURE_METHOD, pemAs } from '../mutations/signature.js';
import {
  digest,
  directSignature,
  one,
  pick,
  saml,
  signedInfoVerifies,
  verifies,
  verifyWith,
} from './test-support/verify.js';

const idp = scenarioIdp();
const CERT = idp.tenant.signingMaterial(idp.app).certificatePem;
const build = async (slug: string) => {
  const { xml, doc } = await responseFor(pick(group, slug));
  const assertion = saml(doc, 'Assertion')[0]!;
  return { xml, doc, assertion, signature: directSignature(assertion) };
};
const method = (signature: Parameters<typeof one>[0], name: string) =>
  one(signature, name).getAttribute('Algorithm');

describe('attacks/algorithms (ALG-01..05)', () => {
  it.each(['pem', 'pem-trimmed', 'pem-crlf'] as const)(
    'ALG-01 %s: HMAC-SHA1 keyed with the public certificate text verifies as HMAC (xml-crypto with HMAC enabled)',
    async (form) => {
      const { xml, assertion, signature } = await build(`hmac-keyed-with-certificate-${form}`);
      expect(one(assertion, 'NameID').textContent).toBe(idp.victim);
      expect(method(signature, 'SignatureMethod')).toBe(SIGNATURE_METHOD.hmacSha1);
      expect(verifyWith(xml, signature, pemAs(form, CERT), true)).toBe(true);
      expect(verifies(xml, signature, CERT)).toBe(false);
    },
  );

  it('ALG-02 declares HMACOutputLength 0 with an empty SignatureValue', async () => {
    const { assertion, signature } = await build('hmac-output-length-zero');
    expect(one(signature, 'HMACOutputLength').textContent).toBe('0');
    expect(one(signature, 'SignatureValue').textContent).toBe('');
    expect(one(assertion, 'NameID').textContent).toBe(idp.victim);
  });

  it('ALG-03 signs validly with rsa-sha1 and a sha1 digest', async () => {
    const { xml, signature } = await build('rsa-sha1');
    expect(method(signature, 'SignatureMethod')).toBe('http://www.w3.org/2000/09/xmldsig#rsa-sha1');
    expect(method(signature, 'DigestMethod')).toBe(DIGEST_URI.sha1);
    expect(verifyWith(xml, signature, CERT)).toBe(true);
  });

  it('ALG-04 signs validly with rsa-md5 over an md5 digest', async () => {
    const { assertion, signature } = await build('rsa-md5');
    expect(method(signature, 'SignatureMethod')).toBe(SIGNATURE_METHOD.rsaMd5);
    expect(method(signature, 'DigestMethod')).toBe(DIGEST_URI.md5);
    expect(one(signature, 'DigestValue').textContent).toBe(digest(assertion, 'md5'));
    expect(signedInfoVerifies(signature, CERT, 'md5')).toBe(true);
  });

  it.each([
    ['unknown-signature-method', 'SignatureMethod', 'urn:samlspec:unknown-signature-method'],
    ['ecdsa-uri-with-rsa-key', 'SignatureMethod', SIGNATURE_METHOD.ecdsaSha256],
    ['unknown-digest-method', 'DigestMethod', 'urn:samlspec:unknown-digest-method'],
  ])(
    'ALG-05 %s: K really signed (RSA-SHA256, SHA-256 digest) under a %s it does not use',
    async (slug, element, uri) => {
      const { assertion, signature } = await build(slug);
      expect(method(signature, element)).toBe(uri);
      expect(one(signature, 'DigestValue').textContent).toBe(digest(assertion));
      expect(signedInfoVerifies(signature, CERT)).toBe(true);
    },
  );
});
