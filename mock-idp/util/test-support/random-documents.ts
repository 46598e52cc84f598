/**
 * @module Random documents for comparing the harness's own XML writers (xml-text.ts, exclusive-c14n.ts)
 * with the libraries whose bytes they reproduce: elements, attributes and declarations made every way
 * the DOM API allows, with text, CDATA, comments and the odd processing instruction, from a seed, so a
 * failure names a seed that reproduces it.
 */
import { DOMImplementation, type Document, type Element } from '@xmldom/xmldom';
import type { Rng } from '../../../test-support/fuzz/fuzz-rng.js';

const XMLNS = 'http://www.w3.org/2000/xmlns/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

const NAMESPACES = [null, 'urn:a', 'urn:b', 'urn:c', 'urn:oasis:names:tc:SAML:2.0:assertion'];
// 'B' sorts before 'a' by code unit and after it by localeCompare, as the canonicalizer sorts.
const PREFIXES = [null, 'a', 'b', 'saml', 'ds', 'B'];
const LOCALS = ['Response', 'Assertion', 'x', 'Issuer', 'y'];
const VALUES = ['', 'plain', 'a<b>&"c\'', 'tab\there', 'line\nbreak\r', 'é ünïcode ✓', ']]>', '--', '  '];

/** A random document: elements, attributes and declarations made every way the DOM API allows. */
export function randomDocument(next: Rng): Document {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const doc = new DOMImplementation().createDocument(null, '');
  const makeElement = (depth: number): Element => {
    const namespace = pick(NAMESPACES);
    const prefix = namespace ? pick(PREFIXES) : null;
    const local = pick(LOCALS);
    const element =
      next() < 0.1
        ? doc.createElement(prefix ? `${prefix}:${local}` : local)
        : doc.createElementNS(namespace, prefix ? `${prefix}:${local}` : local);
    const attributes = Math.floor(next() * 4);
    for (let i = 0; i < attributes; i++) {
      const kind = next();
      const name = `${pick(LOCALS)}${i}`;
      if (kind < 0.2)
        element.setAttributeNS(XMLNS, `xmlns:${pick(PREFIXES) ?? 'p'}`, pick(NAMESPACES) ?? 'urn:d');
      else if (kind < 0.3) element.setAttributeNS(XMLNS, 'xmlns', pick(NAMESPACES) ?? '');
      else if (kind < 0.4)
        element.setAttribute(`xmlns:${pick(PREFIXES) ?? 'q'}`, pick(NAMESPACES) ?? 'urn:e');
      else if (kind < 0.6) {
        const ns = pick(NAMESPACES);
        const p = ns ? (pick(PREFIXES) ?? 'z') : null;
        element.setAttributeNS(ns, p ? `${p}:${name}` : name, pick(VALUES));
      } else if (kind < 0.65) element.setAttributeNS(XML_NS, 'xml:lang', pick(VALUES));
      else element.setAttribute(next() < 0.2 ? `a:${name}` : name, pick(VALUES));
    }
    const children = depth > 4 ? 0 : Math.floor(next() * 4);
    for (let i = 0; i < children; i++) {
      const kind = next();
      if (kind < 0.55) element.appendChild(makeElement(depth + 1));
      else if (kind < 0.75) element.appendChild(doc.createTextNode(pick(VALUES)));
      else if (kind < 0.85) {
        const data = pick(VALUES);
        // The DOM refuses `]]>` in a new section; a parsed or edited one can still hold it.
        const section = doc.createCDATASection(data === ']]>' ? 'x' : data);
        if (data === ']]>') section.data = data;
        element.appendChild(section);
      } else if (kind < 0.95) element.appendChild(doc.createComment(pick(VALUES)));
      else element.appendChild(doc.createProcessingInstruction('pi', 'data'));
    }
    return element;
  };
  if (next() < 0.1) doc.appendChild(doc.createComment('before'));
  doc.appendChild(makeElement(0));
  if (next() < 0.1) doc.appendChild(doc.createComment('after'));
  return doc;
}
