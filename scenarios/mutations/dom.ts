/** @module DOM helpers for mutations: find SAML elements by local name, whatever their prefix. */
import type { Document, Element, Node } from '@xmldom/xmldom';

export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const SAML_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const SAMLP_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';

/**
 * All elements with this local name ('*': any) below `root` in document order (any namespace): what
 * `Array.from(root.getElementsByTagNameNS('*', localName))` gives, by a plain walk. xmldom's live list walks
 * the tree through generic callbacks and is rebuilt after every change to the document; mutations call this
 * a dozen times per response (dom.test.ts compares the two).
 */
export function all(root: Document | Element, localName: string): Element[] {
  const found: Element[] = [];
  let node: Node | null = root.firstChild;
  while (node) {
    if (node.nodeType === 1 && (localName === '*' || node.localName === localName))
      found.push(node as Element);
    if (node.firstChild) node = node.firstChild;
    else {
      while (node !== root && !node.nextSibling) node = node.parentNode!;
      node = node === root ? null : node.nextSibling;
    }
  }
  return found;
}

/** The `index`-th element with this local name, or an error naming what is missing (a catalog bug). */
export function one(root: Document | Element, localName: string, index = 0): Element {
  const found = all(root, localName)[index];
  if (!found) throw new Error(`mutation target <${localName}>[${index}] not found`);
  return found;
}

export function rootOf(doc: Document): Element {
  const root = doc.documentElement;
  if (!root) throw new Error('document has no root element');
  return root;
}

export function childrenOf(element: Element): Element[] {
  const out: Element[] = [];
  for (let c = element.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c as Element);
  return out;
}

/** The first child element with this local name. */
export function child(element: Element, localName: string): Element | undefined {
  return childrenOf(element).find((c) => c.localName === localName);
}

/** The direct Signature child of an element (the one that signs it), if any. */
export function signatureOf(element: Element): Element | undefined {
  return childrenOf(element).find((c) => c.localName === 'Signature' && c.namespaceURI === DSIG_NS);
}

export function assertionOf(doc: Document): Element {
  return one(doc, 'Assertion');
}

export function insertAfter(node: Node, reference: Node): void {
  const parent = reference.parentNode;
  if (!parent) throw new Error('reference node has no parent');
  if (reference.nextSibling) parent.insertBefore(node, reference.nextSibling);
  else parent.appendChild(node);
}

export function remove(node: Node | undefined): void {
  node?.parentNode?.removeChild(node);
}

/** Replaces every text node whose whole value is `from` (SAML Raider's "match and replace"). */
export function replaceText(root: Node, from: string, to: string): number {
  let count = 0;
  const visit = (node: Node): void => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3 && c.nodeValue === from) {
        c.nodeValue = to;
        (c as unknown as { data: string }).data = to;
        count++;
      } else if (c.nodeType === 1) visit(c);
    }
  };
  visit(root);
  return count;
}

export function setText(element: Element, text: string): void {
  while (element.firstChild) element.removeChild(element.firstChild);
  element.appendChild(element.ownerDocument!.createTextNode(text));
}
