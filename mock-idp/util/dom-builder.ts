/**
 * @module A small DOM element factory, so signed XML is built as a DOM and never by string templates.
 * Attributes keep the order given: Entra's byte layout puts namespace declarations after the others.
 */
import { DOMImplementation, type Document, type Element } from '@xmldom/xmldom';
import { NS } from '../constants/namespaces.js';

export type Attrs = ReadonlyArray<readonly [name: string, value: string | undefined]>;
export type Child = Element | string | undefined | false;

export function newDocument(): Document {
  return new DOMImplementation().createDocument(null, '');
}

/**
 * Creates `qualifiedName` in namespace `ns`; `xmlns*` attributes become namespace declarations and `xsi:*`
 * attributes go in the XML Schema instance namespace (the element declares the prefix itself).
 */
export function element(
  doc: Document,
  ns: string | null,
  qualifiedName: string,
  attrs: Attrs = [],
  children: readonly Child[] = [],
): Element {
  const el = doc.createElementNS(ns, qualifiedName);
  for (const [name, value] of attrs) {
    if (value === undefined) continue;
    if (name === 'xmlns' || name.startsWith('xmlns:')) el.setAttributeNS(NS.xmlns, name, value);
    // In the DOM as a parser reads it back (namespaced), so the DOM signer can prove the bytes it signs.
    else if (name.startsWith('xsi:')) el.setAttributeNS(NS.xsi, name, value);
    else el.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === undefined || child === false) continue;
    el.appendChild(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
  return el;
}
