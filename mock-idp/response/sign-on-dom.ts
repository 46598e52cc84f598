/**
 * @module Signing an element of a DOM already built, in place (issue 11): signElement() makes
 * xml-crypto parse the whole serialized text again, run XPath, canonicalize, insert the Signature and
 * serialize, a fifth of the harness's CPU in a catalog run. Here the canonical form xml-crypto's
 * ExclusiveCanonicalization gives is written from the nodes held (exclusive-c14n.ts: the same bytes, in
 * one walk), node:crypto makes the digest and the RSA PKCS#1 v1.5 signature (deterministic, the same
 * bytes as xml-crypto's), and the Signature is built
 * as xml-crypto builds it (signed-xml.js computeSignature / createSignedInfo / addAllReferences /
 * createSignature): default-namespace ds, CanonicalizationMethod, SignatureMethod, one Reference to
 * `#ID` with the enveloped-signature and c14n transforms, the digest of the element as it was before
 * the Signature went in, SignatureValue, KeyInfo/X509Data/X509Certificate.
 *
 * The contract: after `signOnDom(doc, o)` returns true, serializeXml(doc) is byte-for-byte what
 * `signElement(serializeXml(doc before), o)` returns (sign-on-dom.test.ts, and the whole catalog in
 * runner/engine/dom-signing-catalog.test.ts). It returns false, the DOM untouched, wherever that cannot
 * be shown (dom-signing-plan.ts): then the caller takes the string path, exactly as before.
 */
import { createHash, sign } from 'node:crypto';
import { ALG, NS } from '../constants/namespaces.js';
import { certificateBase64 } from '../keys/signing-certificate.js';
import { element, type Attrs, type Child } from '../util/dom-builder.js';
import { parseXml, serializeXml, type Document, type Element } from '../util/xml.js';
import { planDomSigning } from './dom-signing-plan.js';
import { exclusiveC14n } from './exclusive-c14n.js';
import { SIGNATURE_ALGORITHM, signElement, type SignElementOptions } from './sign.js';

/**
 * The canonicalization methods this signer reproduces: exclusive c14n for the Reference (xml-crypto's
 * calculateReferenceDigest discards comments first, so WithComments gives the same digest) and for SignedInfo,
 * which has no comments and is written as text (canonicalSignedInfoText).
 */
const CANONICALIZATIONS: ReadonlySet<string> = new Set([ALG.excC14n, ALG.excC14nWithComments]);
const HASH = { sha256: 'sha256', sha1: 'sha1' } as const;
const BASE64 = /^[A-Za-z0-9+/=]*$/;

let enabled = true;

/**
 * Test switch: with false, every caller takes the string path it took before the DOM signer existed,
 * so a test can compare the two over the same inputs. Never turned off outside tests.
 */
export function setDomSigning(on: boolean): void {
  enabled = on;
}

export function domSigningEnabled(): boolean {
  return enabled;
}

/**
 * Signs the element with `options.elementId` inside `doc`, in place, when the result is provably
 * what signElement would give; true when it did, false (DOM untouched) when the caller must take the
 * string path.
 */
export function signOnDom(doc: Document, options: SignElementOptions): boolean {
  if (!enabled) return false;
  const c14n = options.canonicalization ?? ALG.excC14n;
  const algorithm = SIGNATURE_ALGORITHM[options.algorithm];
  const hash = HASH[options.algorithm];
  const certificate = certificateBase64(options.key.certificatePem);
  // PKCS#1 v1.5 is deterministic; another key type (RSA-PSS) makes signatures that differ run to run.
  if (
    !CANONICALIZATIONS.has(c14n) ||
    !algorithm ||
    !hash ||
    options.key.privateKey.asymmetricKeyType !== 'rsa'
  )
    return false;
  // xml-crypto parses the certificate into the KeyInfo text; markup in it would read differently.
  if (!BASE64.test(certificate)) return false;
  const plan = planDomSigning(doc, options.elementId);
  if (!plan) return false;

  const removed = plan.emptyTexts.map((node) => ({ node, parent: node.parentNode!, next: node.nextSibling }));
  for (const { node, parent } of removed) parent.removeChild(node);
  let signature: Element;
  try {
    // The Reference's digest: the element's exclusive canonical form before the Signature goes in, as
    // xml-crypto's calculateReferenceDigest makes it (enveloped-signature removes nothing yet; the comments
    // it discards render as nothing without comments).
    const digest = createHash(hash).update(exclusiveC14n(plan.target), 'utf8').digest('base64');
    const parts = signatureParts(doc, { c14n, algorithm, elementId: options.elementId, digest, certificate });
    const canonicalSignedInfo = canonicalSignedInfoText({
      c14n,
      algorithm,
      elementId: options.elementId,
      digest,
    });
    const value = sign(hash, Buffer.from(canonicalSignedInfo, 'utf8'), options.key.privateKey);
    parts.signature.insertBefore(
      dsElement(doc, 'SignatureValue', [], [value.toString('base64')]),
      parts.keyInfo,
    );
    signature = parts.signature;
  } catch {
    // Too deep for the recursive canonicalizer, or a key node:crypto refuses: put back what was
    // removed and leave it to xml-crypto, which decides (or throws) as it always did.
    for (const { node, parent, next } of removed.reverse()) parent.insertBefore(node, next);
    return false;
  }
  const { target, issuer } = plan;
  target.insertBefore(signature, issuer ? issuer.nextSibling : target.firstChild);
  return true;
}

