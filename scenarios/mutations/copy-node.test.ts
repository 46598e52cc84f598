import { DOMParser, type Node } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../test-support/fuzz/fuzz-rng.js';
import { randomDocument } from '../../mock-idp/util/test-support/random-documents.js';
import { copyOf } from './copy-node.js';

/** A node as code reads it: type, every property that is not an object, attributes and children, recursively. */
function shape(node: Node): unknown {
  const record = node as unknown as Record<string, unknown>;
  const scalars: Record<string, unknown> = {};
  for (const key of [
    'nodeType',
    'nodeName',
    'localName',
    'prefix',
    'namespaceURI',
    'nodeValue',
    'data',
    'name',
    'value',
    'tagName',
    'target',
  ])
    scalars[key] = record[key];
  for (const key of Object.keys(record)) if (typeof record[key] !== 'object') scalars[key] = record[key];
  const attributes = (record.attributes as ArrayLike<Node> | undefined) ?? [];
  const children: unknown[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) children.push(shape(child));
  return { scalars, attributes: Array.from(attributes, shape), children };
}

function check(node: Node): void {
  const copy = copyOf(node);
  const clone = node.cloneNode(true);
  expect(shape(copy)).toEqual(shape(clone));
  expect(copy.ownerDocument).toBe(clone.ownerDocument);
  expect(copy.parentNode).toBeNull();
  expect(copy).not.toBe(node);
  expect(String(copy)).toBe(String(node));
}

describe('copyOf', () => {
  it("makes what xmldom's cloneNode(true) makes, for every node of random documents", () => {
    let nodes = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const doc = randomDocument(seededRng(seed));
      for (const element of Array.from(doc.getElementsByTagName('*'))) {
        check(element);
        nodes++;
      }
    }
    expect(nodes).toBeGreaterThan(1000);
  });

  it('and for parsed documents, whose nodes carry the parser line and column', () => {
    const doc = new DOMParser().parseFromString(
      '<p:r xmlns:p="urn:p" p:a="1" b="&lt;2&#9;"><p:s>t<![CDATA[c]]><!--k--><?pi d?></p:s><t xmlns="urn:t"/></p:r>',
      'text/xml',
    );
    for (const element of Array.from(doc.getElementsByTagName('*'))) check(element);
    expect((copyOf(doc.documentElement!) as unknown as { lineNumber: number }).lineNumber).toBe(1);
  });
});
