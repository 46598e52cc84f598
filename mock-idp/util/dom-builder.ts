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
  // Indexed loops: every response builds a few hundred elements here, mostly before V8 optimizes this,
  // where each iterator step and destructuring is paid in full.
  for (let i = 0; i < attrs.length; i++) {
    const name = attrs[i]![0];
    const value = attrs[i]![1];
    if (value === undefined) continue;
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      el.setAttributeNS(NS.xmlns, name, value);
      continue;
    }
    const colon = name.indexOf(':');
    const namespace = colon >= 0 ? declaredIn(attrs, name.slice(0, colon)) : undefined;
    if (namespace !== undefined) el.setAttributeNS(namespace, name, value);
    else el.setAttribute(name, value);
  }
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child === undefined || child === false) continue;
    el.appendChild(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
  return el;
}

/** The namespace `attrs` declare for `prefix` (an `xmlns:prefix` among them), if they do. */
function declaredIn(attrs: Attrs, prefix: string): string | undefined {
  return attrs.find(([name, value]) => value !== undefined && name === `xmlns:${prefix}`)?.[1];
}
