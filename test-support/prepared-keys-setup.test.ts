import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateBatch } from './prepared-keys-setup.js';

describe('prepared keys batch', () => {
  it('is distinct RSA-2048 keys with e = 65537, as PKCS#8 PEM', async () => {
    const batch = await generateBatch(3);
    expect(new Set(batch).size).toBe(3);
    for (const pem of batch) {
      expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      const details = createPrivateKey(pem).asymmetricKeyDetails;
      expect([details?.modulusLength, details?.publicExponent]).toEqual([2048, 65537n]);
    }
  });
});
