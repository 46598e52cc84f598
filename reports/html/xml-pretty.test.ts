import { describe, expect, it } from 'vitest';
import { MAX_INDENT_DEPTH, prettyXml } from './xml-pretty.js';
import { tokenizeXml } from './xml-tokens.js';

describe('prettyXml', () => {
  it('indents elements and keeps text-only elements on one line', () => {
    expect(prettyXml('<?xml version="1.0"?><a><b>text</b><c/><d></d></a>')).toEqual([
      '<?xml version="1.0"?>',
      '<a>',
      '  <b>text</b>',
      '  <c/>',
      '  <d></d>',
      '</a>',
    ]);
  });

  it('puts each attribute of a long start tag on its own line', () => {
    const tag =
      '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" Version="2.0" Destination=\'https://sp/acs\'>';
    expect(prettyXml(`${tag}<x/></samlp:Response>`)).toEqual([
      '<samlp:Response',
      '    xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"',
      '    ID="_r1"',
      '    Version="2.0"',
      "    Destination='https://sp/acs'>",
      '  <x/>',
      '</samlp:Response>',
    ]);
  });

  it('shows a comment splitting a text node (comment injection) on its own line', () => {
    expect(prettyXml('<NameID>victim@example.com<!---->.evil.example</NameID>')).toEqual([
      '<NameID>',
      '  victim@example.com',
      '  <!---->',
      '  .evil.example',
      '</NameID>',
    ]);
  });

  it('never throws on malformed input and loses no characters', () => {
    const inputs = [
      '<a><b attr="unclosed></b></a>',
      '<a>1 < 2 & <3</a>',
      '<a <b>x</b>',
      '<!DOCTYPE r [<!ENTITY x "<y>">]><r>&x;</r>',
      '<a><![CDATA[ <not> a tag ]]></a></a></a>',
      '<a',
      '</',
      '<!-- never closed',
      '',
    ];
    for (const input of inputs) {
      expect(
        tokenizeXml(input)
          .map((t) => t.raw)
          .join(''),
      ).toBe(input);
      expect(() => prettyXml(input)).not.toThrow();
    }
    expect(prettyXml('<a <b>x</b>')).toEqual(['<a', '<b>x</b>']);
    expect(prettyXml('<!DOCTYPE r [<!ENTITY x "<y>">]><r>&x;</r>')).toEqual([
      '<!DOCTYPE r [<!ENTITY x "<y>">]>',
      '<r>&x;</r>',
    ]);
  });

  it('stops indenting at MAX_INDENT_DEPTH, so deep nesting costs lines, not megabytes of spaces', () => {
    const deep = prettyXml(`${'<a>'.repeat(1000)}${'</a>'.repeat(1000)}`);
    // 999 start tags, the innermost <a></a> on one line, 999 end tags.
    expect(deep).toHaveLength(1999);
    expect(deep[MAX_INDENT_DEPTH]).toBe(`${'  '.repeat(MAX_INDENT_DEPTH)}<a>`);
    expect(deep[999]).toBe(`${'  '.repeat(MAX_INDENT_DEPTH)}<a></a>`);
    expect(Math.max(...deep.map((l) => l.length))).toBe(2 * MAX_INDENT_DEPTH + '<a></a>'.length);
    expect(deep.at(-1)).toBe('</a>');
  });

  it('gives up as soon as the document takes more than maxLines lines', () => {
    const xml = `${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`;
    expect(prettyXml(xml, 2000)).toBeUndefined();
    expect(prettyXml('<a><b/><c/></a>', 4)).toEqual(['<a>', '  <b/>', '  <c/>', '</a>']);
    expect(prettyXml('<a><b/><c/></a>', 3)).toBeUndefined();
  });
});
