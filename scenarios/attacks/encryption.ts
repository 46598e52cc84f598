/**
 * @module Encrypted assertions (docs/attacks.md §G, ENC-01..04, ENC-06/07): encryption is not
 * authentication, a plaintext assertion beside an encrypted one, an attacker-signed assertion inside
 * the encryption, and tampered ciphertext or key transport. Needs an SP with an encryption certificate.
 */
import { defineScenarios } from '../define.js';
import type { NegativeControl, ScenarioInput } from '../types.js';
import { swapIdentity } from '../mutations/basic.js';
import {
  RSA_1_5,
  flipCiphertextBit,
  keyTransportAlgorithm,
  plaintextBesideEncrypted,
} from '../mutations/encryption.js';
import { cve, profiles } from './common.js';
import { KEY_NOT_PINNED, SIGNATURE_UNCHECKED } from '../control-groups.js';

const XMLENC_SECURITY = {
  url: 'https://www.w3.org/TR/xmlenc-core1/#sec-Security-Considerations',
  title: 'XML Encryption 1.1 security considerations (CBC and RSA PKCS#1 v1.5 oracles: Jager & Somorovsky)',
};
const common = { requires: ['encryption'], tags: ['encryption'] } as const;
const forge = { ...common, level: 'must', expect: 'no-victim-session' } as const;

function plaintextBeside(position: 'before' | 'after', control: NegativeControl): ScenarioInput {
  return {
    ...forge,
    control,
    slug: `plaintext-assertion-${position}-encrypted`,
    title: `Puts an unsigned plaintext victim Assertion ${position} the legitimate EncryptedAssertion (ENC-03)`,
    requirement:
      'The SP MUST reject a Response holding both plaintext and encrypted assertions, and never use an unsigned one.',
    fix: 'Refuse a Response that holds more than one assertion (plaintext beside encrypted above all) and read identity only from the verified one (GitHub Enterprise Server: CVE-2024-4985, CVE-2024-9487).',
    refs: [cve('CVE-2024-4985'), cve('CVE-2024-9487'), profiles('4.1.4.5')],
    response: { encrypt: 'aes256-cbc' },
    mutations: plaintextBesideEncrypted(position),
  };
}

export default defineScenarios('attacks/encryption', [
  {
    ...forge,
    slug: 'unsigned-encrypted-assertion',
    control: SIGNATURE_UNCHECKED,
    title: 'Encrypts an unsigned victim Assertion for the SP; no signature anywhere (ENC-01)',
    requirement:
      'The SP MUST reject an encrypted assertion that no signature protects: encryption is not authentication.',
    fix: 'Verify the signature of the decrypted assertion (or of the Response around it) with the IdP certificate: encryption to your key proves nothing about the sender (CVE-2024-9487, fixed in GHES 3.14.2 and 3.13.5).',
    refs: [profiles('4.1.4.5'), cve('CVE-2024-9487')],
    response: { sign: 'none', encrypt: 'aes256-cbc' },
    mutations: [swapIdentity('before-sign')],
  },
  {
    ...common,
    slug: 'response-signed-encrypted-assertion-unsigned',
    title: 'Signs only the Response over an EncryptedAssertion whose inner Assertion is unsigned (ENC-02)',
    requirement:
      'An SP that sets WantAssertionsSigned SHOULD reject a decrypted assertion that carries no signature.',
    fix: "If you want signed assertions, check the decrypted assertion's own signature; otherwise make sure the verified Response signature covers the EncryptedAssertion you decrypt.",
    refs: [profiles('4.1.4.5'), cve('CVE-2024-9487')],
    level: 'info',
    expect: 'reject',
    response: { sign: 'response', encrypt: 'aes256-cbc' },
    note: 'Conformance only: the Response signature covers the ciphertext; rejecting is right iff the SP requires signed assertions.',
  },
  plaintextBeside('before', [
    { sp: 'naive-read-first-assertion' },
    { sp: 'naive-any-valid-signature' },
    { sp: 'naive-xsw-first-reader' },
    { sp: 'naive-unverified-multiple-assertions' },
  ]),
  plaintextBeside('after', [
    { sp: 'naive-read-first-assertion' },
    { sp: 'naive-xsw-first-reader' },
    { sp: 'naive-unverified-multiple-assertions' },
  ]),
  {
    ...forge,
    slug: 'attacker-signed-encrypted-assertion',
    control: KEY_NOT_PINNED,
    title:
      "Signs the victim's Assertion with K' (its certificate in KeyInfo), then encrypts it for the SP (ENC-04)",
    requirement: 'The SP MUST verify a decrypted assertion only with the pinned IdP key.',
    fix: "Verify the decrypted assertion's signature with the pinned IdP certificate only, never with KeyInfo inside it; xml-crypto users: upgrade to 6.0.0 or later (CVE-2024-32962).",
    refs: [cve('CVE-2024-32962'), profiles('4.1.4.5')],
    response: { signingKey: 'attacker', encrypt: 'aes256-cbc' },
    mutations: [swapIdentity('before-sign')],
  },
  {
    ...common,
    slug: 'tampered-cbc-ciphertext',
    title: 'Flips one bit in the next-to-last AES-CBC block of the EncryptedAssertion (ENC-06)',
    requirement:
      'The SP MUST reject a response whose ciphertext was modified, with no session and a uniform error.',
    fix: 'Refuse a ciphertext that does not decrypt with the same error and timing as any other failure; prefer AES-GCM, and trust decrypted data only once its signature verifies.',
    refs: [XMLENC_SECURITY, profiles('4.1.4.5')],
    level: 'must',
    expect: 'reject',
    control: {
      none: 'The flipped bit garbles the plaintext, so decryption or the strict parse of the plaintext fails; no weakness relaxes decryption.',
      wouldNeed: 'A padding/parse-lenient decryption weakness (and a timing oracle for ENC-06 itself).',
    },
    response: { encrypt: 'aes256-cbc' },
    mutations: [flipCiphertextBit('data')],
    note: 'Error-message and timing uniformity (the padding-oracle signal) is not judged here; compare the evidence.',
  },
  {
    ...common,
    slug: 'rsa-1-5-key-transport-tampered',
    title: 'Relabels the EncryptedKey as rsa-1_5 and flips a bit of the key ciphertext (ENC-07)',
    requirement:
      'The SP MUST reject RSA PKCS#1 v1.5 key transport or a key that does not decrypt, with no session.',
    fix: 'Refuse rsa-1_5 key transport and accept only RSA-OAEP; answer every decryption failure with one uniform error, so there is no padding oracle.',
    refs: [
      XMLENC_SECURITY,
      {
        url: 'https://www.w3.org/TR/xmlenc-core1/#sec-RSA-1_5',
        title: 'XML Encryption 1.1: RSA Version 1.5',
      },
    ],
    level: 'must',
    expect: 'reject',
    control: {
      none: 'RSA-1_5 key transport is refused before decrypting, no weakness allows it, and the tampered key would not unwrap anyway.',
      wouldNeed:
        'A decryption weakness allowing RSA-1_5 key transport (and a timing oracle for ENC-07 itself).',
    },
    response: { encrypt: 'aes256-cbc' },
    mutations: [keyTransportAlgorithm(RSA_1_5), flipCiphertextBit('key')],
  },
]);
