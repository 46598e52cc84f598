/**
 * @module The escaping rules the signing fast path must reproduce, per value context (text or attribute):
 * how a value reads after the xml-crypto round trip, how it is written in the posted bytes, and how it is
 * written in exclusive canonical form (https://www.w3.org/TR/xml-c14n#ProcessingModel).
 */

/** Where a value sits in the markup: character data of an element, or an attribute value. */
export type ValueContext = 'text' | 'attribute';

/**
 * The value as the signer's DOM holds it. finishResponse() serializes the draft with @xmldom/xmldom 0.9
 * (text escapes only `<&>`; attributes escape `<>&"` TAB LF CR as references) and xml-crypto re-parses
 * that text with its bundled @xmldom 0.8, which applies XML 1.1 line-end normalization to the raw input
 * (CR LF, CR U+0085, CR, U+0085 and U+2028 all become LF). A raw LF inside an attribute value then
 * becomes a space (attribute-value normalization). Character references are immune to both, so only
 * what the first serializer leaves raw is changed: the fast path must change it the same way, or its
 * bytes would differ from the xml-crypto path's.
 */
export function afterReparse(value: string, _context: ValueContext): string {
  // sign.ts protects line-end characters from xml-crypto's re-parse, so values arrive unchanged.
  return value;
}

/** The posted bytes: xmldom's serializer, then xml-crypto's own `\r` → `&#xD;` on the whole text. */
export function escapeForOutput(value: string, context: ValueContext): string {
  if (context === 'attribute') {
    return OUTPUT_ATTRIBUTE_CHARS.test(value)
      ? value.replace(/[<>&"\t\n\r\u0085\u2028\u2029]/g, (c) => OUTPUT_ESCAPES[c] ?? c)
      : value;
  }
  return OUTPUT_TEXT_CHARS.test(value)
    ? value.replace(/[<>&\r\u0085\u2028\u2029]/g, (c) => OUTPUT_TEXT_ESCAPES[c] ?? c)
    : value;
}
const OUTPUT_ATTRIBUTE_CHARS = /[<>&"\t\n\r\u0085\u2028\u2029]/;
const OUTPUT_TEXT_CHARS = /[<>&\r\u0085\u2028\u2029]/;
/** sign.ts writes these as references so that XML 1.1-normalizing verifiers read them unchanged. */
const LINE_END_REFERENCES: Record<string, string> = {
  '\u0085': '&#x85;',
  '\u2028': '&#x2028;',
  '\u2029': '&#x2029;',
};
const OUTPUT_ESCAPES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
  ...LINE_END_REFERENCES,
};
const OUTPUT_TEXT_ESCAPES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '\r': '&#xD;',
  ...LINE_END_REFERENCES,
};

/** Canonical XML: text escapes `& < > CR`; attributes escape `& < " TAB LF CR` (c14n §2.3). */
export function escapeForCanonical(value: string, context: ValueContext): string {
  if (context === 'attribute') {
    return C14N_ATTRIBUTE_CHARS.test(value)
      ? value.replace(/[&<"\t\n\r]/g, (c) => C14N_ESCAPES[c] ?? c)
      : value;
  }
  return C14N_TEXT_CHARS.test(value) ? value.replace(/[&<>\r]/g, (c) => C14N_ESCAPES[c] ?? c) : value;
}
const C14N_ATTRIBUTE_CHARS = /[&<"\t\n\r]/;
const C14N_TEXT_CHARS = /[&<>\r]/;
const C14N_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};

/**
 * True when every character matches XML 1.0's Char production. Values outside it (C0 controls, lone
 * surrogates, U+FFFE/U+FFFF) make no well-formed document; the fast path leaves them to the DOM path.
 */
export function isXmlText(value: string): boolean {
  return !NON_XML_CHAR.test(value);
}
const NON_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
