/** @module Entra token encryption — an EncryptedAssertion for the SP's encryption certificate (AES-256, RSA-OAEP). */
import { defineScenarios } from '../define.js';
import { ENTRA_DOCS } from './entra-refs.js';

export default defineScenarios('entra/encryption', [
  {
    slug: 'aes256-cbc',
    title: 'Encrypts the signed assertion with AES-256-CBC, key transported with RSA-OAEP (as Entra does)',
    requirement:
      'An SP that publishes an encryption certificate MUST decrypt the assertion and sign the user in.',
    fix: "Decrypt the EncryptedAssertion with your private key (RSA-OAEP key transport, AES-256-CBC content), then verify the decrypted assertion's signature as usual.",
    refs: [ENTRA_DOCS.encryption, { doc: 'saml-core', section: '2.3.4' }],
    level: 'must',
    expect: 'accept',
    control: [{ sp: 'overstrict-wrong-decryption-key' }, { sp: 'overstrict-gcm-only' }],
    requires: ['encryption'],
    response: { encrypt: 'aes256-cbc' },
    tags: ['encryption'],
  },
  {
    slug: 'aes256-cbc-signed-response',
    title: 'Encrypts the signed assertion (AES-256-CBC) inside a signed Response',
    requirement:
      'The SP MUST verify the Response signature over the EncryptedAssertion, decrypt, and sign the user in.',
    fix: "Verify the Response signature over the EncryptedAssertion first, then decrypt and verify the inner assertion's signature before signing the user in.",
    refs: [ENTRA_DOCS.encryption, ENTRA_DOCS.signingOptions],
    level: 'must',
    expect: 'accept',
    control: [{ sp: 'overstrict-wrong-decryption-key' }, { sp: 'overstrict-gcm-only' }],
    requires: ['encryption'],
    response: { encrypt: 'aes256-cbc', sign: 'both' },
    tags: ['encryption', 'signature'],
  },
  {
    slug: 'aes256-gcm',
    title: 'Encrypts the signed assertion with AES-256-GCM (XML Encryption 1.1)',
    requirement:
      'Observation only: whether the SP supports AES-GCM, the algorithm XML Encryption 1.1 recommends over CBC.',
    fix: 'Support AES-256-GCM (http://www.w3.org/2009/xmlenc11#aes256-gcm) for EncryptedData: unlike CBC it is authenticated, and XML Encryption 1.1 recommends it.',
    refs: [
      { url: 'https://www.w3.org/TR/xmlenc-core1/#sec-AES-GCM', title: 'XML Encryption 1.1 §5.2.4 AES-GCM' },
      ENTRA_DOCS.encryption,
    ],
    level: 'info',
    expect: 'accept',
    requires: ['encryption'],
    response: { encrypt: 'aes256-gcm' },
    tags: ['encryption'],
  },
]);