/**
 * Signs in place whatever the document holds: on the DOM when signOnDom can, else the string path
 * with its result parsed back as the new root (what the harness's re-signing mutations always did).
 */
export function signInPlace(doc: Document, options: SignElementOptions): void {
  if (signOnDom(doc, options)) return;
  const signed = parseXml(signElement(serializeXml(doc), options));
  doc.replaceChild(doc.importNode(signed.documentElement!, true), doc.documentElement!);
}

/** The signed text: signElement(serializeXml(doc), options), taking the DOM path when it can. */
export function signedText(doc: Document, options: SignElementOptions): string {
  return signOnDom(doc, options) ? serializeXml(doc) : signElement(serializeXml(doc), options);
}

function dsElement(doc: Document, name: string, attrs: Attrs = [], children: readonly Child[] = []): Element {
  return element(doc, NS.ds, name, attrs, children);
}

/**
 * The exclusive canonical form of the SignedInfo signatureParts() builds, as its text: what
 * ExclusiveCanonicalization gives for those nodes (xml-crypto canonicalizes SignedInfo on its own, from an
 * empty default namespace: xmlns="ds" on it; empty elements as start and end tag; no comments, so the
 * WithComments method gives the same), without walking them. Nothing in it needs escaping: the algorithms
 * are fixed URIs, the id passed planDomSigning's SAFE_ID (no &, <, >, quotes or whitespace controls) and the
 * digest is base64. The catalog's DOM-vs-string comparison checks every signature made from it.
 */
function canonicalSignedInfoText(o: {
  c14n: string;
  algorithm: { signature: string; digest: string };
  elementId: string;
  digest: string;
}): string {
  const empty = (name: string, algorithm: string) => `<${name} Algorithm="${algorithm}"></${name}>`;
  return (
    `<SignedInfo xmlns="${NS.ds}">${empty('CanonicalizationMethod', o.c14n)}` +
    `${empty('SignatureMethod', o.algorithm.signature)}<Reference URI="#${o.elementId}"><Transforms>` +
    `${empty('Transform', ALG.envelopedSignature)}${empty('Transform', o.c14n)}</Transforms>` +
    `${empty('DigestMethod', o.algorithm.digest)}<DigestValue>${o.digest}</DigestValue></Reference></SignedInfo>`
  );
}

/**
 * The Signature as xml-crypto writes it, SignatureValue still to come: its createSignedInfo (the
 * CanonicalizationMethod and SignatureMethod), addAllReferences (one Reference, its Transforms, the
 * DigestMethod and DigestValue), and getKeyInfo with the X509Certificate signElement gives it.
 */
function signatureParts(
  doc: Document,
  o: {
    c14n: string;
    algorithm: { signature: string; digest: string };
    elementId: string;
    digest: string;
    certificate: string;
  },
): { signature: Element; keyInfo: Element } {
  const ds = (name: string, attrs: Attrs = [], children: readonly Child[] = []) =>
    dsElement(doc, name, attrs, children);
  const transforms = [
    ds('Transform', [['Algorithm', ALG.envelopedSignature]]),
    ds('Transform', [['Algorithm', o.c14n]]),
  ];
  const reference = ds(
    'Reference',
    [['URI', `#${o.elementId}`]],
    [
      ds('Transforms', [], transforms),
      ds('DigestMethod', [['Algorithm', o.algorithm.digest]]),
      ds('DigestValue', [], [o.digest]),
    ],
  );
  const signedInfo = ds(
    'SignedInfo',
    [],
    [
      ds('CanonicalizationMethod', [['Algorithm', o.c14n]]),
      ds('SignatureMethod', [['Algorithm', o.algorithm.signature]]),
      reference,
    ],
  );
  const keyInfo = ds('KeyInfo', [], [ds('X509Data', [], [ds('X509Certificate', [], [o.certificate])])]);
  return { signature: ds('Signature', [['xmlns', NS.ds]], [signedInfo, keyInfo]), keyInfo };
}
