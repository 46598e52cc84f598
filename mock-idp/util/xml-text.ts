/**
 * @module The text @xmldom/xmldom 0.9's XMLSerializer writes for a document or element, written in one
 * pass (issue 11). The serializer walks every node through generic enter/exit callbacks, copies the
 * list of visible namespace declarations at every element and builds an array of pieces; in a catalog
 * run it serializes every response the harness sends, mostly as code V8 has not optimized yet, and was
 * ~4% of the harness's CPU. This writes the same bytes by the same rules, for the nodes SAML responses
 * are made of: elements, text, CDATA sections and comments. Anything else (processing instructions,
 * doctypes, entity references, HTML documents or elements, an unprefixed namespaced root, whose prefix
 * the serializer looks up in ways not reproduced here) answers undefined, and serializeXml (xml.ts) hands
 * the node to XMLSerializer as before.
 *
 * The rules reproduced (xmldom's serializeToString, needNamespaceDefine, addSerializedAttribute):
 * - an unprefixed element in a namespace keeps its name when that namespace is the default in force (its
 *   own `xmlns` attribute, else a default declaration visible with that namespace); otherwise it takes
 *   the prefix of the innermost visible declaration of its namespace, if that one has a prefix;
 * - the declarations an element's attributes make are visible to its attributes and children;
 * - before each attribute, and then (when its name was not given a prefix) before the element's own
 *   name is closed, a declaration is written for a namespace whose prefix is not bound to it by the
 *   innermost visible declaration of that prefix (never for no namespace, xml or xmlns);
 * - attribute values escape `< > & "` as entities and TAB, LF, CR as decimal references; text escapes
 *   `< & >`; CDATA sections split `]]>`; comments are written as they are; an element without children
 *   is closed with `/>`.
 * xml-text.test.ts compares the two serializers over random documents, and runner/engine/dom-signing-catalog.test.ts
 * over every response of the catalog (its string path serializes with XMLSerializer, setXmlTextWriter(false)).
 */
import type { Attr, Document, Element, Node } from '@xmldom/xmldom';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** A declaration the serializer has in view, exactly as it tracks them: prefix '' is the default namespace. */
export interface VisibleNamespace {
  prefix: string;
  namespace: string;
}

/** An element whose children are being written: what closes it, and what its children see. */
interface Open {
  next: Node | null;
  visible: VisibleNamespace[];
  close: string;
}

