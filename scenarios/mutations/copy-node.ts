/**
 * @module A deep copy of a node, as xmldom's `node.cloneNode(true)` makes it, several times faster. xmldom 0.9
 * clones each node and each attribute by walking it with generic callbacks and copying its properties with a
 * for-in loop that also visits the ~40 constants every node inherits; the signature-wrapping mutations clone a
 * signed Assertion or Response per response they build (0.5 ms each in a catalog run). Here each node is made
 * by the document's own factory, then given the same own properties xmldom's clone copies (every own property
 * that is not an object: names, namespace, prefix, value, data, the parser's line and column), and its
 * attributes and children the same way. Nodes of any other type (entity references, doctypes) are cloned by
 * xmldom itself. copy-node.test.ts compares the two copies property by property.
 */
import type { Attr, Document, Node } from '@xmldom/xmldom';

/** A deep copy of `node`, owned by its document, not yet in it. */
export function copyOf<T extends Node>(node: T): T {
  const doc = (node.ownerDocument ?? node) as Document;
  return copyNode(doc, node) as T;
}

function copyNode(doc: Document, source: Node): Node {
  let copy: Node;
  switch (source.nodeType) {
    case 1: {
      // createElement: no name check (the name is the source's, checked when it was made), no namespace
      // applied from the name; the names and namespace themselves come from the source below.
      copy = doc.createElement(source.nodeName);
      copyScalars(source, copy);
      const attributes = (source as Node & { attributes: ArrayLike<Attr> }).attributes;
      const element = copy as Node & { setAttributeNode(attr: Attr): Attr | null };
      for (let i = 0; i < attributes.length; i++)
        element.setAttributeNode(copyAttribute(doc, attributes[i]!));
      for (let child = source.firstChild; child; child = child.nextSibling)
        copy.appendChild(copyNode(doc, child));
      return copy;
    }
    case 3:
      copy = doc.createTextNode('');
      break;
    case 4:
      copy = doc.createCDATASection('');
      break;
    case 8:
      copy = doc.createComment('');
      break;
    default:
      return source.cloneNode(true);
  }
  copyScalars(source, copy);
  return copy;
}

function copyAttribute(doc: Document, source: Attr): Attr {
  // An attribute's name passed the same check when it was made, but the node may come from another parser:
  // one createAttribute refuses is cloned by xmldom.
  let copy: Attr;
  try {
    copy = doc.createAttribute(source.nodeName);
  } catch {
    return source.cloneNode(true) as Attr;
  }
  copyScalars(source, copy);
  return copy;
}

/**
 * What xmldom's clone copies: every own property whose value is not an object (null included: that one is
 * left as the new node has it), where the values differ. Then the few that may be null on either side, so a
 * copy made by createElement reads exactly as the source.
 */
function copyScalars(source: Node, copy: Node): void {
  const from = source as unknown as Record<string, unknown>;
  const to = copy as unknown as Record<string, unknown>;
  for (const key of Object.keys(from)) {
    const value = from[key];
    if (typeof value !== 'object' && value !== to[key]) to[key] = value;
  }
  if (to.namespaceURI !== from.namespaceURI) to.namespaceURI = from.namespaceURI;
  if (to.prefix !== from.prefix) to.prefix = from.prefix;
}
