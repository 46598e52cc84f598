/**
 * @module A tiny XML builder for generated reports. Text and attribute values are always escaped and
 * stripped of characters XML 1.0 forbids (an SP reply may contain NUL or ESC), so untrusted text can
 * never end an element early or make the file unparsable. No string concatenation of raw input.
 * The escaping itself is the codebase's one escaper (mock-idp/util/xml-escape.ts).
 */
import { escapeXmlAttr, escapeXmlText, stripIllegalXmlChars } from '../mock-idp/util/xml-escape.js';

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
      return ` ${key}="${attrValue(String(value))}"`;
    })
    .join('');
  const open = `${indent}<${node.name}${attrs}`;
  if (node.children.length === 0) return `${open}/>`;
  if (node.children.every((c) => typeof c === 'string')) {
    return `${open}>${node.children.map((c) => textValue(c as string)).join('')}</${node.name}>`;
  }
  const inner = node.children
    .map((c) => (typeof c === 'string' ? `${indent}  ${textValue(c)}` : serialize(c, `${indent}  `)))
    .join('\n');
  return `${open}>\n${inner}\n${indent}</${node.name}>`;
}

const textValue = (text: string): string => escapeXmlText(stripIllegalXmlChars(text));
const attrValue = (text: string): string => escapeXmlAttr(stripIllegalXmlChars(text));