const TEXT_SPECIALS = /[<&>]/g;
const ATTRIBUTE_SPECIALS = /[<>&"\t\n\r]/g;

/**
 * The text XMLSerializer.serializeToString(node) gives, or undefined when the node or anything in it is
 * outside what this reproduces.
 */
export function xmlText(node: Document | Element): string | undefined {
  // The walk starts from a frame holding the document's children, or from the lone element.
  const base: Open = { next: null, visible: [], close: '' };
  let pending: Node | null = null;
  if (node.nodeType === 9) {
    const doc = node as Document;
    if (isHtml(doc)) return undefined;
    const root = doc.documentElement;
    if (root && unprefixedInNamespace(root)) return undefined;
    base.next = doc.firstChild;
  } else {
    if (node.nodeType !== 1 || unprefixedInNamespace(node) || isHtml(node.ownerDocument)) return undefined;
    pending = node;
  }
  let out = '';
  const stack: Open[] = [base];
  for (;;) {
    const frame = stack[stack.length - 1]!;
    let current = pending;
    if (current) pending = null;
    else {
      current = frame.next;
      if (!current) {
        out += frame.close;
        stack.pop();
        if (stack.length === 0) return out;
        continue;
      }
      frame.next = current.nextSibling;
    }
    switch (current.nodeType) {
      case 1: {
        const opened = startTag(current as Element, frame.visible);
        if (opened === undefined) return undefined;
        out += opened.text;
        if (opened.children) stack.push(opened.children);
        break;
      }
      case 3:
        out += dataOf(current).replace(TEXT_SPECIALS, entity);
        break;
      case 4:
        out += `<![CDATA[${dataOf(current).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
        break;
      case 8:
        out += `<!--${dataOf(current)}-->`;
        break;
      default:
        return undefined;
    }
  }
}

/** What the serializer writes of character data: its `data` (nodeValue can lag behind a direct assignment). */
function dataOf(node: Node): string {
  return (node as Node & { data: string }).data;
}

function isHtml(doc: Document | null): boolean {
  return (doc as (Document & { type?: string }) | null)?.type === 'html';
}

/** The root-level lookup the serializer makes for such an element is not reproduced. */
function unprefixedInNamespace(element: Element): boolean {
  return element.prefix == null && !!element.namespaceURI;
}

/** The element's start tag (closed with `/>` when it has no children), and its frame when it has children. */
function startTag(
  element: Element,
  visible: VisibleNamespace[],
): { text: string; children: Open | undefined } | undefined {
  const namespace = element.namespaceURI;
  if (namespace === XHTML_NS) return undefined;
  const attrs = element.attributes;
  const count = attrs.length;
  const tagName = element.tagName;
  const name = writtenName(element, attrs, visible);
  // The list is shared with the parent until this element adds to it.
  let own = visible;
  const add = (entry: VisibleNamespace): void => {
    if (own === visible) own = visible.slice();
    own.push(entry);
  };
  for (let i = 0; i < count; i++) {
    const attr = attrs[i]!;
    const prefix = declaredPrefix(attr);
    if (prefix !== undefined) add({ prefix, namespace: attr.value });
  }
  let text = `<${name}`;
  for (let i = 0; i < count; i++) {
    const attr = attrs[i]!;
    if (needsDeclaration(attr.prefix, attr.namespaceURI, own)) {
      text += declaration(attr.prefix, attr.namespaceURI!);
      add({ prefix: attr.prefix || '', namespace: attr.namespaceURI! });
    }
    text += ` ${attr.name}="${escapeAttribute(attr.value)}"`;
  }
  if (name === tagName && needsDeclaration(element.prefix, namespace, own)) {
    text += declaration(element.prefix, namespace!);
    add({ prefix: element.prefix || '', namespace: namespace! });
  }
  if (!element.firstChild) return { text: `${text}/>`, children: undefined };
  return { text: `${text}>`, children: { next: element.firstChild, visible: own, close: `</${name}>` } };
}

/** The prefix a namespace declaration declares (`xmlns:p`: 'p', `xmlns`: ''), undefined for other attributes. */
export function declaredPrefix(attr: Attr): string | undefined {
  return attr.prefix === 'xmlns' ? (attr.localName ?? '') : attr.nodeName === 'xmlns' ? '' : undefined;
}

/**
 * The element's name as the serializer writes it: an unprefixed element in a namespace that is not the default
 * in force (its own `xmlns`, else a visible default declaration of that namespace) takes the prefix of the
 * innermost visible declaration of its namespace, when that one has a prefix.
 */
export function writtenName(
  element: Element,
  attrs: ArrayLike<Attr>,
  visible: readonly VisibleNamespace[],
): string {
  const namespace = element.namespaceURI;
  const tagName = element.tagName;
  if (element.prefix || !namespace) return tagName;
  let inForce: string | undefined;
  for (let i = 0; i < attrs.length; i++) {
    if (attrs[i]!.name === 'xmlns') {
      inForce = attrs[i]!.value;
      break;
    }
  }
  if (!inForce) {
    for (let i = visible.length - 1; i >= 0; i--) {
      const entry = visible[i]!;
      if (entry.prefix === '' && entry.namespace === namespace) {
        inForce = namespace;
        break;
      }
    }
  }
  if (inForce === namespace) return tagName;
  for (let i = visible.length - 1; i >= 0; i--) {
    const entry = visible[i]!;
    if (entry.namespace === namespace) return entry.prefix ? `${entry.prefix}:${tagName}` : tagName;
  }
  return tagName;
}

/**
 * The serializer writes a declaration before a name with this prefix and namespace: it has a namespace (not
 * xml's or xmlns's), and the innermost visible declaration of the prefix does not bind it there.
 */
export function needsDeclaration(
  prefix: string | null,
  namespace: string | null,
  visible: readonly VisibleNamespace[],
): boolean {
  if (!namespace) return false;
  const own = prefix || '';
  if ((own === 'xml' && namespace === XML_NS) || namespace === XMLNS_NS) return false;
  for (let i = visible.length - 1; i >= 0; i--) {
    const entry = visible[i]!;
    if (entry.prefix === own) return entry.namespace !== namespace;
  }
  return true;
}

/** That declaration as written, with its leading space. */
function declaration(prefix: string | null, namespace: string): string {
  return ` ${prefix ? `xmlns:${prefix}` : 'xmlns'}="${escapeAttribute(namespace)}"`;
}

function escapeAttribute(value: string): string {
  return value.replace(ATTRIBUTE_SPECIALS, entity);
}

function entity(c: string): string {
  switch (c) {
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '&':
      return '&amp;';
    case '"':
      return '&quot;';
    default:
      return `&#${c.charCodeAt(0)};`;
  }
}
