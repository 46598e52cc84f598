/**
 * @module AuthnRequest documents for the fuzzer: the builder every payload starts from, and requests Entra
 * could take or refuse on its rules (ACS URLs the app does not register included).
 */
import type { FuzzContext } from './fuzz-context.js';
import { int, pick, type Rng } from './fuzz-rng.js';

/** Fixed, so that a seed always gives the same bytes (Entra does not check a request's age). */
export const INSTANT = '2025-01-01T00:00:00Z';
export const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';

// ---- XML payloads ----

export interface RequestShape {
  id?: string;
  issuer?: string;
  acsUrl?: string | undefined;
  acsIndex?: string;
  extraAttrs?: string;
  inner?: string;
  nameIdFormat?: string;
  root?: string;
}

export function authnRequest(shape: RequestShape): string {
  const root = shape.root ?? 'AuthnRequest';
  const attrs = [
    `ID="${shape.id ?? '_fz1'}"`,
    'Version="2.0"',
    `IssueInstant="${INSTANT}"`,
    shape.acsUrl !== undefined ? `AssertionConsumerServiceURL="${shape.acsUrl}"` : '',
    shape.acsIndex !== undefined ? `AssertionConsumerServiceIndex="${shape.acsIndex}"` : '',
    shape.extraAttrs ?? '',
  ].filter(Boolean);
  const policy = shape.nameIdFormat ? `<samlp:NameIDPolicy Format="${shape.nameIdFormat}"/>` : '';
  return `<samlp:${root} xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}" ${attrs.join(' ')}><saml:Issuer>${shape.issuer ?? ''}</saml:Issuer>${policy}${shape.inner ?? ''}</samlp:${root}>`;
}

/** AuthnRequests Entra could take or refuse on its rules, ACS URLs the app does not register included. */
export function protocolXml(rng: Rng, ctx: FuzzContext): { name: string; xml: string } {
  const acs = new URL(ctx.acsUrl);
  const unregistered = [
    `${ctx.acsUrl}/`,
    ctx.acsUrl.toUpperCase(),
    `${acs.protocol}//evil@${acs.host}${acs.pathname}`,
    `${acs.origin}${acs.pathname}?x=1`,
    `${acs.origin}${acs.pathname}#frag`,
    `${acs.origin}/other`,
    `https://evil.example/acs`,
    `${ctx.outsideUrl}/acs`,
    `${ctx.canaryUrl}/acs`,
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '//evil.example/acs',
    '',
    ' ',
    `${ctx.acsUrl}%00`,
    `${ctx.acsUrl}\t`,
  ];
  const options: Array<() => { name: string; xml: string }> = [
    () => ({
      name: 'valid',
      xml: authnRequest({
        issuer: pick(rng, [ctx.issuer, ctx.peopleIssuer]),
        acsUrl: pick(rng, [ctx.acsUrl, undefined]),
        id: `_fz${int(rng, 1e9)}`,
      }),
    }),
    () => ({
      name: 'unregistered-acs',
      xml: authnRequest({ issuer: ctx.issuer, acsUrl: escapeAttr(pick(rng, unregistered)) }),
    }),
    () => ({
      name: 'acs-index',
      xml: authnRequest({
        issuer: ctx.issuer,
        acsIndex: pick(rng, ['0', '1', '7', '-1', '99999999999', 'x', '']),
      }),
    }),
    () => ({
      name: 'unknown-issuer',
      xml: authnRequest({
        issuer: escapeAttr(
          pick(rng, ['', 'x', `${ctx.issuer}/`, ctx.issuer.toUpperCase(), 'a'.repeat(5000)]),
        ),
      }),
    }),
    () => ({
      name: 'id-digit',
      xml: authnRequest({ issuer: ctx.issuer, id: pick(rng, ['1abc', '', ' ', '_'.repeat(300)]) }),
    }),
    () => ({
      name: 'nameid-policy',
      xml: authnRequest({
        issuer: ctx.issuer,
        nameIdFormat: pick(rng, [
          'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
          'urn:oasis:names:tc:SAML:2.0:nameid-format:encrypted',
          'urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName',
          'bogus',
          '',
        ]),
      }),
    }),
    () => ({
      name: 'passive-force',
      xml: authnRequest({
        issuer: ctx.issuer,
        extraAttrs: pick(rng, [
          'IsPassive="true"',
          'ForceAuthn="true"',
          'IsPassive="1" ForceAuthn="0"',
          'IsPassive="maybe"',
        ]),
      }),
    }),
    () => ({
      name: 'unsupported-properties',
      xml: authnRequest({
        issuer: ctx.issuer,
        extraAttrs: pick(rng, [
          'ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"',
          'ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact"',
          'AttributeConsumingServiceIndex="3"',
          'Version="1.1"',
          'Destination="https://elsewhere.example/"',
        ]),
        inner: pick(rng, [
          '',
          '<samlp:Scoping><samlp:IDPList/></samlp:Scoping>',
          '<saml:Subject><saml:NameID>admin@contoso.com</saml:NameID></saml:Subject>',
          '<samlp:RequestedAuthnContext Comparison="exact"><saml:AuthnContextClassRef>urn:x</saml:AuthnContextClassRef></samlp:RequestedAuthnContext>',
          '<saml:Conditions NotBefore="x"/>',
          '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/></ds:Signature>',
        ]),
      }),
    }),
    () => ({
      name: 'logout-request',
      xml: `<samlp:LogoutRequest xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}" ID="${pick(rng, ['_lo', '1', ''])}" Version="2.0" IssueInstant="${INSTANT}"><saml:Issuer>${escapeAttr(pick(rng, [ctx.issuer, 'x', '']))}</saml:Issuer>${pick(rng, ['<saml:NameID>B.Simon@contoso.com</saml:NameID>', '', '<saml:NameID/>', '<saml:EncryptedID/>'])}</samlp:LogoutRequest>`,
    }),
  ];
  return pick(rng, options)();
}

export function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
