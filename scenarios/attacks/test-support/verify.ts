/**
 * @module Test helpers for the attack scenarios: check a signature with only the pinned certificate
 * (never KeyInfo), check SignatureValue over SignedInfo alone, and read XML the way a naive SP does.
 */
import { createHash, verify as verifySignature } from 'node:crypto';
import type { Document, Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { parseXml, serializeXml } from '../../../mock-idp/util/xml.js';
import { DSIG_NS, SAML_NS, all, childrenOf, one, signatureOf } from '../../mutations/dom.js';
import { excC14n } from '../../mutations/c14n.js';

export { DSIG_NS, SAML_NS, all, childrenOf, one, parseXml, serializeXml, signatureOf };

type SignatureNode = Parameters<SignedXml['loadSignature']>[0];

/** xml-crypto verification of `signature` against `xml`, keyed only by `certPem`; throws why it fails. */
export function verifyWith(xml: string, signature: Element, certPem: string, hmac = false): true {
  const verifier = new SignedXml({ publicCert: certPem, getCertFromKeyInfo: () => null });
  if (hmac) verifier.enableHMAC();
  verifier.loadSignature(signature as unknown as SignatureNode);
  if (!verifier.checkSignature(xml))
    throw new Error(
      `signature invalid: ${verifier
        .getReferences()
        .map((r) => r.validationError?.message)
        .join('; ')}`,
    );
  return true;
}

/** Verifies the signature of `element` over `element` serialized alone (for duplicate-ID layouts). */
export function verifyAlone(element: Element, signature: Element, certPem: string): true {
  return verifyWith(serializeXml(element), signature, certPem);
}

/** Whether `verifyWith` succeeds. */
export function verifies(xml: string, signature: Element, certPem: string): boolean {
  try {
    return verifyWith(xml, signature, certPem);
  } catch {
    return false;
  }
}

/** SignatureValue checked over exc-c14n(SignedInfo) only (comments dropped), RSA with `hash`. */
export function signedInfoVerifies(signature: Element, certPem: string, hash = 'sha256'): boolean {
  const signedInfo = childrenOf(signature).find((c) => c.localName === 'SignedInfo');
  if (!signedInfo) return false;
  const value = Buffer.from(one(signature, 'SignatureValue').textContent ?? '', 'base64');
  return verifySignature(hash, Buffer.from(excC14n(signedInfo), 'utf8'), certPem, value);
}

/** Digest of exc-c14n(element without its own Signature), computed here independently of the mutations. */
export function digest(element: Element, hash = 'sha256', drop: readonly string[] = []): string {
  const copy = element.cloneNode(true) as Element;
  for (const c of childrenOf(copy))
    if (c.localName === 'Signature' && c.namespaceURI === DSIG_NS) copy.removeChild(c);
  for (const name of drop) for (const el of all(copy, name)) el.parentNode!.removeChild(el);
  return createHash(hash).update(excC14n(copy), 'utf8').digest('base64');
}

/** What a naive reader takes: the first child node's value. */
export function firstText(element: Element): string | null {
  return element.firstChild?.nodeValue ?? null;
}

/** The SAML-namespace elements with this local name. */
export function saml(root: Document | Element, localName: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(SAML_NS, localName));
}

export function directSignature(element: Element): Element {
  const signature = signatureOf(element);
  if (!signature) throw new Error(`<${element.localName}> is not signed`);
  return signature;
}

/** The scenario `<prefix>/<slug>` of a group (throws if the catalog lost it). */
export function pick<S extends { id: string }>(group: { scenarios: readonly S[] }, slug: string): S {
  const found = group.scenarios.find((s) => s.id.endsWith(`/${slug}`));
  if (!found) throw new Error(`no scenario ${slug}`);
  return found;
}
