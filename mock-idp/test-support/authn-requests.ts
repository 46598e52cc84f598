/** @module Test helper: AuthnRequests as SPs send them, encoded for the Redirect and POST bindings. */
import { deflateRawSync } from 'node:zlib';
import { escapeXmlAttr } from '../util/xml-escape.js';

export interface AuthnRequestFields {
  id?: string;
  issuer: string;
  acsUrl?: string;
  acsIndex?: number;
  forceAuthn?: boolean;
  isPassive?: boolean;
  nameIdFormat?: string;
  destination?: string;
  extra?: string;
}

export function authnRequestXml(fields: AuthnRequestFields): string {
  const attrs = [
    `ID="${escapeXmlAttr(fields.id ?? '_req-0001')}"`,
    'Version="2.0"',
    `IssueInstant="${new Date().toISOString()}"`,
    fields.destination ? `Destination="${escapeXmlAttr(fields.destination)}"` : '',
    fields.acsUrl ? `AssertionConsumerServiceURL="${escapeXmlAttr(fields.acsUrl)}"` : '',
    fields.acsIndex !== undefined ? `AssertionConsumerServiceIndex="${fields.acsIndex}"` : '',
    fields.forceAuthn ? 'ForceAuthn="true"' : '',
    fields.isPassive ? 'IsPassive="true"' : '',
  ].filter(Boolean);
  const policy = fields.nameIdFormat
    ? `<samlp:NameIDPolicy Format="${escapeXmlAttr(fields.nameIdFormat)}" AllowCreate="true"/>`
    : '';
  return `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ${attrs.join(' ')}><saml:Issuer>${escapeXmlAttr(fields.issuer)}</saml:Issuer>${policy}${fields.extra ?? ''}</samlp:AuthnRequest>`;
}

/** The HTTP-Redirect URL for `xml` at `loginUrl` (raw DEFLATE, base64, URL-encoded). */
export function redirectBindingUrl(
  loginUrl: string,
  xml: string,
  relayState?: string,
  extraQuery = '',
): string {
  const params = new URLSearchParams({ SAMLRequest: deflateRawSync(Buffer.from(xml)).toString('base64') });
  if (relayState !== undefined) params.set('RelayState', relayState);
  return `${loginUrl}?${params.toString()}${extraQuery}`;
}

export function postBindingBody(xml: string, relayState?: string): URLSearchParams {
  const body = new URLSearchParams({ SAMLRequest: Buffer.from(xml).toString('base64') });
  if (relayState !== undefined) body.set('RelayState', relayState);
  return body;
}

/** Reads the auto-post form the mock answers with: its action and hidden fields. */
export function readAutoPost(html: string): { action: string; fields: Record<string, string> } | undefined {
  const form = /<form[^>]*action="([^"]*)"/.exec(html);
  if (!form?.[1]) return undefined;
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    fields[m[1]!] = decodeEntities(m[2]!);
  }
  return { action: decodeEntities(form[1]), fields };
}

function decodeEntities(text: string): string {
  return text.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? _m,
  );
}
