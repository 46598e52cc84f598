/**
 * @module The one XML escaper of the codebase, for every place that writes markup as text: the mock's HTML
 * pages, the runner's browser stop page, the JUnit report. No imports, so reports/ may use it without
 * depending on the mock IdP (docs/contributing.md §1).
 */

// Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. With the `u` flag a
// lone surrogate is its own code point, outside every allowed range, so it is removed too.
const ILLEGAL = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/**
 * Removes the characters an XML 1.0 document cannot hold even as references (NUL, ESC, ...). For
 * documents that must parse, such as the JUnit report carrying an SP's reply. The escapers below do not
 * strip: an HTML page echoing a RelayState passes on what it was given.
 */
export function stripIllegalXmlChars(text: string): string {
  return text.replace(ILLEGAL, '');
}

const TEXT_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** For a text node: markup cannot start; line breaks stay readable in the file. `>` too, for `]]>`. */
export function escapeXmlText(text: string): string {
  return text.replace(/[&<>]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

// Numeric references for the quote, tab and line breaks: valid in XML and in HTML alike (`&apos;` is not
// HTML 4). Attribute-value normalization would turn a literal tab or newline into a space, and an HTML
// parser turns a literal CR into LF, so they travel as references to arrive unchanged.
const ATTR_ESCAPES: Readonly<Record<string, string>> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  "'": '&#39;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** For an attribute value in either quotes, and safe in a text node too (XML or HTML). */
export function escapeXmlAttr(text: string): string {
  return text.replace(/[&<>"'\t\n\r]/g, (c) => ATTR_ESCAPES[c] ?? c);
}
