/**
 * @module A tiny XML builder for generated reports. Text and attribute values are always escaped and
 * stripped of characters XML 1.0 forbids (an SP reply may contain NUL or ESC), so untrusted text can
 * never end an element early or make the file unparsable. No string concatenation of raw input.
 */

export type XmlChild = XmlElement | string;

export interface XmlElement {
  name: string;
  attrs: Record<string, string | number | undefined>;
  children: XmlChild[];
}

/** Build an element; undefined attributes are left out. */
export function el(name: string, attrs: XmlElement['attrs'] = {}, children: XmlChild[] = []): XmlElement {
  return { name, attrs, children };
}

// Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. With the `u` flag a
// lone surrogate is its own code point, outside every allowed range, so it is removed too.
const ILLEGAL = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

export function stripIllegalXmlChars(text: string): string {
  return text.replace(ILLEGAL, '');
}

export function escapeXmlText(text: string): string {
  return stripIllegalXmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also escape quotes, and keep tabs and newlines as references so parsers keep them. */
export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

const NAME = /^[A-Za-z_][\w.-]*$/;

/** Serialize with two-space indentation; an element with only text stays on one line. */
export function serializeXml(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root, '')}\n`;
}

function serialize(node: XmlElement, indent: string): string {
  // Names come from this codebase, never from input; guard anyway so a typo fails loudly.
  if (!NAME.test(node.name)) throw new Error(`invalid XML element name: ${node.name}`);
  const attrs = Object.entries(node.attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => {
      if (!NAME.test(key)) throw new Error(`invalid XML attribute name: ${key}`);
      return ` ${key}="${escapeXmlAttr(String(value))}"`;
    })
    .join('');
  const open = `${indent}<${node.name}${attrs}`;
  if (node.children.length === 0) return `${open}/>`;
  if (node.children.every((c) => typeof c === 'string')) {
    return `${open}>${node.children.map((c) => escapeXmlText(c as string)).join('')}</${node.name}>`;
  }
  const inner = node.children
    .map((c) => (typeof c === 'string' ? `${indent}  ${escapeXmlText(c)}` : serialize(c, `${indent}  `)))
    .join('\n');
  return `${open}>\n${inner}\n${indent}</${node.name}>`;
}
