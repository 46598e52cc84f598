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
  const el = createElementNS(doc, ns, qualifiedName);
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

/** What xmldom's createElementNS derived from a qualified name it accepted, and the namespace it was given. */
interface AcceptedName {
  /** The namespace as given ('' for none: xmldom reads an empty one as none). */
  given: string;
  namespace: string | null;
  prefix: string | null;
  localName: string | null;
}

/** By qualified name: a name is built in one namespace, so a hit in another is simply checked again. */
const acceptedNames = new Map<string, AcceptedName>();
const MAX_ACCEPTED_NAMES = 512;

/**
 * `doc.createElementNS(ns, qualifiedName)`, the same element: xmldom checks and splits the name (a QName
 * pattern and the namespace rules) on every call, for the few dozen names a response is built from. A name
 * it accepted once in this namespace is made by createElement (no check) and given the namespace, prefix and
 * local name that first call derived, which is everything createElementNS sets beyond it (dom-builder.test.ts
 * compares the two). A name it refuses is refused every time; an HTML document (whose createElement
 * lowercases) always takes createElementNS.
 */
function createElementNS(doc: Document, ns: string | null, qualifiedName: string): Element {
  const accepted = acceptedNames.get(qualifiedName);
  if (accepted?.given !== (ns || '') || (doc as Document & { type?: string }).type === 'html') {
    const el = doc.createElementNS(ns, qualifiedName);
    if (acceptedNames.size < MAX_ACCEPTED_NAMES)
      acceptedNames.set(qualifiedName, {
        given: ns || '',
        namespace: el.namespaceURI,
        prefix: el.prefix,
        localName: el.localName,
      });
    return el;
  }
  const el = doc.createElement(qualifiedName);
  const names = el as unknown as {
    namespaceURI: string | null;
    prefix: string | null;
    localName: string | null;
  };
  names.namespaceURI = accepted.namespace;
  names.prefix = accepted.prefix;
  names.localName = accepted.localName;
  return el;
}

/** The namespace `attrs` declare for `prefix` (an `xmlns:prefix` among them), if they do. */
function declaredIn(attrs: Attrs, prefix: string): string | undefined {
  return attrs.find(([name, value]) => value !== undefined && name === `xmlns:${prefix}`)?.[1];
}
