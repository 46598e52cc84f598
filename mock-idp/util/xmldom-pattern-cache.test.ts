import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import grammar from '@xmldom/xmldom/lib/grammar.js';
import { describe, expect, it } from 'vitest';

import { memoizeXmldomPatterns } from './xmldom-pattern-cache.js';

/** What a parse yields: the document as text and every complaint, by level. */
function outcome(xml: string, mimeType: 'application/xml' | 'text/html'): unknown {
  const complaints: string[] = [];
  try {
    const doc = new DOMParser({
      onError: (level, message) => void complaints.push(`${level}: ${message}`),
    }).parseFromString(xml, mimeType);
    return { xml: new XMLSerializer().serializeToString(doc), complaints };
  } catch (error) {
    return { thrown: (error as Error).name, complaints };
  }
}

const CORPUS: Array<[string, 'application/xml' | 'text/html']> = [
  ['<a:Response xmlns:a="urn:a"><a:Issuer>x</a:Issuer><b/><c>t</c ></a:Response>', 'application/xml'],
  ['<r><n>é 𝒜</n>\t</r\t>', 'application/xml'],
  ['<r><a></a b></r>', 'application/xml'],
  ['<r><a></a\nb></r>', 'application/xml'],
  ['<r><a></></r>', 'application/xml'],
  ['<r><a></b></r>', 'application/xml'],
  ['<r><a></a', 'application/xml'],
  ['<html><body><p>x</p junk></body></html>', 'text/html'],
  ['<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e "v">]><r>&e;</r>', 'application/xml'],
];

describe('memoizeXmldomPatterns', () => {
  it('changes no parse: the same documents and the same complaints as before, valid and malformed', () => {
    const before = CORPUS.map(([xml, type]) => outcome(xml, type));
    expect(memoizeXmldomPatterns()).toBe(true);
    const after = CORPUS.map(([xml, type]) => outcome(xml, type));
    expect(after).toEqual(before);
    // Each twice more, so the second and later uses of a remembered expression are covered too.
    expect(CORPUS.map(([xml, type]) => outcome(xml, type))).toEqual(before);
  });

  it("hands back the end tag's expression already built, and builds anew for anything else", () => {
    memoizeXmldomPatterns();
    const qName = grammar['QName_group'] as RegExp;
    const spaces = grammar['S_OPT'] as RegExp;
    const endTag = grammar.reg('^', qName, spaces, '$');
    expect(grammar.reg('^', qName, spaces, '$')).toBe(endTag);
    expect(grammar.reg('^', qName)).not.toBe(endTag);
    expect(grammar.reg('^', qName)).toBe(grammar.reg('^', qName));
    const notTheGrammars = /x/;
    expect(grammar.reg('^', notTheGrammars)).not.toBe(grammar.reg('^', notTheGrammars));
    expect(grammar.reg('^', qName, 'a long literal')).not.toBe(grammar.reg('^', qName, 'a long literal'));
    expect(endTag.flags).not.toMatch(/[gy]/);
  });

  it('wraps once however often it is called', () => {
    memoizeXmldomPatterns();
    const wrapped = grammar.reg;
    expect(memoizeXmldomPatterns()).toBe(true);
    expect(grammar.reg).toBe(wrapped);
  });
});
