import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { escapeXmlAttr, escapeXmlText, stripIllegalXmlChars } from './xml-escape.js';

/** XML 1.0's Char production, negated: what no XML document may contain. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

/** Parses strictly: any parser error or warning throws, so an escaping slip cannot pass as a fixed-up parse. */
function parse(xml: string) {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(xml, 'text/xml');
}

const HOSTILE = `"/><x a='1'>&amp; </y><!-- ]]> <![CDATA[ \t\r\n end`;

describe('escapeXmlText', () => {
  it('escapes what starts markup or ends a CDATA section, and keeps quotes and line breaks', () => {
    expect(escapeXmlText(`<a> & "b" 'c' ]]>\n`)).toBe(`&lt;a&gt; &amp; "b" 'c' ]]&gt;\n`);
  });

  it('round-trips hostile text through a parser as one text node', () => {
    const doc = parse(`<r>${escapeXmlText(HOSTILE.replace(/\r/g, ''))}</r>`);
    expect(doc.documentElement?.childNodes).toHaveLength(1);
    expect(doc.documentElement?.textContent).toBe(HOSTILE.replace(/\r/g, ''));
  });
});

describe('escapeXmlAttr', () => {
  it('escapes both quotes, markup, and tab/CR/LF as references', () => {
    expect(escapeXmlAttr(`"x' <y>&\t\r\n`)).toBe('&quot;x&#39; &lt;y&gt;&amp;&#9;&#13;&#10;');
  });

  it('round-trips hostile values unchanged in double- and single-quoted attributes', () => {
    // Without the references, attribute-value normalization would turn tab, CR and LF into spaces.
    for (const quote of ['"', "'"]) {
      const doc = parse(`<r v=${quote}${escapeXmlAttr(HOSTILE)}${quote}/>`);
      expect(doc.documentElement?.getAttribute('v')).toBe(HOSTILE);
      expect(doc.documentElement?.attributes).toHaveLength(1);
    }
  });

  it('is safe in a text node too', () => {
    expect(parse(`<r>${escapeXmlAttr(HOSTILE)}</r>`).documentElement?.textContent).toBe(HOSTILE);
  });

  it('leaves characters it does not need to escape alone (no stripping: a RelayState is echoed as given)', () => {
    expect(escapeXmlAttr('a\u0001b\u{1f600}é')).toBe('a\u0001b\u{1f600}é');
  });
});

describe('stripIllegalXmlChars', () => {
  it('removes what XML 1.0 cannot carry (NUL, ESC, U+FFFE, lone surrogates) and keeps the rest', () => {
    expect(stripIllegalXmlChars('a\u0000b\u001bc\ufffed\ud800e\u{1f600}\t\n\r')).toBe('abcde\u{1f600}\t\n\r');
  });

  it('makes text with control characters (which JUnit consumers choke on) parse', () => {
    const reply = 'SP said \u0000\u0007\u001b[31mred\u000b\u000c';
    // xmldom tolerates them, so check the characters themselves: none outside XML 1.0's Char production.
    const xml = `<r v="${escapeXmlAttr(stripIllegalXmlChars(reply))}">${escapeXmlText(stripIllegalXmlChars(reply))}</r>`;
    expect(xml).not.toMatch(NOT_XML_CHAR);
    const doc = parse(xml);
    expect(doc.documentElement?.textContent).toBe('SP said [31mred');
    expect(doc.documentElement?.getAttribute('v')).toBe('SP said [31mred');
  });
});
