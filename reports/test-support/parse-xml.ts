/** @module Strict XML parsing for tests: any parser error or warning fails the test. */
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';

export function parseXmlStrict(xml: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(xml, 'text/xml');
}

export function children(parent: Element | Document, name: string): Element[] {
  return Array.from(parent.getElementsByTagName(name));
}
