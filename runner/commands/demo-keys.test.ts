import { createPublicKey } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_IDP_PRIVATE_KEYS } from '../../fixtures/keys/demo-idp-keys.js';
import { DEMO_SP_PRIVATE_KEYS } from '../../fixtures/sps/shared/demo-sp-keys.js';
import { createSigningCertificate } from '../../mock-idp/keys/signing-certificate.js';
import { clearPreparedKeys, preparedKeyCount, takePreparedKey } from '../../mock-idp/keys/prepared-keys.js';
import { seedDemoIdpKeys } from './demo-keys.js';

describe('demo IdP keys', () => {
  // The test setup hands every file a batch of keys: start from none.
  beforeEach(() => clearPreparedKeys());

  it('are six distinct RSA-2048 keys (e = 65537), none of them one of the SP’s', () => {
    expect(new Set(DEMO_IDP_PRIVATE_KEYS).size).toBe(6);
    for (const pem of DEMO_IDP_PRIVATE_KEYS) {
      const details = createPublicKey(pem).asymmetricKeyDetails;
      expect([details?.modulusLength, details?.publicExponent]).toEqual([2048, 65537n]);
      expect(DEMO_SP_PRIVATE_KEYS).not.toContain(pem);
    }
  });

  it('are handed out once each, in order, and only once per process: then keys are generated', () => {
    seedDemoIdpKeys();
    seedDemoIdpKeys();
    expect(preparedKeyCount()).toBe(DEMO_IDP_PRIVATE_KEYS.length);
    const taken = DEMO_IDP_PRIVATE_KEYS.map(() => createSigningCertificate().privateKeyPem);
    expect(taken).toEqual(DEMO_IDP_PRIVATE_KEYS);
    seedDemoIdpKeys();
    expect(takePreparedKey(2048)).toBeUndefined();
    expect(DEMO_IDP_PRIVATE_KEYS).not.toContain(createSigningCertificate().privateKeyPem);
  });
});
