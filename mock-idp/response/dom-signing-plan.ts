/**
 * @module Whether the DOM signer (sign-on-dom.ts) may sign this document, and where. signElement()
 * serializes the document, and xml-crypto parses that text with its own xmldom (0.8), finds the
 * element by XPath, canonicalizes ITS nodes, places the Signature by a regular expression over the
 * text and serializes again. Signing the nodes held here gives the same bytes only when that round
 * trip gives back these nodes, so one walk over the whole document checks, conservatively:
 *
 * - the text round-trips: no CR, NEL, LINE/PARAGRAPH SEPARATOR (signElement writes them as character
 *   references, and xmldom 0.8 normalizes them), no character outside XML's Char production, no node
 *   but elements, text, comments and CDATA sections that serialize to well-formed XML, one root;
 * - every name reads back as held (serialized-names.ts), and nothing in the signed element leaves a
 *   no-namespace element under a default namespace (xmldom 0.8 reads its namespace as '' where the
 *   DOM holds null, and the canonicalizer then declares xmlns="" again on each child);
 * - the element is the one xml-crypto finds: the first with `ID` equal to the id, the only element with
 *   that value in any attribute ending in `ID` (the placement regex matches the first `ID="id"` in the
 *   text; an id held twice is an XSW document, left to xml-crypto), no `Id`/`id` attribute to take the
 *   Reference URI instead, no CanonicalizationMethod child to lend a PrefixList, and no text anywhere
 *   containing `ID="` for the regex to find first;
 * - and the placement is the one the regex and the location XPath choose: after an Issuer written
 *   right after the start tag (whitespace only between), else first.
 *
 * Empty text nodes are allowed and listed: the serializer writes `<a></a>` for them, xml-crypto's
 * parse drops them (`<a/>` in its output) and its canonicalizer would refuse them here, so the signer
 * removes them. Anything else unusual answers undefined and the caller takes the string path.
 */
import type { Element, Node, Document } from '@xmldom/xmldom';
import { serializedNames, type ParsedScope, type VisibleNamespace } from './serialized-names.js';

export interface DomSigningPlan {
  target: Element;
  /** The Issuer the Signature goes right after; undefined: it goes before the first child. */
  issuer: Element | undefined;
  /** Text nodes with no data, anywhere in the document (serialized as nothing, parsed as nothing). */
  emptyTexts: Node[];
}

/** Characters whose round trip through signElement is not the identity, or that are no XML at all. */
const UNSAFE_CHARS =
  /[^\t\n\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFFFD\uD800-\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Ids that go into XPath literals, a regex and an attribute without escaping on either path. */
const SAFE_ID = /^[^&<>"'\t\n\r]+$/;
const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const ISSUER_NAME = /^(\w+:)?Issuer$/;

interface Frame {
  node: Node;
  visible: readonly VisibleNamespace[];
  scope: ParsedScope;
  /** The canonicalizer's default namespace inside the signed element; undefined outside it. */
  c14nDefault: string | undefined;
}

export function planDomSigning(doc: Document, elementId: string): DomSigningPlan | undefined {
  const root = doc.documentElement;
  if (!SAFE_ID.test(elementId) || !root || doc.childNodes.length !== 1) return undefined;
  let target: Element | undefined;
  let candidate: Element | undefined;
  let issuer: Element | undefined;
  let holders = 0;
  const emptyTexts: Node[] = [];
  const stack: Frame[] = [{ node: root, visible: [], scope: new Map(), c14nDefault: undefined }];
  while (stack.length > 0) {
    const { node, visible, scope, c14nDefault } = stack.pop()!;
    if (node.nodeType !== 1) {
      if (node.nodeType === 3 && node.nodeValue === '') emptyTexts.push(node);
      else if (!safeCharacterData(node)) return undefined;
      continue;
    }
    const element = node as Element;
    if (element.namespaceURI === XHTML_NS) return undefined;
    const names = serializedNames(element, visible, scope);
    if (!names) return undefined;
    let holds = false;
    for (const [name, value] of names.written) {
      if (UNSAFE_CHARS.test(value)) return undefined;
      if (value === elementId && name.endsWith('ID')) holds = true;
    }
    if (holds) holders++;

    let inner = c14nDefault;
    if (target === undefined && element.getAttribute('ID') === elementId) {
      target = element;
      const placement = placementIn(element, names.written);
      if (!placement) return undefined;
      candidate = placement.candidate;
      inner = '';
    }
    // `[\s>]` after the name: an attribute (a fix-up declaration too) or content follows it.
    if (element === candidate && (names.written.length > 0 || element.firstChild)) issuer = element;
    if (inner !== undefined && !element.prefix) {
      const own = element.namespaceURI || '';
      if (own !== inner) {
        if (own === '') return undefined;
        inner = own;
      }
    }
    for (let child = element.lastChild; child; child = child.previousSibling)
      stack.push({ node: child, visible: names.childVisible, scope: names.childScope, c14nDefault: inner });
  }
  return target && holders === 1 ? { target, issuer, emptyTexts } : undefined;
}

/** Text, CDATA and comments that serialize to what parses back as the same data, and hold no `ID="`. */
function safeCharacterData(node: Node): boolean {
  const data = node.nodeValue ?? '';
  if (UNSAFE_CHARS.test(data) || data.includes('ID="')) return false;
  switch (node.nodeType) {
    case 3:
      return true;
    case 4:
      // Empty: xml-crypto's canonicalizer refuses it. `]]>`: written as two sections.
      return data !== '' && !data.includes(']]>');
    case 8:
      return !data.includes('--') && !data.endsWith('-');
    default:
      return false;
  }
}

/**
 * Where signElement puts the Signature, when it is a place this signer reproduces: after the Issuer
 * its regex finds (`ID="id"[^>]*>\s*<(\w+:)?Issuer[\s>]` over the text: whitespace-only text, then an
 * element named Issuer, written with attributes or content; the caller checks that last part), else
 * before the first child. Undefined when the element's ids or children make xml-crypto read something
 * else.
 */
function placementIn(
  target: Element,
  written: ReadonlyArray<readonly [string, string]>,
): { candidate: Element | undefined } | undefined {
  // With no child the start tag ends in `/>`, and the regex runs on into whatever follows the element.
  if (!target.firstChild) return undefined;
  // xml-crypto's Reference URI is the first Id, else ID, else id attribute of any namespace, as parsed.
  const locals = written.map(([name]) => name.slice(name.indexOf(':') + 1));
  if (locals.includes('Id') || locals.includes('id') || locals.filter((n) => n === 'ID').length !== 1)
    return undefined;
  for (let c: Node | null = target.firstChild; c; c = c.nextSibling) {
    // The exclusive canonicalizer takes a PrefixList from a CanonicalizationMethod child.
    if (c.nodeType === 1 && (c as Element).localName === 'CanonicalizationMethod') return undefined;
  }
  let first: Node | null = target.firstChild;
  while (first?.nodeType === 3 && /^\s*$/.test(first.nodeValue ?? '')) first = first.nextSibling;
  const named = first?.nodeType === 1 && ISSUER_NAME.test((first as Element).tagName);
  return { candidate: named ? (first as Element) : undefined };
}
