import { createPublicKey, X509Certificate } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addPreparedKeys, clearPreparedKeys, preparedKeyCount, takePreparedKey } from './prepared-keys.js';
import { createSigningCertificate, generatePrivateKeyPem } from './signing-certificate.js';

const publicKeyOf = (privateKeyPem: string): string =>
  createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
const certificateKey = (certificatePem: string): string =>
  new X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('prepared keys', () => {
  // The test setup (test-support/use-prepared-keys.ts) fills the same list: start from nothing.
  beforeEach(() => clearPreparedKeys());
  afterEach(() => clearPreparedKeys());

  it('hands each prepared key out once, in order, then lets createSigningCertificate generate', () => {
    const first = generatePrivateKeyPem(2048);
    const second = generatePrivateKeyPem(2048);
    addPreparedKeys([first, second]);
    const a = createSigningCertificate();
    const b = createSigningCertificate();
    expect(a.privateKeyPem).toBe(first);
    expect(b.privateKeyPem).toBe(second);
    // The certificate is new and is for the prepared key.
    expect(certificateKey(a.certificatePem)).toBe(publicKeyOf(first));
    expect(certificateKey(b.certificatePem)).toBe(publicKeyOf(second));
    expect(preparedKeyCount()).toBe(0);
    const c = createSigningCertificate();
    expect([first, second]).not.toContain(c.privateKeyPem);
    expect(certificateKey(c.certificatePem)).toBe(publicKeyOf(c.privateKeyPem));
  });

  it('keeps them for the size they have: another size is generated', () => {
    const prepared = generatePrivateKeyPem(2048);
    addPreparedKeys([prepared]);
    expect(takePreparedKey(1024)).toBeUndefined();
    const small = createSigningCertificate({ keyBits: 1024 });
    expect(small.privateKeyPem).not.toBe(prepared);
    expect(createPublicKey(small.privateKeyPem).asymmetricKeyDetails?.modulusLength).toBe(1024);
    expect(preparedKeyCount()).toBe(1);
  });
});
