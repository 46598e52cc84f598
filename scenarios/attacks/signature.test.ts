/** @module Tests for SIG-01..13: the XML each signature attack sends — what is signed, by which key, and what verifies with the pinned IdP certificate. */
import { describe, expect, it } from 'vitest';
import { responseFor, scenarioIdp } from '../../runner/engine/test-support/scenario-harness.js';
import { CLAIM } from '../../mock-idp/constants/namespaces.js';
import group from './signature.js';
import keys from './signature-keys.js';
import { lookalikeCertificate } from '../mutations/signature.js';
import { certificateBase64, describeCertificate } from '../../mock-idp/keys/signing-certificate.js';
import {
  all,
  directSignature,
  one,
  pick,
  saml,
  signatureOf,
  verifies,
  verifyWith,
} from './test-support/verify.js';
import { createPublicKey, X509Certificate } from 'node:crypto';

const idp = scenarioIdp();
const IDP_CERT = idp.tenant.signingMaterial(idp.app).certificatePem;
const ATTACKER_CERT = idp.attacker.certificatePem;
const build = (slug: string) => responseFor(pick(group, slug));
const buildKeys = (slug: string) => responseFor(pick(keys, slug));
const nameId = (doc: Parameters<typeof saml>[0]) => one(doc, 'NameID').textContent;

describe('attacks/signature (SIG-01..06, SIG-13)', () => {
  it('SIG-01 sends the victim with no Signature anywhere', async () => {
    const { doc } = await build('unsigned');
    expect(all(doc, 'Signature')).toHaveLength(0);
    expect(nameId(doc)).toBe(idp.victim);
  });

  it('SIG-02 removes every Signature after swapping in the victim', async () => {
    const { doc } = await build('stripped-after-tampering');
    expect(all(doc, 'Signature')).toHaveLength(0);
    expect(nameId(doc)).toBe(idp.victim);
  });

  it('SIG-03 keeps only the Response Signature, which no longer verifies', async () => {
    const { xml, doc } = await build('assertion-signature-stripped');
    expect(signatureOf(saml(doc, 'Assertion')[0]!)).toBeUndefined();
    expect(nameId(doc)).toBe(idp.victim);
    expect(verifies(xml, directSignature(doc.documentElement!), IDP_CERT)).toBe(false);
  });

  it('SIG-04 signs only the Response, validly', async () => {
    const { xml, doc } = await build('response-only-signed');
    expect(signatureOf(saml(doc, 'Assertion')[0]!)).toBeUndefined();
    expect(verifyWith(xml, directSignature(doc.documentElement!), IDP_CERT)).toBe(true);
  });

  it('SIG-05 tampers NameID and email after signing: both digests break', async () => {
    const { xml, doc } = await build('tampered-nameid');
    expect(nameId(doc)).toBe(idp.victim);
    const email = saml(doc, 'Attribute').find((a) => a.getAttribute('Name') === CLAIM.emailAddress)!;
    expect(email.textContent).toBe(idp.victim);
    for (const signature of all(doc, 'Signature')) expect(verifies(xml, signature, IDP_CERT)).toBe(false);
  });

  it('SIG-06 changes the signed role from user to admin', async () => {
    const { xml, doc } = await build('tampered-role-attribute');
    const role = saml(doc, 'Attribute').find((a) => a.getAttribute('Name') === CLAIM.role)!;
    expect(role.textContent).toBe('admin');
    expect(verifies(xml, directSignature(saml(doc, 'Assertion')[0]!), IDP_CERT)).toBe(false);
  });

  it('SIG-13 breaks the Assertion signature three ways', async () => {
    const noInfo = directSignature(saml((await build('signed-info-missing')).doc, 'Assertion')[0]!);
    expect(all(noInfo, 'SignedInfo')).toHaveLength(0);
    const empty = directSignature(saml((await build('signature-value-empty')).doc, 'Assertion')[0]!);
    expect(one(empty, 'SignatureValue').textContent).toBe('');
    const noRef = directSignature(saml((await build('signed-info-without-reference')).doc, 'Assertion')[0]!);
    expect(all(noRef, 'SignedInfo')).toHaveLength(1);
    expect(all(noRef, 'Reference')).toHaveLength(0);
  });
});

describe("attacks/signature key trust (SIG-07..11): valid K' signatures, never K", () => {
  const assertionSignature = (doc: Parameters<typeof saml>[0]) => directSignature(saml(doc, 'Assertion')[0]!);
  const x509 = (doc: Parameters<typeof saml>[0]) =>
    all(assertionSignature(doc), 'X509Certificate').map((c) => c.textContent);

  it("SIG-07 signs Response and Assertion with K' and carries K''s certificate", async () => {
    const { xml, doc } = await buildKeys('attacker-key-certificate-in-keyinfo');
    expect(nameId(doc)).toBe(idp.victim);
    for (const signature of all(doc, 'Signature')) {
      expect(verifyWith(xml, signature, ATTACKER_CERT)).toBe(true);
      expect(verifies(xml, signature, IDP_CERT)).toBe(false);
      expect(one(signature, 'X509Certificate').textContent).toBe(certificateBase64(ATTACKER_CERT));
    }
  });

  it("SIG-07b embeds a look-alike of K's certificate holding K''s key", async () => {
    const { xml, doc } = await buildKeys('attacker-key-lookalike-certificate');
    const lookalike = lookalikeCertificate(IDP_CERT, idp.attacker);
    expect(x509(doc)).toEqual([certificateBase64(lookalike)]);
    const [real, fake] = [describeCertificate(IDP_CERT), describeCertificate(lookalike)];
    expect({ ...fake, thumbprint: '' }).toEqual({ ...real, thumbprint: '' });
    expect(fake.thumbprint).not.toBe(real.thumbprint);
    // Self-signed by K': its own signature verifies with K''s public key, not with K's.
    expect(new X509Certificate(lookalike).verify(createPublicKey(idp.attacker.privateKey))).toBe(true);
    expect(new X509Certificate(lookalike).verify(new X509Certificate(IDP_CERT).publicKey)).toBe(false);
    expect(verifyWith(xml, assertionSignature(doc), lookalike)).toBe(true);
    expect(verifies(xml, assertionSignature(doc), IDP_CERT)).toBe(false);
  });

  it.each([
    ['attacker-key-no-keyinfo', []],
    ['two-certificates-idp-first', [IDP_CERT, ATTACKER_CERT]],
    ['two-certificates-attacker-first', [ATTACKER_CERT, IDP_CERT]],
    ['idp-certificate-attacker-signature', [IDP_CERT]],
  ])('%s: KeyInfo certificates as intended, signature by K only', async (slug, certs) => {
    const { xml, doc } = await buildKeys(slug);
    expect(nameId(doc)).toBe(idp.victim);
    expect(x509(doc)).toEqual(certs.map(certificateBase64));
    if (certs.length === 0) expect(all(assertionSignature(doc), 'KeyInfo')).toHaveLength(0);
    expect(verifyWith(xml, assertionSignature(doc), ATTACKER_CERT)).toBe(true);
    expect(verifies(xml, assertionSignature(doc), IDP_CERT)).toBe(false);
  });

  it("SIG-10 carries K''s RSAKeyValue and no certificate", async () => {
    const { doc } = await buildKeys('attacker-raw-key-value');
    const jwk = createPublicKey(idp.attacker.privateKey).export({ format: 'jwk' });
    const modulus = one(assertionSignature(doc), 'Modulus').textContent ?? '';
    expect(Buffer.from(modulus, 'base64').toString('base64url')).toBe(jwk.n);
    expect(x509(doc)).toEqual([]);
  });
});
