import { describe, expect, it } from 'vitest';
import { parseXmlStrict } from './test-support/parse-xml.js';
import { stripIllegalXmlChars } from '../mock-idp/util/xml-escape.js';
import { el, serializeXml } from './xml-writer.js';

/** XML 1.0's Char production, negated: what no XML document may contain. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

describe('xml-writer', () => {
  it('writes no character XML 1.0 forbids, in attributes or text (JUnit readers reject the file)', () => {
    const reply = 'a\u0000b\u001bc\ufffed\ud800e\u{1f600}';
    const xml = serializeXml(el('root', { value: reply }, [el('child', {}, [reply])]));
    expect(xml).not.toMatch(NOT_XML_CHAR);
    expect(xml).toContain('<root value="abcde\u{1f600}">');
    expect(xml).toContain('<child>abcde\u{1f600}</child>');
  });

  it('keeps tabs and line breaks of attribute values, and line breaks of text as they are', () => {
    const xml = serializeXml(el('root', { value: 'a\tb\nc' }, [el('child', {}, ['x\ny'])]));
    expect(parseXmlStrict(xml).documentElement?.getAttribute('value')).toBe('a\tb\nc');
    expect(xml).toContain('<child>x\ny</child>');
  });

  it('serializes hostile values into XML that parses back to the same (legal) text', () => {
    const hostile = '"/><script>alert(1)</script><!-- ]]> \u0000\u001b';
    const xml = serializeXml(el('root', { value: hostile }, [el('child', {}, [hostile]), 'mixed']));
    const doc = parseXmlStrict(xml);
    const root = doc.documentElement;
    expect(root?.getAttribute('value')).toBe(stripIllegalXmlChars(hostile));
    expect(root?.getElementsByTagName('child')[0]?.textContent).toBe(stripIllegalXmlChars(hostile));
    expect(root?.getElementsByTagName('script')).toHaveLength(0);
  });

  it('leaves out undefined attributes and refuses invalid names', () => {
    expect(serializeXml(el('a', { x: undefined, y: 1 }))).toContain('<a y="1"/>');
    expect(() => serializeXml(el('a b'))).toThrow();
    expect(() => serializeXml(el('a', { 'x="1" y': '2' }))).toThrow();
  });
});
