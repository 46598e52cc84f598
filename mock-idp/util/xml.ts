/**
 * @module Safe XML parsing and serialization.
 * Every XML document from outside (AuthnRequests, SP metadata, responses under test) goes through
 * `parseUntrustedXml`: DTDs are refused before the parser sees them (no entity expansion, no XXE),
 * the size is bounded, and any parser error is fatal rather than silently "repaired".
 */
import { DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';

import { xmlText } from './xml-text.js';
import { memoizeXmldomPatterns } from './xmldom-pattern-cache.js';

memoizeXmldomPatterns();

export type { Document, Element, Node };

export const DEFAULT_MAX_XML_BYTES = 1_000_000;

export class XmlParseError extends Error {
  constructor(
    readonly reason: 'too-large' | 'dtd' | 'malformed' | 'empty',
    message: string,
  ) {
    super(message);
    this.name = 'XmlParseError';
  }
}

const DTD_PATTERN = /<!DOCTYPE|<!ENTITY/i;

export function parseUntrustedXml(xml: string, maxBytes = DEFAULT_MAX_XML_BYTES): Document {
  if (Buffer.byteLength(xml, 'utf8') > maxBytes) {
    throw new XmlParseError('too-large', `XML document is larger than ${maxBytes} bytes`);
  }
  const text = xml.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new XmlParseError('empty', 'XML document is empty');
  if (DTD_PATTERN.test(text))
    throw new XmlParseError('dtd', 'XML document contains a DTD, which is not allowed');
  return parseXml(text);
}

/** Parses XML this process produced itself (still strict: any parser complaint is an error). */
export function parseXml(xml: string): Document {
  const problems: string[] = [];
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') problems.push(message);
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(xml.replace(/^\uFEFF/, ''), 'application/xml');
  } catch (error) {
    throw new XmlParseError(
      'malformed',
      `XML is not well-formed: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (problems.length > 0 || !doc.documentElement) {
    throw new XmlParseError(
      'malformed',
      `XML is not well-formed: ${problems[0]?.split('\n')[0] ?? 'no root element'}`,
    );
  }
  return doc;
}

let ownWriter = true;

/**
 * Test switch: with false, serializeXml always hands the node to XMLSerializer, so a test can compare the
 * two writers over the same inputs. Never turned off outside tests.
 */
export function setXmlTextWriter(on: boolean): void {
  ownWriter = on;
}

/**
 * XMLSerializer's text for the node: written by xml-text.ts (the same bytes, in a fraction of the time)
 * for the documents and elements it reproduces, by XMLSerializer itself for anything else.
 */
export function serializeXml(node: Node): string {
  const type = node.nodeType;
  if (ownWriter && (type === 1 || type === 9)) {
    const text = xmlText(node as Document | Element);
    if (text !== undefined) return text;
  }
  return new XMLSerializer().serializeToString(node);
}

/** Child elements of `parent` with the given namespace and local name, in document order. */
export function childElements(parent: Node, ns: string, localName: string): Element[] {
  const found: Element[] = [];
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (isElement(child) && child.namespaceURI === ns && child.localName === localName) found.push(child);
  }
  return found;
}

export function firstChildElement(parent: Node, ns: string, localName: string): Element | undefined {
  return childElements(parent, ns, localName)[0];
}

export function isElement(node: Node): node is Element {
  return node.nodeType === 1;
}

/** All descendant elements with the given namespace and local name (document order). */
export function descendants(root: Document | Element, ns: string, localName: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(ns, localName));
}

export function textOf(element: Element | undefined): string | undefined {
  return element?.textContent ?? undefined;
}
