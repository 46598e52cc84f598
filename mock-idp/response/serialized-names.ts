/**
 * @module How one element's names come back when its document is serialized (@xmldom/xmldom 0.9's
 * XMLSerializer) and parsed again (xml-crypto's xmldom 0.8), for the DOM signer (sign-on-dom.ts).
 * xml-crypto canonicalizes the nodes IT parsed; the DOM signer canonicalizes the nodes it holds, so
 * the two agree only where every element and attribute reads back with the prefix, local name and
 * namespace it has here. A DOM built by hand need not: `setAttribute('p:a')` has no prefix until a
 * parser reads `p:a`, an unprefixed element may be written with some other prefix bound to its
 * namespace, a no-namespace child of a default-namespaced parent is read into the parent's namespace.
 *
 * This mirrors the serializer's namespace fix-ups step by step (its `needNamespaceDefine` and the
 * default-namespace prefix lookup, the same in 0.8 and 0.9) to know which declarations the text will
 * carry, then resolves every name against those declarations as a namespace-aware parser does, and
 * answers undefined at the first name that would read back differently.
 */
import type { Attr, Element } from '@xmldom/xmldom';
import { NS } from '../constants/namespaces.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** A declaration the serializer sees in scope, exactly as it tracks them (prefix '' is the default). */
export interface VisibleNamespace {
  prefix: string;
  namespace: string;
}

/** The declarations a parser of the text has in scope: prefix ('' for the default) → namespace. */
export type ParsedScope = ReadonlyMap<string, string>;

export interface SerializedNames {
  /** Every attribute in the text's start tag, fix-up declarations included, in written order. */
  written: Array<readonly [name: string, value: string]>;
  /** What the serializer passes on to the children (the parent's own list when this element adds nothing). */
  childVisible: readonly VisibleNamespace[];
  /** What a parser has in scope for the children (the parent's own map when this element declares nothing). */
  childScope: ParsedScope;
}

/** ASCII QNames only: anything else is left to the string path rather than reasoned about. */
const SAFE_QNAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;

/**
 * The element's start tag as written and re-read, or undefined when a name would not read back as
 * the DOM holds it (or the tag is anything unusual enough to not be worth proving).
 */
export function serializedNames(
  element: Element,
  visible: readonly VisibleNamespace[],
  scope: ParsedScope,
): SerializedNames | undefined {
  const attrs = Array.from(element.attributes);
  if (!SAFE_QNAME.test(element.tagName) || writtenPrefixedName(element, attrs, visible) !== element.tagName)
    return undefined;
  // Most elements declare nothing: the parent's list and map are passed on as they are, copied only
  // when this element adds to them (the plan walks every element of every signed response).
  let added: VisibleNamespace[] | undefined;
  const addVisible = (entry: VisibleNamespace): void => {
    (added ??= visible.slice()).push(entry);
  };
  for (const attr of attrs) {
    if (attr.prefix === 'xmlns') addVisible({ prefix: attr.localName ?? '', namespace: attr.value });
    else if (attr.nodeName === 'xmlns') addVisible({ prefix: '', namespace: attr.value });
  }
  const written: Array<readonly [string, string]> = [];
  const fixUp = (node: Element | Attr): void => {
    if (!needNamespaceDefine(node, added ?? visible)) return;
    const prefix = node.prefix || '';
    written.push([prefix ? `xmlns:${prefix}` : 'xmlns', node.namespaceURI!]);
    addVisible({ prefix, namespace: node.namespaceURI! });
  };
  for (const attr of attrs) {
    if (!SAFE_QNAME.test(attr.name)) return undefined;
    fixUp(attr);
    written.push([attr.name, attr.value]);
  }
  fixUp(element);

  let childScope: ParsedScope = scope;
  const names = new Set<string>();
  for (const [name, value] of written) {
    // A repeated attribute is not well-formed; each parser recovers its own way.
    if (names.has(name)) return undefined;
    names.add(name);
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    const prefix = name === 'xmlns' ? '' : name.slice(6);
    // Undeclaring a prefix, binding xml/xmlns or their namespaces: an error to one parser, not another.
    if ((prefix !== '' && value === '') || prefix === 'xml' || prefix === 'xmlns') return undefined;
    if (value === XML_NS || value === NS.xmlns) return undefined;
    if (childScope === scope) childScope = new Map(scope);
    (childScope as Map<string, string>).set(prefix, value);
  }
  if (!readsBack(element.tagName, element, childScope, true)) return undefined;
  for (const attr of attrs) {
    if (attr.name === 'xmlns' || attr.name.startsWith('xmlns:')) {
      // A declaration set with setAttribute() has no prefix here and `xmlns` in the parsed copy; the
      // canonicalizer skips both alike (it renders no attribute whose name starts with "xmlns", and
      // the namespace of none that has no prefix or the prefix xmlns).
      continue;
    }
    if (!readsBack(attr.name, attr, childScope, false)) return undefined;
  }
  return { written, childVisible: added ?? visible, childScope };
}

/** The serializer's element name: an unprefixed element may be written with a prefix bound to its namespace. */
function writtenPrefixedName(element: Element, attrs: Attr[], visible: readonly VisibleNamespace[]): string {
  const uri = element.namespaceURI;
  if (element.prefix || !uri) return element.tagName;
  let defaultNs: string | undefined = attrs.find((a) => a.name === 'xmlns')?.value;
  if (!defaultNs) {
    for (let i = visible.length - 1; i >= 0; i--) {
      const entry = visible[i]!;
      if (entry.prefix === '' && entry.namespace === uri) {
        defaultNs = entry.namespace;
        break;
      }
    }
  }
  if (defaultNs === uri) return element.tagName;
  for (let i = visible.length - 1; i >= 0; i--) {
    const entry = visible[i]!;
    if (entry.namespace === uri) return entry.prefix ? `${entry.prefix}:${element.tagName}` : element.tagName;
  }
  return element.tagName;
}

/** The serializer's own test for writing a declaration before a name. */
function needNamespaceDefine(node: Element | Attr, visible: readonly VisibleNamespace[]): boolean {
  const prefix = node.prefix || '';
  const uri = node.namespaceURI;
  if (!uri) return false;
  if ((prefix === 'xml' && uri === XML_NS) || uri === NS.xmlns) return false;
  for (let i = visible.length - 1; i >= 0; i--) {
    const entry = visible[i]!;
    if (entry.prefix === prefix) return entry.namespace !== uri;
  }
  return true;
}

/**
 * The name as written, resolved as a namespace-aware parser resolves it, gives the node's own prefix,
 * local name and namespace. Unprefixed attributes are in no namespace; an unprefixed element takes the
 * default. An unbound prefix reads back as no namespace in one parser and an error in another.
 */
function readsBack(qname: string, node: Element | Attr, scope: ParsedScope, isElement: boolean): boolean {
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? null : qname.slice(0, colon);
  const local = colon < 0 ? qname : qname.slice(colon + 1);
  let namespace: string | null;
  if (prefix === null) namespace = isElement ? scope.get('') || null : null;
  else if (prefix === 'xml') namespace = XML_NS;
  else {
    const bound = scope.get(prefix);
    if (bound === undefined) return false;
    namespace = bound;
  }
  return (
    (node.prefix ?? null) === prefix && node.localName === local && (node.namespaceURI || null) === namespace
  );
}
