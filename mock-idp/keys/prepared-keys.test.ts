import { createPublicKey, X509Certificate } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addPreparedKeys,
  clearPreparedKeys,
  prepareKeysInBackground,
  keysReadyOrPending,
  preparedKeyCount,
  takePreparedKey,
} from './prepared-keys.js';
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

  it('generates keys in the background: distinct RSA-2048 keys (e = 65537), each handed out once', async () => {
    const pending = prepareKeysInBackground(3);
    // Nothing is waited for: a key asked for now is generated on the spot.
    expect(preparedKeyCount()).toBe(0);
    await pending;
    expect(preparedKeyCount()).toBe(3);
    const keys = [takePreparedKey(2048), takePreparedKey(2048), takePreparedKey(2048)] as string[];
    expect(new Set(keys).size).toBe(3);
    for (const key of keys) {
      const details = createPublicKey(key).asymmetricKeyDetails;
      expect([details?.modulusLength, details?.publicExponent]).toEqual([2048, 65537n]);
    }
    expect(takePreparedKey(2048)).toBeUndefined();
  });

  it('asked for several, resolves as soon as the first ones are ready, while the rest are still made', async () => {
    await keysReadyOrPending(3, 1);
    // Two are made at a time: the third cannot be done when the first is.
    expect(preparedKeyCount()).toBeGreaterThanOrEqual(1);
    expect(preparedKeyCount()).toBeLessThan(3);
    // Asked again, nothing new is started: waiting for none pending leaves exactly three.
    await keysReadyOrPending(3, Number.MAX_SAFE_INTEGER);
    expect(preparedKeyCount()).toBe(3);
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
