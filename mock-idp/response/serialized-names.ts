/**
 * @module How one element's names come back when its document is serialized (@xmldom/xmldom 0.9's
 * XMLSerializer) and parsed again (xml-crypto's xmldom 0.8), for the DOM signer (sign-on-dom.ts).
 * xml-crypto canonicalizes the nodes IT parsed; the DOM signer canonicalizes the nodes it holds, so
 * the two agree only where every element and attribute reads back with the prefix, local name and
 * namespace it has here. A DOM built by hand need not: `setAttribute('p:a')` has no prefix until a
 * parser reads `p:a`, an unprefixed element may be written with some other prefix bound to its
 * namespace, a no-namespace child of a default-namespaced parent is read into the parent's namespace.
 *
 * This follows the serializer's namespace fix-ups step by step (its `needNamespaceDefine` and the
 * default-namespace prefix lookup, the same in 0.8 and 0.9, as the harness's own serializer xml-text.ts
 * reproduces them) to know which declarations the text will carry, then resolves every name against those declarations as a namespace-aware parser does, and
 * answers undefined at the first name that would read back differently.
 */
import type { Attr, Element } from '@xmldom/xmldom';
import { NS } from '../constants/namespaces.js';
import { declaredPrefix, needsDeclaration, writtenName, type VisibleNamespace } from '../util/xml-text.js';

export type { VisibleNamespace };

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

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
  // Indexed, not iterated: the plan runs this for every element of every signed response, mostly before V8
  // has optimized it, where each iterator step and closure is paid in full.
  const map = element.attributes;
  const count = map.length;
  const attrs: Attr[] = new Array<Attr>(count);
  for (let i = 0; i < count; i++) attrs[i] = map[i]!;
  if (!SAFE_QNAME.test(element.tagName) || writtenName(element, attrs, visible) !== element.tagName)
    return undefined;
  // Most elements declare nothing: the parent's list and map are passed on as they are, copied only
  // when this element adds to them.
  let current: readonly VisibleNamespace[] = visible;
  let copied = false;
  for (const attr of attrs) {
    const declared = declaredPrefix(attr);
    if (declared === undefined) continue;
    if (!copied) {
      current = visible.slice();
      copied = true;
    }
    (current as VisibleNamespace[]).push({ prefix: declared, namespace: attr.value });
  }
  const written: Array<readonly [string, string]> = [];
  for (let i = 0; i <= count; i++) {
    // Each attribute, then the element itself: a declaration the serializer adds before its name.
    const node: Element | Attr = i < count ? attrs[i]! : element;
    if (i < count && !SAFE_QNAME.test(attrs[i]!.name)) return undefined;
    if (needsDeclaration(node.prefix, node.namespaceURI, current)) {
      const prefix = node.prefix || '';
      written.push([prefix ? `xmlns:${prefix}` : 'xmlns', node.namespaceURI!]);
      if (!copied) {
        current = visible.slice();
        copied = true;
      }
      (current as VisibleNamespace[]).push({ prefix, namespace: node.namespaceURI! });
    }
    if (i < count) written.push([attrs[i]!.name, attrs[i]!.value]);
  }

  let childScope: ParsedScope = scope;
  // A repeated attribute is not well-formed; each parser recovers its own way. (A set only for a long tag:
  // most have a handful of attributes, compared pairwise for less than a set costs.)
  const seen = written.length > 8 ? new Set<string>() : undefined;
  for (let w = 0; w < written.length; w++) {
    const [name, value] = written[w]!;
    if (seen) {
      if (seen.has(name)) return undefined;
      seen.add(name);
    } else for (let earlier = 0; earlier < w; earlier++) if (written[earlier]![0] === name) return undefined;
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
  return { written, childVisible: current, childScope };
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
