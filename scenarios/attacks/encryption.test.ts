/** @module Tests for ENC-01..07: decrypts each response with the SP's key to check what is inside, signed by whom. */
import { describe, expect, it } from 'vitest';
import xmlenc from 'xml-encryption';
import {
  responseFor,
  scenarioIdp,
  spEncryptionKeys,
} from '../../runner/engine/test-support/scenario-harness.js';
import group from './encryption.js';
import { RSA_1_5 } from '../mutations/encryption.js';
import { EVIL_ASSERTION_ID } from '../mutations/xsw.js';
import {
  all,
  childrenOf,
  directSignature,
  one,
  parseXml,
  pick,
  saml,
  serializeXml,
  signatureOf,
  verifies,
  verifyAlone,
  verifyWith,
} from './test-support/verify.js';

const idp = scenarioIdp();
const CERT = idp.tenant.signingMaterial(idp.app).certificatePem;
const build = (slug: string) => responseFor(pick(group, slug));

/** Decrypts the (only) EncryptedAssertion with the SP's private key; rejects if it cannot. */
async function decrypted(doc: Parameters<typeof one>[0]) {
  const data = one(one(doc, 'EncryptedAssertion'), 'EncryptedData');
  const plain = await new Promise<string>((resolve, reject) =>
    xmlenc.decrypt(
      serializeXml(data),
      {
        key: spEncryptionKeys().privateKeyPem,
        disallowDecryptionWithInsecureAlgorithm: false,
        warnInsecureAlgorithm: false,
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    ),
  );
  return parseXml(plain).documentElement!;
}

describe('attacks/encryption (ENC-01..04, 06, 07)', () => {
  it('requires an SP encryption certificate', () => {
    for (const s of group.scenarios) expect(s.requires, s.id).toContain('encryption');
  });

  it('ENC-01 encrypts an unsigned victim Assertion; nothing is signed', async () => {
    const { doc } = await build('unsigned-encrypted-assertion');
    expect(all(doc, 'Signature')).toHaveLength(0);
    const assertion = await decrypted(doc);
    expect(signatureOf(assertion)).toBeUndefined();
    expect(one(assertion, 'NameID').textContent).toBe(idp.victim);
  });

  it('ENC-02 signs only the Response over the ciphertext; the inner Assertion is unsigned', async () => {
    const { xml, doc } = await build('response-signed-encrypted-assertion-unsigned');
    expect(verifyWith(xml, directSignature(doc.documentElement!), CERT)).toBe(true);
    expect(signatureOf(await decrypted(doc))).toBeUndefined();
  });

  it.each(['before', 'after'])(
    'ENC-03 puts an unsigned plaintext victim Assertion %s the signed EncryptedAssertion',
    async (position) => {
      const { doc } = await build(`plaintext-assertion-${position}-encrypted`);
      const order = childrenOf(doc.documentElement!).map((c) => c.localName);
      expect(order).toEqual(
        position === 'before'
          ? ['Issuer', 'Status', 'Assertion', 'EncryptedAssertion']
          : ['Issuer', 'Status', 'EncryptedAssertion', 'Assertion'],
      );
      const plaintext = saml(doc, 'Assertion')[0]!;
      expect(plaintext.getAttribute('ID')).toMatch(new RegExp(`^${EVIL_ASSERTION_ID}_[0-9a-f]+$`));
      expect(signatureOf(plaintext)).toBeUndefined();
      expect(one(plaintext, 'NameID').textContent).toBe(idp.victim);
      const inner = await decrypted(doc);
      expect(one(inner, 'NameID').textContent).not.toBe(idp.victim);
      expect(verifyAlone(inner, directSignature(inner), CERT)).toBe(true);
    },
  );

  it("ENC-04 encrypts a victim Assertion signed by K'", async () => {
    const { doc } = await build('attacker-signed-encrypted-assertion');
    const inner = await decrypted(doc);
    expect(one(inner, 'NameID').textContent).toBe(idp.victim);
    expect(verifyAlone(inner, directSignature(inner), idp.attacker.certificatePem)).toBe(true);
    expect(verifies(serializeXml(inner), directSignature(inner), CERT)).toBe(false);
  });

  it('ENC-06 tampered CBC ciphertext no longer yields the signed Assertion', async () => {
    const { doc } = await build('tampered-cbc-ciphertext');
    const outcome = await decrypted(doc).then(
      (inner) => verifies(serializeXml(inner), directSignature(inner), CERT),
      () => false,
    );
    expect(outcome).toBe(false);
  });

  it('ENC-07 relabels the key transport as rsa-1_5 over a tampered key', async () => {
    const { doc } = await build('rsa-1-5-key-transport-tampered');
    const key = one(doc, 'EncryptedKey');
    expect(
      childrenOf(key)
        .find((c) => c.localName === 'EncryptionMethod')!
        .getAttribute('Algorithm'),
    ).toBe(RSA_1_5);
    await expect(decrypted(doc)).rejects.toThrow();
  });
});
