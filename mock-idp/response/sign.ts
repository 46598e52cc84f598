/**
 * @module Enveloped XML-DSig signatures as Entra makes them: exc-c14n, RSA-SHA256 (or SHA-1),
 * Reference to `#ID` with the enveloped-signature and exc-c14n transforms, placed right after the
 * signed element's Issuer, KeyInfo holding only the X509Certificate. Signing uses xml-crypto.
 */
import type { KeyObject } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { ALG } from '../constants/namespaces.js';
import { certificateBase64 } from '../keys/signing-certificate.js';

export type SigningAlgorithm = 'sha256' | 'sha1';

export interface SigningKey {
  privateKey: KeyObject;
  certificatePem: string;
}

export const SIGNATURE_ALGORITHM: Record<SigningAlgorithm, { signature: string; digest: string }> = {
  sha256: { signature: ALG.rsaSha256, digest: ALG.sha256 },
  sha1: { signature: ALG.rsaSha1, digest: ALG.sha1 },
};

export interface SignElementOptions {
  key: SigningKey;
  algorithm: SigningAlgorithm;
  /** ID of the element to sign; the Signature goes after its Issuer child (or first, with no Issuer). */
  elementId: string;
  /** Canonicalization for SignedInfo and the Reference (default exc-c14n). */
  canonicalization?: string;
}

/** Signs the element with the given ID inside `xml` and returns the new serialized document. */
export function signElement(xml: string, options: SignElementOptions): string {
  const alg = SIGNATURE_ALGORITHM[options.algorithm];
  const c14n = options.canonicalization ?? ALG.excC14n;
  const certificate = certificateBase64(options.key.certificatePem);
  const signer = new SignedXml({
    privateKey: options.key.privateKey,
    signatureAlgorithm: alg.signature,
    canonicalizationAlgorithm: c14n,
    getKeyInfoContent: () => `<X509Data><X509Certificate>${certificate}</X509Certificate></X509Data>`,
  });
  const target = `//*[@ID='${options.elementId}']`;
  signer.addReference({
    xpath: target,
    transforms: [ALG.envelopedSignature, c14n],
    digestAlgorithm: alg.digest,
  });
  const hasIssuer = new RegExp(`ID="${escapeRegExp(options.elementId)}"[^>]*>\\s*<(\\w+:)?Issuer[\\s>]`).test(
    xml,
  );
  signer.computeSignature(protectLineEnds(xml), {
    location: hasIssuer
      ? { reference: `${target}/*[local-name()='Issuer']`, action: 'after' }
      : { reference: target, action: 'prepend' },
  });
  // xml-crypto writes NEL and LINE/PARAGRAPH SEPARATOR raw; as references, every verifier reads the
  // signed characters, even an XML 1.1-normalizing parser.
  return protectLineEnds(signer.getSignedXml());
}

/**
 * xml-crypto re-parses with its own xmldom, which applies XML 1.1 line-end normalization (CR, NEL and
 * LINE SEPARATOR become LF) and tracks line numbers with a regex that is quadratic past U+2029. Writing
 * those characters as character references keeps values exactly as built and parsing linear. A raw CR
 * can only be data here (serializeXml never emits one as markup), so this changes no structure.
 */
export function protectLineEnds(xml: string): string {
  return /[\r\u0085\u2028\u2029]/.test(xml)
    ? xml.replace(/[\r\u0085\u2028\u2029]/g, (c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`)
    : xml;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
