/**
 * @module Decoding SAMLRequest/SAMLResponse parameters of the HTTP-Redirect and HTTP-POST bindings into
 * XML, with hard bounds on input size and inflated size so hostile input (10 MB base64, deflate bombs)
 * costs microseconds and never more than MAX_MESSAGE_BYTES of memory.
 */
import { inflateRawSync } from 'node:zlib';
import { NS } from '../constants/namespaces.js';
import { parseUntrustedXml, XmlParseError, type Document, type Element } from '../util/xml.js';
import { AadstsError } from './aadsts.js';

export type MessageBinding = 'redirect' | 'post';

/** Largest decoded (inflated) SAML message accepted; a real AuthnRequest is 1–4 KB. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

/**
 * Largest encoded parameter accepted: base64 of MAX_MESSAGE_BYTES plus room for the line breaks some
 * SPs put into POSTed base64. Checked before any other work, so a huge input is rejected in O(1).
 */
export const MAX_ENCODED_CHARS = Math.ceil((MAX_MESSAGE_BYTES * 4) / 3) + 16 * 1024;

// Strict base64 (padding required), like .NET's Convert.FromBase64String; Buffer.from would silently
// skip invalid characters and decode garbage.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a SAMLRequest (or SAMLResponse) parameter value, already URL/form-decoded, into XML text.
 * Redirect: base64 then raw DEFLATE (bindings §3.4.4.1). POST: base64 only.
 * @throws AadstsError 750054 when the parameter is absent, 75005 when it cannot be decoded.
 */
export function decodeSamlMessage(encoded: string | undefined, binding: MessageBinding): string {
  if (encoded === undefined) throw new AadstsError('750054');
  if (encoded.length > MAX_ENCODED_CHARS) throw invalid('the message is too large');
  const compact = encoded.replace(/[\s]+/g, '');
  if (compact === '') throw invalid('the message is empty');
  if (!BASE64.test(compact)) throw invalid('the message is not valid base64');
  const bytes = Buffer.from(compact, 'base64');
  const xmlBytes = binding === 'redirect' ? inflateBounded(bytes) : bytes;
  if (xmlBytes.length > MAX_MESSAGE_BYTES) throw invalid('the message is too large');
  if (xmlBytes.length === 0) throw invalid('the message is empty');
  try {
    return UTF8.decode(xmlBytes);
  } catch {
    throw invalid('the message is not UTF-8');
  }
}

function inflateBounded(bytes: Buffer): Buffer {
  try {
    // maxOutputLength makes zlib stop as soon as the limit is crossed: a deflate bomb costs ~256 KiB.
    return inflateRawSync(bytes, { maxOutputLength: MAX_MESSAGE_BYTES });
  } catch (error) {
    const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    throw invalid(tooLarge ? 'the inflated message is too large' : 'the message is not valid DEFLATE data');
  }
}

function invalid(detail: string): AadstsError {
  return new AadstsError('75005', { detail });
}

// eslint-disable-next-line no-control-regex -- these are exactly the characters looked for
const ILLEGAL_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ILLEGAL_XML_CHAR_REF =
  /&#(?:0*(?:[0-8]|1[124-9]|2\d|3[01]|6553[45])|[xX]0*(?:[0-8bBcCeEfF]|1[\da-fA-F]|[fF]{3}[eEfF]));/;

/** The SAML protocol messages /saml2 can receive, by root element (samlp namespace). */
export type SamlMessageKind = 'AuthnRequest' | 'LogoutRequest' | 'LogoutResponse' | 'Response';
const KINDS: readonly string[] = ['AuthnRequest', 'LogoutRequest', 'LogoutResponse', 'Response'];

export interface SamlMessageDocument {
  document: Document;
  root: Element;
  kind: SamlMessageKind;
}

/**
 * Parses decoded message XML (DTDs refused, size bounded) and names it by its root element, matched by
 * namespace URI so any prefix works. Lets the /saml2 endpoint dispatch without parsing twice.
 * @throws AadstsError 75005 for malformed XML, a DTD, or a root that is no SAML protocol message.
 */
export function parseSamlMessage(xml: string): SamlMessageDocument {
  // XML 1.0 §2.2 has no U+0000 (nor most C0 controls, U+FFFE, U+FFFF), raw or as a character reference;
  // the DOM parser lets some through, Entra refuses the message (AADSTS75005).
  if (ILLEGAL_XML_CHAR.test(xml) || ILLEGAL_XML_CHAR_REF.test(xml))
    throw invalid('the message contains a character XML does not allow');
  let document: Document;
  try {
    document = parseUntrustedXml(xml, MAX_MESSAGE_BYTES);
  } catch (error) {
    if (error instanceof XmlParseError) throw invalid(`the XML was rejected (${error.reason})`);
    throw error;
  }
  const root = document.documentElement;
  if (!root || root.namespaceURI !== NS.samlp || !KINDS.includes(root.localName ?? '')) {
    throw invalid('the root element is not a SAML 2.0 protocol message');
  }
  return { document, root, kind: root.localName as SamlMessageKind };
}

/** One query parameter as received: `raw` is the exact text from the URL, `value` its decoded form. */
export interface RawQueryParam {
  raw: string;
  value: string;
}

/** The SAML parameters of an HTTP-Redirect query string; other parameters (login_hint, ...) are not kept. */
export interface RedirectQuery {
  samlRequest?: RawQueryParam;
  samlResponse?: RawQueryParam;
  relayState?: RawQueryParam;
  sigAlg?: RawQueryParam;
  signature?: RawQueryParam;
}

// A Map, not an object literal: a parameter named `__proto__` or `constructor` must not match.
const REDIRECT_PARAMS = new Map<string, keyof RedirectQuery>([
  ['SAMLRequest', 'samlRequest'],
  ['SAMLResponse', 'samlResponse'],
  ['RelayState', 'relayState'],
  ['SigAlg', 'sigAlg'],
  ['Signature', 'signature'],
]);

/** Percent-encoding can triple the length of a base64 parameter; anything longer is not ours to decode. */
export const MAX_QUERY_CHARS = 3 * MAX_ENCODED_CHARS + 8 * 1024;

/**
 * Splits a raw query string (with or without the leading `?`), keeping each SAML parameter's raw text:
 * Redirect signatures cover the bytes as the SP sent them (bindings §3.4.4.1), and re-encoding would
 * break SPs that encode differently (lowercase hex, `%20` vs `+`).
 * @throws AadstsError 75005 for a repeated SAML parameter (which copy was signed?), bad %-escapes or
 *   an over-long query.
 */
export function parseRedirectQuery(rawQuery: string): RedirectQuery {
  if (rawQuery.length > MAX_QUERY_CHARS) throw invalid('the query string is too large');
  const query: RedirectQuery = {};
  for (const pair of rawQuery.replace(/^\?/, '').split('&')) {
    const eq = pair.indexOf('=');
    const name = REDIRECT_PARAMS.get(formDecode(eq < 0 ? pair : pair.slice(0, eq)));
    if (!name) continue;
    if (query[name]) throw invalid('the query string repeats a SAML parameter');
    const raw = eq < 0 ? '' : pair.slice(eq + 1);
    query[name] = { raw, value: formDecode(raw) };
  }
  return query;
}

function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw invalid('the query string has an invalid percent-encoding');
  }
}
