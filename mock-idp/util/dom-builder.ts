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
 * Creates `qualifiedName` in namespace `ns`; `xmlns*` attributes become namespace declarations, and a prefixed
 * attribute whose prefix one of them declares goes in that namespace, as a parser reads it back (so the DOM
 * signer can prove the bytes it signs). Other names are set as given.
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
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      el.setAttributeNS(NS.xmlns, name, value);
      continue;
    }
    const namespace = name.includes(':') ? declaredIn(attrs, name.slice(0, name.indexOf(':'))) : undefined;
    if (namespace !== undefined) el.setAttributeNS(namespace, name, value);
    else el.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === undefined || child === false) continue;
    el.appendChild(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
  return el;
}

/** The namespace `attrs` declare for `prefix` (an `xmlns:prefix` among them), if they do. */
function declaredIn(attrs: Attrs, prefix: string): string | undefined {
  return attrs.find(([name, value]) => value !== undefined && name === `xmlns:${prefix}`)?.[1];
}
