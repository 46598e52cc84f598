/**
 * @module The exclusive canonical form (without comments) of an element, as xml-crypto 6's
 * ExclusiveCanonicalization writes it for the DOM signer's Reference (sign-on-dom.ts): no
 * InclusiveNamespaces prefix list, no ancestor namespaces, an empty default namespace to start from, and
 * SignedXml.defaultNsForPrefix for a prefixed name the DOM holds without a namespace. xml-crypto's
 * canonicalizer recurses through generic helpers and copies the list of prefixes in scope for every node;
 * with each signed response it was ~4% of the harness's CPU in a catalog run. This writes the same text
 * in one walk (issue 11).
 *
 * The rules reproduced, quirks included, since a digest must match byte for byte:
 * - comments are dropped; any other node with non-empty `data` (text, CDATA, even a processing
 *   instruction) is written as text, escaping `& < >` and CR; any other node that is not an element
 *   (an empty text node among them) is refused with an error, as xml-crypto refuses it;
 * - an element is written with its own tag name; a prefixed one declares its prefix unless the innermost
 *   declaration of that prefix already in the output binds it to the same namespace; an unprefixed one
 *   declares the default namespace when it differs from the one in force (writing `xmlns=""` for none),
 *   and that becomes the default its descendants compare against;
 * - each prefixed attribute (not xml:, not xmlns:) declares its prefix the same way, in attribute order;
 *   the element's declarations are then sorted by prefix (String.prototype.localeCompare);
 * - attributes whose name starts with `xmlns` are not written; the others are sorted (no namespace first,
 *   then by namespace URI and local name joined as strings) and their values escape `& < "`, CR, LF, TAB.
 *
 * The DOM signer's catalog test (runner/engine/dom-signing-catalog.test.ts) checks every digest made
 * with it against xml-crypto's, and exclusive-c14n.test.ts compares the two over random documents.
 */
import type { Attr, Element, Node } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';

interface Binding {
  prefix: string;
  namespace: string | null | undefined;
}

/** An element whose children are being written. */
interface Open {
  next: Node | null;
  /** The declarations in the output so far, outermost first (shared with the parent until one is added). */
  scope: Binding[];
  defaultNs: string | null;
  close: string;
}

const DEFAULT_NS_FOR_PREFIX: Readonly<Record<string, string>> = SignedXml.defaultNsForPrefix;
const TEXT_SPECIALS = /[&<>\r]/g;
const ATTRIBUTE_SPECIALS = /[&<"\r\n\t]/g;

/** The element's exclusive canonical form; throws where xml-crypto's canonicalizer throws. */
export function exclusiveC14n(element: Element): string {
  const base: Open = { next: null, scope: [], defaultNs: '', close: '' };
  const stack: Open[] = [base];
  let pending: Node | null = element;
  let out = '';
  for (;;) {
    const frame = stack[stack.length - 1]!;
    let node = pending;
    if (node) pending = null;
    else {
      node = frame.next;
      if (!node) {
        out += frame.close;
        stack.pop();
        if (stack.length === 0) return out;
        continue;
      }
      frame.next = node.nextSibling;
    }
    if (node.nodeType === 8) continue;
    const data = (node as Node & { data?: string }).data;
    if (data) {
      out += data.replace(TEXT_SPECIALS, textEntity);
      continue;
    }
    if (node.nodeType !== 1) throw new Error(`Unable to exclusive canonicalize node type: ${node.nodeType}`);
    const opened = startTag(node as Element, frame);
    out += opened.text;
    stack.push(opened.children);
  }
}

function startTag(element: Element, parent: Open): { text: string; children: Open } {
  let scope = parent.scope;
  let declared: Binding[] | undefined;
  const declare = (prefix: string, namespace: string | null | undefined): void => {
    if (bound(scope, prefix, namespace)) return;
    if (scope === parent.scope) scope = scope.slice();
    const binding = { prefix, namespace };
    scope.push(binding);
    (declared ??= []).push(binding);
  };
  let defaultNs = parent.defaultNs;
  let text = `<${element.tagName}`;
  const prefix = element.prefix;
  if (prefix) declare(prefix, element.namespaceURI || DEFAULT_NS_FOR_PREFIX[prefix]);
  else if (defaultNs !== (element.namespaceURI || '')) {
    defaultNs = element.namespaceURI;
    text += ` xmlns="${defaultNs ?? ''}"`;
  }
  const attrs = element.attributes;
  const count = attrs.length;
  let written: Attr[] | undefined;
  for (let i = 0; i < count; i++) {
    const attr = attrs[i]!;
    const attrPrefix = attr.prefix;
    if (attrPrefix && attrPrefix !== 'xmlns' && attrPrefix !== 'xml') declare(attrPrefix, attr.namespaceURI);
    if (!attr.name.startsWith('xmlns')) (written ??= []).push(attr);
  }
  if (declared) {
    if (declared.length > 1) declared.sort(byPrefix);
    for (const binding of declared) text += ` xmlns:${binding.prefix}="${binding.namespace ?? ''}"`;
  }
  if (written) {
    if (written.length > 1) written.sort(attributeOrder);
    for (const attr of written)
      text += ` ${attr.name}="${attr.value.replace(ATTRIBUTE_SPECIALS, attributeEntity)}"`;
  }
  return {
    text: `${text}>`,
    children: { next: element.firstChild, scope, defaultNs, close: `</${element.tagName}>` },
  };
}

/** The innermost declaration of `prefix` in the output binds it to `namespace`. */
function bound(scope: readonly Binding[], prefix: string, namespace: string | null | undefined): boolean {
  for (let i = scope.length - 1; i >= 0; i--) {
    const binding = scope[i]!;
    if (binding.prefix === prefix) return binding.namespace === namespace;
  }
  return false;
}

function byPrefix(a: Binding, b: Binding): number {
  return a.prefix === b.prefix ? 0 : a.prefix.localeCompare(b.prefix);
}

/** No namespace first, then by namespace URI and local name as one string (null written as "null"). */
function attributeOrder(a: Attr, b: Attr): number {
  if (!a.namespaceURI && b.namespaceURI) return -1;
  if (!b.namespaceURI && a.namespaceURI) return 1;
  const left = `${a.namespaceURI}${a.localName}`;
  const right = `${b.namespaceURI}${b.localName}`;
  return left === right ? 0 : left < right ? -1 : 1;
}

function textEntity(c: string): string {
  return c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#xD;';
}

function attributeEntity(c: string): string {
  switch (c) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '"':
      return '&quot;';
    case '\r':
      return '&#xD;';
    case '\n':
      return '&#xA;';
    default:
      return '&#x9;';
  }
}
