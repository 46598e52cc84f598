import { describe, expect, it } from 'vitest';
import { parseXmlStrict } from './test-support/parse-xml.js';
import { el, escapeXmlAttr, escapeXmlText, serializeXml, stripIllegalXmlChars } from './xml-writer.js';

describe('xml-writer', () => {
  it('strips characters XML 1.0 forbids, lone surrogates included', () => {
    expect(stripIllegalXmlChars('a\u0000b\u001bc\ufffed\ud800e\u{1f600}\t\n\r')).toBe('abcde\u{1f600}\t\n\r');
  });

  it('escapes text and attributes', () => {
    expect(escapeXmlText('<a> & "b" ]]>')).toBe('&lt;a&gt; &amp; "b" ]]&gt;');
    expect(escapeXmlAttr(`"x' <y>\n\t`)).toBe('&quot;x&apos; &lt;y&gt;&#10;&#9;');
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
