import type { Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { element, newDocument } from './dom-builder.js';

const NAMES: ReadonlyArray<readonly [string | null, string]> = [
  ['urn:oasis:names:tc:SAML:2.0:protocol', 'samlp:Response'],
  ['urn:oasis:names:tc:SAML:2.0:assertion', 'Assertion'],
  ['', 'Plain'],
  [null, 'Plain'],
  ['http://www.w3.org/2000/09/xmldsig#', 'ds:Signature'],
  ['http://www.w3.org/XML/1998/namespace', 'xml:lang'],
];

/** Every own property of an element, objects by their kind (a NodeList, a NamedNodeMap, the document). */
function ownProperties(el: Element): Record<string, unknown> {
  const record = el as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    const value = record[key];
    out[key] =
      value !== null && typeof value === 'object' ? (value.constructor?.name ?? 'no prototype') : value;
  }
  return out;
}

describe('element', () => {
  it('makes what createElementNS makes, the first time a name is met and every time after', () => {
    const doc = newDocument();
    for (const [ns, name] of NAMES)
      for (let i = 0; i < 3; i++) {
        const made = element(doc, ns, name, [['a', '1']], ['t']);
        const reference = doc.createElementNS(ns, name);
        reference.setAttribute('a', '1');
        reference.appendChild(doc.createTextNode('t'));
        expect(ownProperties(made), `${ns} ${name}`).toEqual(ownProperties(reference));
        expect(made.ownerDocument).toBe(doc);
        expect(String(made)).toBe(String(reference));
      }
  });

  it('refuses a name createElementNS refuses, every time, even once the same name was accepted elsewhere', () => {
    const doc = newDocument();
    element(doc, 'urn:a', 'p:x');
    for (let i = 0; i < 2; i++) {
      expect(() => element(doc, null, 'p:x')).toThrow();
      expect(() => element(doc, 'urn:a', 'bad name')).toThrow();
      expect(() => element(doc, 'urn:b', 'xml:x')).toThrow();
    }
  });
});
